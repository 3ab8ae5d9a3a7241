package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * The throttled body against the clock: lower bounds only (the bytes cannot come out faster than
 * the cap allows; a loaded machine only makes them slower), never an upper timing bound.
 */
class ThrottledBodyTest {

    static final long RATE = 1 << 20; // 1 MiB/s

    @TempDir
    Path tmp;

    Path file(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(tmp.resolve(name), bytes);
    }

    /** Reads a body to the end: its bytes, the chunk sizes, and when it ended. */
    static final class Reader implements Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final AtomicReference<Subscription> subscription = new AtomicReference<>();
        final long maxBytes;

        Reader(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription.set(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(ByteBuffer b) {
            chunks.add(b.remaining());
            byte[] a = new byte[b.remaining()];
            b.get(a);
            bytes.write(a, 0, a.length);
            if (bytes.size() >= maxBytes) {
                subscription.get().cancel();
                done.complete(System.nanoTime());
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(System.nanoTime());
        }
    }

    static Reader read(AsyncRequestBody body) {
        Reader r = new Reader(Long.MAX_VALUE);
        body.subscribe(r);
        return r;
    }

    @Test
    void givesTheFilesExactBytesNoFasterThanTheCap() throws Exception {
        int size = 3 << 19; // 1.5 MiB: at least 1.5 s at 1 MiB/s, the bucket starting empty
        Path f = file("a.jpg", size, 1);
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE)) {
            AsyncRequestBody body = ThrottledBody.of(f, throttle);
            assertThat(body.contentLength()).contains((long) size);
            long start = System.nanoTime();
            Reader r = read(body);
            long end = r.done.get(30, TimeUnit.SECONDS);
            assertThat(r.bytes.toByteArray()).isEqualTo(Files.readAllBytes(f));
            assertThat((end - start) / 1e9).as("seconds for 1.5 MiB at 1 MiB/s").isGreaterThanOrEqualTo(1.35);
            assertThat(r.chunks).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BandwidthThrottle.MAX_GRANT));
        }
    }

    @Test
    void bodiesInFlightTogetherShareOneCap() throws Exception {
        int size = 3 << 18; // 0.75 MiB each: alone under 1 s, the three together at least 2.25 s
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE)) {
            long start = System.nanoTime();
            List<Reader> readers = List.of(read(ThrottledBody.of(file("a.jpg", size, 1), throttle)),
                    read(ThrottledBody.of(file("b.jpg", size, 2), throttle)), read(ThrottledBody.of(file("c.jpg", size, 3), throttle)));
            long last = 0;
            for (Reader r : readers) {
                last = Math.max(last, r.done.get(30, TimeUnit.SECONDS));
                assertThat(r.bytes.size()).isEqualTo(size);
            }
            assertThat((last - start) / 1e9).as("seconds for 3 x 0.75 MiB at 1 MiB/s").isGreaterThanOrEqualTo(2.0);
        }
    }

    @Test
    void aResendTakesItsTokensAgain() throws Exception {
        int size = 3 << 18;
        Path f = file("a.jpg", size, 1);
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE)) {
            AsyncRequestBody body = ThrottledBody.of(f, throttle);
            long start = System.nanoTime();
            read(body).done.get(30, TimeUnit.SECONDS);
            Reader again = read(body); // the client subscribes again to send the bytes again
            long end = again.done.get(30, TimeUnit.SECONDS);
            assertThat(again.bytes.toByteArray()).isEqualTo(Files.readAllBytes(f));
            assertThat((end - start) / 1e9).as("seconds for 2 x 0.75 MiB at 1 MiB/s").isGreaterThanOrEqualTo(1.35);
        }
    }

    @Test
    void smallCapsGrantSmallChunksAndAnIdleSecondBeforeTheFirstBodySavesNothing() throws Exception {
        try (BandwidthThrottle slow = new BandwidthThrottle(64 << 10)) {
            assertThat(slow.grant()).isEqualTo(16 << 10); // a quarter second of 64 KiB/s
            Reader r = read(ThrottledBody.of(file("a.jpg", 40 << 10, 1), slow));
            r.done.get(30, TimeUnit.SECONDS);
            assertThat(r.chunks).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(16 << 10));
        }
        try (BandwidthThrottle fast = new BandwidthThrottle(8L << 20)) {
            assertThat(fast.grant()).isEqualTo(BandwidthThrottle.MAX_GRANT);
            // idle for a second before the first body: the allowance starts with it, so all 6 MiB go at the cap
            // (the bucket keeps a second of unused allowance, but only from the first take on)
            Thread.sleep(1000);
            long start = System.nanoTime();
            Reader r = read(ThrottledBody.of(file("b.jpg", 6 << 20, 2), fast));
            long end = r.done.get(30, TimeUnit.SECONDS);
            assertThat((end - start) / 1e9).as("seconds for 6 MiB at 8 MiB/s after an idle second").isGreaterThanOrEqualTo(0.7);
        }
    }

    @Test
    void aCancelledBodyDeliversNothingMoreAndAClosedThrottleFailsTheWaitersInsteadOfHanging() throws Exception {
        Path f = file("a.jpg", 4 << 20, 1);
        BandwidthThrottle throttle = new BandwidthThrottle(RATE);
        Reader cancelled = new Reader(64 << 10); // cancels after its first 64 KiB
        ThrottledBody.of(f, throttle).subscribe(cancelled);
        cancelled.done.get(30, TimeUnit.SECONDS);
        int seen = cancelled.chunks.size();
        Reader waiting = read(ThrottledBody.of(f, throttle));
        Thread.sleep(600);
        assertThat(cancelled.chunks).hasSize(seen);
        assertThat(waiting.done).isNotDone();
        throttle.close();
        assertThat(waiting.done).failsWithin(5, TimeUnit.SECONDS);
        assertThat(waiting.bytes.size()).isLessThan(4 << 20);
    }

    @Test
    void countsTokensOnEveryChunk() throws Exception {
        AtomicInteger takes = new AtomicInteger();
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE) {
            @Override
            CompletableFuture<Void> take(long bytes) {
                takes.addAndGet((int) bytes);
                return super.take(bytes);
            }
        }) {
            read(ThrottledBody.of(file("a.jpg", 300_000, 1), throttle)).done.get(30, TimeUnit.SECONDS);
            assertThat(takes.get()).isEqualTo(300_000);
        }
    }
}

package com.rmi360.agent.upload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * One token bucket (Bucket4j) for a whole run: every byte of every file and part in flight, on
 * every connection, takes its tokens here, so the run as a whole stays under the cap however many
 * files are in flight. A token is one byte; the bucket refills greedily (continuously) at the cap
 * and holds at most a quarter second of it, so an idle moment allows no burst larger than that.
 * Grants are at most {@value #MAX_GRANT} bytes ({@link #grant()}), which keeps the flow smooth.
 * Waiting never blocks a thread: {@link #take} returns a future completed by a single scheduler
 * thread when the tokens are there.
 */
class BandwidthThrottle implements AutoCloseable {

    /** Largest number of bytes released at once. */
    static final int MAX_GRANT = 64 << 10;

    private final long bytesPerSecond;
    private final long capacity;
    private final int grant;
    private final Bucket bucket;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rmi360-bwlimit");
        t.setDaemon(true);
        return t;
    });

    /** @param bytesPerSecond the cap, at least 1024 */
    BandwidthThrottle(long bytesPerSecond) {
        if (bytesPerSecond < 1024) {
            throw new IllegalArgumentException("bandwidth cap below 1 KiB/s: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = bytesPerSecond / 4;
        this.grant = (int) Math.min(MAX_GRANT, capacity);
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(bytesPerSecond, Duration.ofSeconds(1))
                        .initialTokens(0).build())
                .build();
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The most bytes one {@link #take} should ask for (chunks of a throttled body are at most this). */
    int grant() {
        return grant;
    }

    /**
     * Completes when {@code bytes} may go out. Tokens are reserved at once, in the order asked,
     * and a request larger than the bucket waits in pieces. Fails (RejectedExecutionException)
     * after {@link #close}.
     */
    CompletableFuture<Void> take(long bytes) {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (long left = bytes; left > 0; left -= capacity) {
            long piece = Math.min(left, capacity);
            done = done.thenCompose(ignored -> bucket.asScheduler().consume(piece, scheduler));
        }
        return done;
    }

    /** The file's bytes as a request body whose chunks are released by this bucket. */
    AsyncRequestBody body(Path file) {
        return new ThrottledBody(AsyncRequestBody.fromFile(b -> b.path(file).chunkSizeInBytes(grant)), this);
    }

    /** Stops the scheduler: bodies still waiting fail. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

package com.rmi360.agent.upload.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rmi360.agent.thread.DaemonThreads;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;


/**
 * One token bucket (Bucket4j) for a whole run: every byte of every file and part in flight, on
 * every connection, takes its tokens here, so the run as a whole stays under the cap however many
 * files are in flight. A token is one byte; the bucket refills greedily (continuously) at the cap
 * from the first {@link #take} on (not from when the run was set up, so the setup allows no burst),
 * and holds at most {@link #CARRY_SECONDS} of it: allowance the connections could not use while the
 * network held them back is spent once they can again, so the run's average stays at the cap,
 * never above it (the bucket starts empty: by any instant at most cap x time since the first take
 * has gone). Grants are at most {@value #MAX_GRANT} bytes ({@link #grant()}), which keeps the flow
 * smooth. Waiting never blocks a thread: {@link #take} returns a future completed by a single
 * scheduler thread when the tokens are there.
 */
public class BandwidthThrottle implements AutoCloseable {

    /** Largest number of bytes released at once. */
    static final int MAX_GRANT = 64 << 10;
    /**
     * Seconds of the cap the bucket keeps (was a quarter second). Beside a greedy flow on the WAN rig
     * (50 Mbit/s, a 25 Mbit/s cap) the connections sometimes sat backlogged for ~10 s at half the cap
     * with nobody asking for tokens, the quarter-second bucket full and the rest lost; a bucket
     * of 4 s caught up (97.7 % of the cap vs 78-89 %) but then ran at 1.5x the cap for 10 s. One
     * second covers short stalls and bounds the overshoot over any window to one second of the cap.
     */
    static final double CARRY_SECONDS = 1.0;

    private final long bytesPerSecond;
    private final long capacity;
    private final int grant;
    private final Bucket bucket;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rmi360-bwlimit"));

    /** @param bytesPerSecond the cap, at least 1024 */
    public BandwidthThrottle(long bytesPerSecond) {
        this(bytesPerSecond, TimeMeter.SYSTEM_NANOTIME);
    }

    /** @param clock the bucket's time (tests give their own) */
    BandwidthThrottle(long bytesPerSecond, TimeMeter clock) {
        if (bytesPerSecond < 1024) {
            throw new IllegalArgumentException("bandwidth cap below 1 KiB/s: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = (long) (bytesPerSecond * CARRY_SECONDS);
        this.grant = (int) Math.min(MAX_GRANT, bytesPerSecond / 4);
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(bytesPerSecond, Duration.ofSeconds(1))
                        .initialTokens(0).build())
                .withCustomTimePrecision(clock)
                .build();
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Tokens in the bucket now, negative while takes wait for theirs. */
    long available() {
        return bucket.getAvailableTokens();
    }

    /** The most bytes one {@link #take} should ask for (chunks of a throttled body are at most this): a quarter second's worth below 256 KiB/s. */
    int grant() {
        return grant;
    }

    /**
     * Completes when {@code bytes} may go out. Tokens are reserved at once, in the order asked,
     * and a request larger than the bucket waits in pieces. Fails (RejectedExecutionException)
     * after {@link #close}.
     */
    CompletableFuture<Void> take(long bytes) {
        if (!started.get() && started.compareAndSet(false, true)) {
            bucket.tryConsumeAsMuchAsPossible(); // what refilled before the first byte was asked for
        }
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (long left = bytes; left > 0; left -= capacity) {
            long piece = Math.min(left, capacity);
            done = done.thenCompose(ignored -> bucket.asScheduler().consume(piece, scheduler));
        }
        return done;
    }

    /** Stops the scheduler: bodies still waiting fail. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

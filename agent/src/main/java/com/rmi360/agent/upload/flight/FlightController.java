package com.rmi360.agent.upload.flight;

import java.util.function.LongSupplier;

/**
 * The adaptive number of files in flight: a throughput hill-climb. Throughput is the bytes of the
 * files acknowledged (completed) per second, sampled over a window that ends once it is at least
 * {@link #MIN_WINDOW_NANOS} long and has seen as many completions as the limit (one "round" of
 * files; on a slow link a window also ends after {@link #MAX_WINDOW_NANOS} with at least one).
 *
 * <ul>
 *   <li>The first window measures the start limit; each window whose limit was reached (the walker
 *   waited for a file slot) and whose throughput beat the one before the last raise by more than
 *   {@link #GAIN} raises the limit again: ×{@link #SLOW_START} at first, ×{@link #PROBE} after the
 *   first plateau or cut.</li>
 *   <li>A raise that did not pay goes back to the limit before it (the knee) and holds it for
 *   {@link #PLATEAU_HOLD_NANOS}, then probes again (links change).</li>
 *   <li>A throttle signal (503 SlowDown, 5xx, a reset or timeout: a retryable failure) cuts the
 *   limit ×{@link #CUT} at once, at most once per {@link #MIN_WINDOW_NANOS}, and holds it for
 *   {@link #CUT_HOLD_NANOS}.</li>
 *   <li>The limit stays within 1 and {@code max}.</li>
 * </ul>
 *
 * Pure: no threads, time from the given clock. Not thread-safe; {@link FilesInFlight} calls it under its lock.
 */
public final class FlightController {

    static final double GAIN = 0.05;
    static final double SLOW_START = 1.5;
    static final double PROBE = 1.25;
    static final double CUT = 0.6;
    static final long MIN_WINDOW_NANOS = 500_000_000L;
    static final long MAX_WINDOW_NANOS = 3_000_000_000L;
    static final long PLATEAU_HOLD_NANOS = 5_000_000_000L;
    static final long CUT_HOLD_NANOS = 5_000_000_000L;

    private final LongSupplier nanos;
    private final int max;
    private final int start;
    private int limit;
    private int peak;
    private int cuts;
    private double factor = SLOW_START;

    private long windowStart;
    private long windowBytes;
    private int windowFiles;
    private boolean windowBound;

    /** Throughput and limit before the last raise (the one a raise must beat); rate < 0 when unknown. */
    private double baseRate = -1;
    private int baseLimit;
    private long holdUntil;
    private long lastCut = Long.MIN_VALUE;

    /**
     * @param start the first limit
     * @param max   the limit never goes above this
     * @param nanos a monotonic clock ({@code System::nanoTime})
     */
    FlightController(int start, int max, LongSupplier nanos) {
        if (max < 1 || start < 1 || start > max) {
            throw new IllegalArgumentException("need 1 <= start <= max, not start " + start + ", max " + max);
        }
        this.nanos = nanos;
        this.max = max;
        this.start = start;
        this.limit = start;
        this.peak = start;
        this.windowStart = nanos.getAsLong();
        this.holdUntil = windowStart;
    }

    int limit() {
        return limit;
    }

    int start() {
        return start;
    }

    int max() {
        return max;
    }

    /** The highest limit so far. */
    int peak() {
        return peak;
    }

    /** How many times a throttle signal cut the limit. */
    int cuts() {
        return cuts;
    }

    /** The walker had to wait for a slot because the limit was reached: more files would have gone. */
    void bound() {
        windowBound = true;
    }

    /** A file of {@code bytes} completed (sent and acknowledged); returns the limit, possibly changed. */
    int completed(long bytes) {
        windowBytes += bytes;
        windowFiles++;
        long now = nanos.getAsLong();
        long length = now - windowStart;
        boolean full = length >= MIN_WINDOW_NANOS && windowFiles >= limit || length >= MAX_WINDOW_NANOS;
        if (full) {
            sample(windowBytes * 1e9 / Math.max(length, 1), now);
        }
        return limit;
    }

    /** A retryable failure (throttling, 5xx, reset, timeout); returns the limit, possibly cut. */
    int throttled() {
        long now = nanos.getAsLong();
        if (lastCut != Long.MIN_VALUE && now - lastCut < MIN_WINDOW_NANOS) {
            return limit; // one burst of failures is one signal
        }
        lastCut = now;
        cuts++;
        factor = PROBE;
        limit = Math.max(1, (int) Math.floor(limit * CUT));
        baseRate = -1;
        holdUntil = now + CUT_HOLD_NANOS;
        newWindow(now);
        return limit;
    }

    private void sample(double rate, long now) {
        boolean wasBound = windowBound;
        newWindow(now);
        if (now < holdUntil) {
            return;
        }
        if (baseRate < 0) { // first measure at this limit: the base to beat, then probe upwards
            baseRate = rate;
            baseLimit = limit;
            if (wasBound) {
                raise();
            }
        } else if (rate > baseRate * (1 + GAIN)) {
            baseRate = rate;
            baseLimit = limit;
            if (wasBound) {
                raise();
            }
        } else if (limit > baseLimit) { // the raise did not pay: back to the knee, hold, probe again later
            limit = baseLimit;
            factor = PROBE;
            baseRate = -1;
            holdUntil = now + PLATEAU_HOLD_NANOS;
        } else {
            baseRate = rate; // same limit, no raise pending: follow the link
        }
    }

    private void raise() {
        int next = Math.min(max, Math.max(limit + 1, (int) Math.ceil(limit * factor)));
        limit = next;
        peak = Math.max(peak, limit);
    }

    private void newWindow(long now) {
        windowStart = now;
        windowBytes = 0;
        windowFiles = 0;
        windowBound = false;
    }
}

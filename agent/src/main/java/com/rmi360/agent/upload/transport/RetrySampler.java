package com.rmi360.agent.upload.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which files' requests carry the CRT client's retry signal ({@link RequestRetries}, a request-level
 * metric publisher). The SDK builds a metric collection on the CRT's callback for every request that
 * has a publisher and hands it to one dispatch thread: about 5 % of the client's CPU on 100,000 files
 * of 4 KiB (profiled, docs/benchmarks.md), for a signal that only matters when requests are retried.
 * So: every file of {@link #ALL_FROM_BYTES} or more (the signal's cost is small beside its bytes),
 * the first {@link #ALL_FIRST} smaller ones (the start of a run, where the limit moves most), then one
 * in {@link #ONE_IN} of them. A throttling server refuses many requests at once, so the sampled ones
 * still see it; the retry count is then a lower bound, and {@link #skipped} says so. Thread-safe.
 */
public final class RetrySampler {

    static final long ALL_FROM_BYTES = 1L << 20;
    static final int ALL_FIRST = 512;
    static final int ONE_IN = 8;

    private final AtomicLong small = new AtomicLong();
    private volatile boolean skipped;

    /** True when the request for a file of {@code size} bytes should carry the retry signal. */
    boolean sample(long size) {
        if (size >= ALL_FROM_BYTES) {
            return true;
        }
        long n = small.getAndIncrement();
        if (n < ALL_FIRST || n % ONE_IN == 0) {
            return true;
        }
        skipped = true;
        return false;
    }

    /** True once a request went without the signal: the retries counted are a sample. */
    boolean skipped() {
        return skipped;
    }
}

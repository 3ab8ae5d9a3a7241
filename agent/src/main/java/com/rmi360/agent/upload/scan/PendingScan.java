package com.rmi360.agent.upload.scan;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.rmi360.agent.thread.DaemonThreads;

/**
 * A run's {@link Scan}, counted on a daemon thread while the run resolves its target and checks it,
 * instead of before: the scan of 2,000 files and the first request to S3 each take tens of
 * milliseconds on loopback (RMI360_TRACE_STARTUP, docs/benchmarks.md), the request a few round trips
 * against AWS. {@link #take} waits for it; {@link #failureFirst} keeps the order of the errors of a
 * scan that came first.
 */
public final class PendingScan {

    private final FutureTask<Scan> counting;

    private PendingScan(Callable<Scan> count) {
        this.counting = new FutureTask<>(count);
    }

    /** Starts {@code count} on its own thread. */
    public static PendingScan start(Callable<Scan> count) {
        PendingScan pending = new PendingScan(count);
        DaemonThreads.start("rmi360-scan", pending.counting);
        return pending;
    }

    /** The scan, once it has finished; its failure (no images, an unreadable folder) is thrown here. */
    public Scan take() throws IOException, InterruptedException {
        try {
            return counting.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * Runs {@code step}, which may start before the scan ends. When {@code step} fails and so did the
     * scan, the scan's failure is thrown, as when the scan ran first: a folder without images says so,
     * whatever the credentials or the bucket.
     */
    public <T> T failureFirst(Callable<T> step) throws Exception {
        try {
            return step.call();
        } catch (Exception e) {
            try {
                take();
            } catch (IOException | RuntimeException scanFailure) {
                if (scanFailure != e) { // the step may have waited for the scan itself
                    scanFailure.addSuppressed(e);
                }
                throw scanFailure;
            }
            throw e;
        }
    }

    /** Waits until the scan has ended, however it ended (before what it reads is closed). */
    public void awaitEnd() {
        try {
            counting.get();
        } catch (ExecutionException failed) {
            // thrown by take() to whoever needed the counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IllegalStateException rethrown(Throwable cause) throws IOException, InterruptedException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}

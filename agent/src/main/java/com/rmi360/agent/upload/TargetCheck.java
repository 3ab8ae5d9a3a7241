package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.rmi360.agent.thread.DaemonThreads;

/**
 * The target opened (region, endpoint, credentials resolved) and checked ({@link CheckedTarget#connect})
 * on a thread of its own while the main thread scans the folder: the S3Client's build and the
 * preflight's first request are mostly class loading, 0.3 s of the time to the first object on
 * loopback (docs/benchmarks.md). The lines the opening prints are held until {@link #join}, after the
 * scan, where they came before; its errors are thrown there too, so a folder without images is still
 * reported first, and a missing bucket is still the run's only line.
 */
public final class TargetCheck implements AutoCloseable {

    /** Opens the target, printing any warning to {@code err}; the caller of {@link #join} closes it. */
    @FunctionalInterface
    public interface Opener {
        UploadTarget open(PrintWriter err) throws IOException;
    }

    private final StringWriter held = new StringWriter();
    private final CompletableFuture<CheckedTarget> checking;
    private boolean joined;

    private TargetCheck(Opener opener, UploadOptions options, boolean javaClient, PrintWriter err) {
        PrintWriter heldErr = new PrintWriter(held, true);
        this.checking = CompletableFuture.supplyAsync(() -> open(opener, heldErr, options, javaClient, err), DaemonThreads.threadPerTask("rmi360-target-check"));
    }

    /**
     * Starts opening and checking the target.
     *
     * @param javaClient the Java multipart client instead of the CRT (RMI360_NO_CRT)
     * @param err the run's stderr, for the transport's warnings once the run takes it
     */
    public static TargetCheck start(Opener opener, UploadOptions options, boolean javaClient, PrintWriter err) {
        return new TargetCheck(opener, options, javaClient, err);
    }

    private static CheckedTarget open(Opener opener, PrintWriter heldErr, UploadOptions options, boolean javaClient,
                                      PrintWriter err) {
        UploadTarget target;
        try {
            target = opener.open(heldErr);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        StartupTrace.mark("target resolved");
        try {
            return CheckedTarget.connect(target, options, javaClient, err);
        } catch (RuntimeException | Error e) {
            target.close();
            throw e;
        }
    }

    /**
     * Waits for the check, prints the lines it held to {@code err}, then throws its error if it
     * failed (the target is then closed). The caller closes the result and its target.
     */
    public CheckedTarget join(PrintWriter err) throws IOException {
        joined = true;
        try {
            return checking.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            err.print(held);
            err.flush();
        }
    }

    /**
     * When the check was never joined (the scan failed first): its lines are dropped, and what it
     * opened is closed once it is done, without waiting for it (a preflight may wait on the network).
     */
    @Override
    public void close() {
        if (!joined) {
            checking.thenAccept(checked -> {
                try (UploadTarget target = checked.target(); checked) {
                    // closed: the clients first, then the target
                }
            });
        }
    }
}

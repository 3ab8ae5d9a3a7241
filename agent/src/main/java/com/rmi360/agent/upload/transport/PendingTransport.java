package com.rmi360.agent.upload.transport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

import com.rmi360.agent.thread.DaemonThreads;

/**
 * The run's {@link S3Transport}, built on a daemon thread while the run builds its S3Client and
 * checks the target, instead of after them: the CRT client and the Transfer Manager took 0.04-0.1 s
 * of the time to the first object on loopback (RMI360_TRACE_STARTUP, docs/benchmarks.md). Its
 * warning lines (the Java fallback's) are held until {@link #take}, so they come where they came
 * before, and a run that stops at the preflight prints none; after that they go straight through.
 * A transport never taken is closed by {@link #close}.
 */
public final class PendingTransport implements AutoCloseable {

    private final CompletableFuture<S3Transport> building;
    private final PrintWriter err;
    private final List<String> held = new ArrayList<>();
    private boolean taken;
    private boolean discarded;

    private PendingTransport(Function<Consumer<String>, S3Transport> create, PrintWriter err) {
        this.err = err;
        this.building = CompletableFuture.supplyAsync(() -> create.apply(this::warn), DaemonThreads.threadPerTask("rmi360-transport"));
    }

    /** Starts {@code create} (given where its warnings go) on its own thread. */
    public static PendingTransport start(Function<Consumer<String>, S3Transport> create, PrintWriter err) {
        return new PendingTransport(create, err);
    }

    /** Waits for the transport, prints the warnings it held; the caller closes the transport. */
    public S3Transport take() {
        S3Transport transport = join();
        synchronized (this) {
            taken = true;
            held.forEach(this::print);
            held.clear();
        }
        return transport;
    }

    private synchronized void warn(String line) {
        if (discarded) {
            return;
        }
        if (taken) {
            print(line);
        } else {
            held.add(line);
        }
    }

    private void print(String line) {
        err.println(line);
        err.flush();
    }

    private S3Transport join() {
        try {
            return building.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the transport if nobody took it (the run stopped before its upload), after its build. */
    @Override
    public void close() {
        boolean unused;
        synchronized (this) {
            unused = !taken;
            discarded = unused; // its warnings are dropped
        }
        if (unused) {
            try {
                building.join().close();
            } catch (CompletionException buildFailed) {
                // nothing was built, nothing to close; the run's own error is the one to report
            }
        }
    }
}

package com.rmi360.agent.upload;

import static com.rmi360.agent.error.Errors.firstLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.report.CsvLog;
import com.rmi360.agent.upload.report.ProgressDisplay;
import com.rmi360.monitor.model.Heartbeat;
import com.rmi360.monitor.model.HeartbeatCodec;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;

/**
 * The run's background thread, every {@value #PERIOD_MILLIS} ms: refreshes the progress display,
 * polls {@code cancel_copy.txt}, cancels the uploads in flight once the run is cancelled, writes
 * the heartbeat every heartbeat interval, syncs the journal and flushes the CSV log. The first
 * warning from the thread or the heartbeat is printed, later ones are not.
 */
final class Ticker {

    static final long PERIOD_MILLIS = 200;

    private final UploadOptions options;
    private final StatusStore status;
    private final CancelSignal cancel;
    private final PrintWriter err;
    private final Progress progress;
    private final long heartbeatEveryNanos;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rmi360-ticker"));
    /** Only the ticker thread reads and writes it once started. */
    private long lastHeartbeat = System.nanoTime();

    /** @param status where the heartbeat goes; null for none */
    Ticker(UploadOptions options, StatusStore status, CancelSignal cancel, PrintWriter err, Progress progress) {
        this.options = options;
        this.status = status;
        this.cancel = cancel;
        this.err = err;
        this.progress = progress;
        this.heartbeatEveryNanos = Math.max(1, options.heartbeatInterval().toMillis()) * 1_000_000L;
    }

    /** Starts ticking. */
    void start(ProgressDisplay display, InFlightUploads inFlight, Journal journal, CsvLog csv) {
        Path cancelFile = options.source().resolve(UploadOptions.CANCEL_FILE);
        executor.scheduleWithFixedDelay(() -> {
            try {
                display.tick();
                if (options.cancelFileTrigger() && Files.exists(cancelFile)) {
                    cancel.trigger(UploadOptions.CANCEL_FILE + " found in " + options.source());
                }
                if (cancel.isSet()) {
                    inFlight.cancelAll();
                }
                if (System.nanoTime() - lastHeartbeat >= heartbeatEveryNanos) {
                    lastHeartbeat = System.nanoTime();
                    heartbeat();
                }
                journal.sync();
                csv.flush();
            } catch (Exception e) {
                if (warned.compareAndSet(false, true)) {
                    err.println("warning: " + e.getMessage());
                }
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; waits up to 5 s for a tick under way. */
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Writes {@code status/<slug>/heartbeats/<machine>.json} now (when there is a status store and a slug). */
    void heartbeat() {
        if (status == null || options.slug() == null) {
            return;
        }
        try {
            Heartbeat hb = new Heartbeat(options.slug(), Instant.now(), progress.filesDone(), progress.bytesSent(),
                    progress.bytesInFlight());
            status.write(options.bucket(), StatusKeys.machineHeartbeat(options.slug(), options.machine()), HeartbeatCodec.encode(hb), StatusStore.JSON);
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                err.println("warning: heartbeat not written (" + firstLine(e.getMessage()) + ")");
                err.flush();
            }
        }
    }
}

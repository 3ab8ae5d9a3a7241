package com.rmi360.agent.upload.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rmi360.agent.upload.flight.FilesInFlight;
import com.rmi360.agent.upload.flight.FlightSummary;
import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.scan.FileTask;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.agent.upload.transport.FileRetry;

/**
 * {@code --progress json}: one JSON object per line on stdout, each with {@code schema},
 * {@code event} and {@code time} (see docs/progress-json.md). Several threads report (the walk, the
 * upload completions, the ticker): every line is written and flushed under one lock, so lines never
 * interleave. {@link #NONE} writes nothing (the other progress modes).
 */
public final class ProgressEvents {

    /** Bumped when a field changes meaning or goes away; new fields and events do not bump it. */
    public static final int SCHEMA = 1;

    /** Writes nothing. */
    public static final ProgressEvents NONE = new ProgressEvents(null);

    private final PrintWriter out;
    /** Only with an output: building Jackson's first mapper costs the start of a run ~12 ms of CPU (async-profiler). */
    private final ObjectMapper json;

    private ProgressEvents(PrintWriter out) {
        this.out = out;
        this.json = out == null ? null : new ObjectMapper();
    }

    /** Events as JSON lines on {@code out} (stdout). */
    public static ProgressEvents jsonLines(PrintWriter out) {
        return new ProgressEvents(out);
    }

    public boolean enabled() {
        return out != null;
    }

    /** The scan's totals, before the first byte. */
    public void start(UploadOptions o, Scan scan) {
        if (!enabled()) {
            return;
        }
        ObjectNode e = event("start");
        e.put("source", o.source().toString()).put("bucket", o.bucket()).put("prefix", o.prefix()).put("slug", o.slug())
                .put("files_total", scan.images()).put("bytes_total", scan.bytes())
                .put("files_to_send", scan.filesToSend()).put("bytes_to_send", scan.bytesToSend())
                .put("files_in_journal", scan.images() - scan.filesToSend()).put("concurrency", o.concurrency())
                .put("concurrency_mode", o.concurrencyMode().json()).put("concurrency_max", FilesInFlight.maxFiles(o))
                .put("bwlimit_bytes_per_second", o.bwlimit());
        write(e);
    }

    /** A dry run's counts (nothing is sent). */
    public void dryRun(UploadOptions o, Scan scan) {
        if (!enabled()) {
            return;
        }
        ObjectNode e = event("dry_run");
        e.put("source", o.source().toString()).put("bucket", o.bucket()).put("prefix", o.prefix())
                .put("files_total", scan.images()).put("bytes_total", scan.bytes())
                .put("files_to_send", scan.filesToSend()).put("bytes_to_send", scan.bytesToSend());
        write(e);
    }

    /** {@code file_done}, {@code file_failed} or {@code file_cancelled}; {@code error} only for a failure. */
    void file(String event, FileTask t, double seconds, String error) {
        if (!enabled()) {
            return;
        }
        ObjectNode e = event(event);
        e.put("path", t.file().toString()).put("key", t.key()).put("bytes", t.size()).put("seconds", round(seconds));
        if (error != null) {
            e.put("error", error);
        }
        write(e);
    }

    /** A file is sent again after a retryable failure. */
    void retry(FileTask t, int nextAttempt, String error, long pauseMillis) {
        if (!enabled()) {
            return;
        }
        ObjectNode e = event("retry");
        e.put("path", t.file().toString()).put("key", t.key()).put("attempt", nextAttempt)
                .put("max_attempts", FileRetry.ATTEMPTS).put("error", error).put("pause_ms", pauseMillis);
        write(e);
    }

    /** The live counters, with rate (bytes/s since the start) and ETA (null until bytes flow). */
    void progress(Progress p) {
        if (!enabled()) {
            return;
        }
        double secs = Math.max(p.seconds(), 1e-3);
        long sent = Math.min(p.bytesSent(), p.bytesToSend);
        double rate = sent / secs;
        ObjectNode e = event("progress");
        e.put("files_done", p.filesDone()).put("files_failed", p.filesFailed.get()).put("files_to_send", p.filesToSend)
                .put("bytes_sent", sent).put("bytes_to_send", p.bytesToSend)
                .put("bytes_per_second", Math.round(rate)).put("elapsed_seconds", round(secs))
                .put("concurrency", p.concurrency.get());
        if (rate > 0) {
            e.put("eta_seconds", Math.round(Math.max(p.bytesToSend - sent, 0) / rate));
        } else {
            e.putNull("eta_seconds");
        }
        write(e);
    }

    /** A {@code warning:} line of the run (also on stderr). */
    void warning(String message) {
        if (!enabled()) {
            return;
        }
        write(event("warning").put("message", message));
    }

    /** The last event: the run's counts and the process's exit code. */
    public void summary(UploadOutcome outcome, int exitCode) {
        if (!enabled()) {
            return;
        }
        UploadReport r = outcome.report();
        ObjectNode e = event("summary");
        e.put("status", r.cancelled() ? "cancelled" : exitCode == 0 ? "done" : "failed").put("exit_code", exitCode)
                .put("files_total", r.total()).put("uploaded", r.uploaded()).put("skipped_journal", r.skippedJournal())
                .put("skipped_remote", r.skippedRemote()).put("failed", r.failed()).put("bytes_uploaded", r.bytesUploaded())
                .put("seconds", round(r.elapsed().toMillis() / 1000.0)).put("files_sent_again", r.fileRetries())
                .put("conflicts", r.conflicts().size());
        FlightSummary f = r.flight();
        if (f != null) {
            e.put("concurrency_mode", f.mode().json()).put("concurrency_start", f.start())
                    .put("concurrency_peak", f.peak()).put("concurrency_final", f.end()).put("concurrency_max", f.max())
                    .put("concurrency_cuts", f.cuts()).put("concurrency_held_by_bytes", f.heldAt());
        }
        if (r.cancelled()) {
            e.put("cancel_reason", outcome.cancelReason());
        }
        OptionalLong retries = outcome.requestRetries();
        if (retries.isPresent()) {
            e.put("request_retries", retries.getAsLong());
        } else {
            e.putNull("request_retries");
        }
        write(e);
    }

    private ObjectNode event(String name) {
        ObjectNode e = json.createObjectNode();
        e.put("schema", SCHEMA).put("event", name).put("time", Instant.now().toString());
        return e;
    }

    private void write(ObjectNode e) {
        String line;
        try {
            line = json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}

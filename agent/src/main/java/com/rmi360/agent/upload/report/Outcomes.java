package com.rmi360.agent.upload.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.upload.flight.FlightSummary;
import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.scan.FileTask;

/**
 * What happened to each file of one run: every outcome moves its counters (and the live
 * {@link Progress}), writes its CSV row and, for a failure, its error line; the counters make the
 * {@link UploadReport}. Thread-safe.
 */
public final class Outcomes {

    private final CsvLog csv;
    private final Progress progress;
    private final ErrorLines errors;
    private final ProgressEvents events;

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong skippedRemote = new AtomicLong();
    private final AtomicLong skippedJournal = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fileRetries = new AtomicLong();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final ConcurrentLinkedQueue<String> conflicts = new ConcurrentLinkedQueue<>();

    Outcomes(CsvLog csv, Progress progress, ErrorLines errors) {
        this(csv, progress, errors, ProgressEvents.NONE);
    }

    public Outcomes(CsvLog csv, Progress progress, ErrorLines errors, ProgressEvents events) {
        this.csv = csv;
        this.progress = progress;
        this.errors = errors;
        this.events = events;
    }

    /** An image was found (whatever becomes of it). */
    public void found() {
        total.incrementAndGet();
    }

    /** The journal vouches for the file: no request made. */
    public void skippedJournal(FileTask t) {
        skippedJournal.incrementAndGet();
        csv.file(t.file(), t.key(), "skipped", "in journal", t.size(), 0);
    }

    /** --verify-remote found the file's bytes already in S3 (and journaled them). */
    public void skippedRemote(FileTask t) {
        skippedRemote.incrementAndGet();
        csv.file(t.file(), t.key(), "skipped", "already in S3 (verified)", t.size(), 0);
    }

    /** Sent, verified and journaled. */
    public void uploaded(FileTask t, double secs) {
        uploaded.incrementAndGet();
        bytesUploaded.addAndGet(t.size());
        progress.filesDone.incrementAndGet();
        csv.file(t.file(), t.key(), "uploaded", "", t.size(), secs);
        events.file("file_done", t, secs, null);
    }

    /** The object already in S3 holds these bytes (a 412 on the conditional write, then checked): journaled, not sent. */
    public void alreadyThere(FileTask t, double secs) {
        skippedRemote.incrementAndGet();
        progress.filesDone.incrementAndGet();
        csv.file(t.file(), t.key(), "skipped", "already in S3 (same bytes)", t.size(), secs);
        events.file("file_skipped", t, secs, null);
    }

    /**
     * The object in S3 holds other bytes and this machine's journal does not know it (another
     * machine wrote it, or a run without the journal): left as it is, a CSV row with status
     * {@code conflict} and an error line.
     */
    public void conflict(FileTask t, double secs) {
        conflicts.add(t.key());
        errors.print(t.file() + ": " + CONFLICT_MESSAGE);
        csv.file(t.file(), t.key(), "conflict", CONFLICT_MESSAGE, t.size(), secs);
        events.file("file_conflict", t, secs, CONFLICT_MESSAGE);
    }

    static final String CONFLICT_MESSAGE = "s3 object differs (written by another machine or unknown to this journal); "
            + "not replaced, use --overwrite to replace it";

    /** Stopped by the run's cancel: a CSV row, not a failure. */
    public void cancelled(FileTask t, double secs) {
        csv.file(t.file(), t.key(), "error", "cancelled", t.size(), secs);
        events.file("file_cancelled", t, secs, null);
    }

    /** A file sent again after its request-level retries ran out. */
    void retried() {
        fileRetries.incrementAndGet();
    }

    /** {@code t} is sent again (attempt {@code next}) after {@code pauseMillis}, having failed with {@code error}. */
    public void retried(FileTask t, int next, String error, long pauseMillis) {
        retried();
        events.retry(t, next, error, pauseMillis);
    }

    /** A file that failed; {@code message} goes on both its error line and its CSV row. */
    public void failed(FileTask t, double secs, String message) {
        failed(t, secs, message, message);
    }

    /**
     * A file that failed: counted, an error line {@code <file>: <userMessage>}, a CSV error row
     * with {@code csvMessage}.
     */
    public void failed(FileTask t, double secs, String csvMessage, String userMessage) {
        failed.incrementAndGet();
        progress.filesFailed.incrementAndGet();
        errors.print(t.file() + ": " + userMessage);
        csv.file(t.file(), t.key(), "error", csvMessage, t.size(), secs);
        events.file("file_failed", t, secs, userMessage);
    }

    /**
     * A file whose outcome could not be recorded (the journal or the CSV log threw): counted as
     * failed with its error line; no CSV row, nor a failure on the progress line.
     */
    void unrecorded(Path file, String message) {
        failed.incrementAndGet();
        errors.print(file + ": " + message);
    }

    /** {@link #unrecorded(Path, String)} of a started file, also a {@code file_failed} event. */
    public void unrecorded(FileTask t, String message) {
        unrecorded(t.file(), message);
        events.file("file_failed", t, t.seconds(), message);
    }

    UploadReport report(Duration elapsed, boolean cancelled) {
        return report(elapsed, cancelled, null);
    }

    /** The report, with what the run did with its files in flight. */
    public UploadReport report(Duration elapsed, boolean cancelled, FlightSummary flight) {
        return new UploadReport(total.get(), uploaded.get(), skippedRemote.get(), skippedJournal.get(), failed.get(),
                bytesUploaded.get(), elapsed, cancelled, fileRetries.get(), List.copyOf(conflicts), flight);
    }
}

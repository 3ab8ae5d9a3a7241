package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.upload.flight.FilesInFlight;
import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.remote.RemoteCheck;
import com.rmi360.agent.upload.remote.RemoteState;
import com.rmi360.agent.upload.remote.SkipPolicy;
import com.rmi360.agent.upload.report.CsvLog;
import com.rmi360.agent.upload.report.ErrorLines;
import com.rmi360.agent.upload.report.Outcomes;
import com.rmi360.agent.upload.report.ProgressDisplay;
import com.rmi360.agent.upload.report.ProgressEvents;
import com.rmi360.agent.upload.report.UploadReport;
import com.rmi360.agent.upload.scan.FileTask;
import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.scan.KeyMapper;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.agent.upload.transport.BandwidthThrottle;
import com.rmi360.agent.upload.transport.S3Transport;
import com.rmi360.agent.upload.transport.UploadRequests;
import com.rmi360.monitor.model.StatusStore;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The upload run. One thread walks the tree lazily ({@link ImageWalker}); each image that the
 * {@link SkipPolicy} does not skip goes into the {@link FilePipeline} (a slot, checksum, send,
 * verify, journal), so memory is bounded by the slots ({@link FilesInFlight}: pinned, or adaptive
 * under a file and byte bound) whatever the file count. A {@link Ticker}
 * refreshes the progress display, polls {@code cancel_copy.txt}, syncs the journal and writes the
 * heartbeat. On cancel: no new file starts, in-flight uploads are cancelled (the client aborts their
 * multipart uploads), leftovers are aborted explicitly where allowed ({@link InFlightUploads}).
 * Every file's outcome goes through {@link Outcomes}, which makes the {@link UploadReport}.
 */
public final class UploadEngine {

    private final UploadOptions options;
    private final S3Transport transport;
    private final S3Client s3;
    private final StatusStore status;
    private final CancelSignal cancel;
    private final PrintWriter err;
    private final KeyMapper keys;
    private final ProgressEvents events;

    /**
     * @param s3     synchronous client for --verify-remote, leftover aborts
     * @param status where the heartbeat goes; null for none
     */
    public UploadEngine(UploadOptions options, S3Transport transport, S3Client s3, StatusStore status,
                        CancelSignal cancel, PrintWriter err) {
        this(options, transport, s3, status, cancel, err, ProgressEvents.NONE);
    }

    /** @param events the run's JSON events ({@link ProgressEvents#NONE} unless --progress json) */
    public UploadEngine(UploadOptions options, S3Transport transport, S3Client s3, StatusStore status,
                        CancelSignal cancel, PrintWriter err, ProgressEvents events) {
        this.events = events;
        this.options = options;
        this.transport = transport;
        this.s3 = s3;
        this.status = status;
        this.cancel = cancel;
        this.err = err;
        this.keys = options.keys();
    }

    /** Runs the upload; {@code remote} is the listing for --verify-remote, or null. */
    public UploadReport run(Journal journal, CsvLog csv, Scan scan, RemoteState remote) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Progress progress = new Progress(scan.filesToSend(), scan.bytesToSend());
        Outcomes outcomes = new Outcomes(csv, progress, new ErrorLines(err), events);
        InFlightUploads inFlight = new InFlightUploads(progress);
        SkipPolicy skips = new SkipPolicy(options.skipExisting(), journal, remote,
                (key, file, r) -> RemoteCheck.verify(s3, options.bucket(), key, file, r, transport.checksumKind()));
        BandwidthThrottle throttle = options.bwlimit() > 0 ? new BandwidthThrottle(options.bwlimit()) : null;
        UploadRequests requests = new UploadRequests(options.bucket(), transport.checksumKind(), (put, size) -> {
            if (options.storageClass() != null) {
                put.storageClass(options.storageClass());
            }
            transport.customize(put, size);
        }, progress, throttle);
        FilesInFlight slots = FilesInFlight.of(options, progress).watching(() -> transport.retries().orElse(0));
        FilePipeline pipeline = new FilePipeline(slots, transport, requests, journal, outcomes, inFlight,
                cancel, err, options.overwrite(), new S3ExistingCheck(s3, options.bucket(), transport.checksumKind()));
        ProgressDisplay display = new ProgressDisplay(progress, options.progress(), err, events);
        Ticker ticker = new Ticker(options, status, cancel, err, progress);
        events.start(options, scan);
        ticker.heartbeat();
        ticker.start(display, inFlight, journal, csv);
        try {
            ImageWalker.walk(options.source(), new ImageWalker.Sink() {
                @Override
                public void image(Path file, long size, long mtime) throws InterruptedException {
                    outcomes.found();
                    FileTask task = FileTask.found(file, keys.key(file), size, mtime);
                    switch (skips.decide(task)) {
                        case IN_JOURNAL -> outcomes.skippedJournal(task);
                        case VERIFIED_IN_S3 -> outcomes.skippedRemote(task);
                        case SEND -> pipeline.offer(task);
                    }
                }

                @Override
                public void problem(Path path, String message) {
                    outcomes.failed(FileTask.found(path, keys.key(path), 0, 0), 0, message);
                }
            }, cancel::isSet);
            pipeline.drain();
        } finally {
            ticker.stop();
            pipeline.close();
            if (throttle != null) {
                throttle.close();
            }
            display.close();
            journal.sync();
            csv.flush();
        }
        ticker.heartbeat();
        if (cancel.isSet()) {
            inFlight.abortLeftovers(s3, options.bucket(), err);
        }
        return outcomes.report(Duration.between(started, Instant.now()), cancel.isSet(), slots.summary());
    }
}

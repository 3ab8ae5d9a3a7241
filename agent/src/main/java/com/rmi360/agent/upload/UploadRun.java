package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.monitor.MonitorStart;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.trace.StartupTrace;
import com.rmi360.agent.upload.flight.FilesInFlight;
import com.rmi360.agent.upload.options.MonitorPlan;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.remote.AccelerationCheck;
import com.rmi360.agent.upload.remote.MachineShare;
import com.rmi360.agent.upload.remote.MultipartLeftovers;
import com.rmi360.agent.upload.remote.RemoteState;
import com.rmi360.agent.upload.report.CsvLog;
import com.rmi360.agent.upload.report.ProgressEvents;
import com.rmi360.agent.upload.report.UploadOutcome;
import com.rmi360.agent.upload.report.UploadReport;
import com.rmi360.agent.upload.scan.PendingScan;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.agent.upload.transport.PendingTransport;
import com.rmi360.agent.upload.transport.S3Transport;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * One upload of a project folder, from the scan to the report. {@link #prepare} starts the scan with
 * the journal of an earlier run (nothing is written yet); {@link #send} checks the target (endpoint,
 * credentials, bucket), then owns everything a run holds: the journal, the CSV log, the
 * transport (built while the target is checked), the Ctrl-C hook, the leftovers of killed runs, the monitor start and the
 * {@link UploadEngine}. Nothing here knows whether the target is AWS or local mode.
 */
public final class UploadRun implements AutoCloseable {

    private final UploadOptions options;
    private final Path journalFile;
    private final CancelSignal cancel = new CancelSignal();
    /** Counted down by {@link #close}: the Ctrl-C hook holds the JVM until the report is printed. */
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;
    /** Set by the scan (on its thread) when a journal of an earlier run exists; read after {@link #scan()}. */
    private Journal journal;
    /** The scan, on a thread of its own from {@link #prepare} until the first caller that needs its counts. */
    private PendingScan scanning;
    /** Set again when --verify-remote or a damaged journal has the bucket's listing decide. */
    private Scan scan;

    private UploadRun(UploadOptions options) {
        this.options = options;
        this.journalFile = options.stateDir().resolve("journal_" + options.slug() + "_" + targetHash(options) + ".log");
    }

    /**
     * Starts the scan of the folder, which counts what the journal of an earlier run already vouches
     * for, on a thread of its own ({@link PendingScan}): the target is resolved and checked meanwhile.
     * {@link #scan()} waits for it; unless this is a dry run, a folder without images is a usage
     * error, thrown there.
     */
    public static UploadRun prepare(UploadOptions options) {
        UploadRun run = new UploadRun(options);
        run.scanning = PendingScan.start(run::scanFolder);
        return run;
    }

    private Scan scanFolder() throws IOException, InterruptedException {
        journal = Files.exists(journalFile) ? openJournal() : null;
        Scan counted = Scan.of(options.source(), options.keys(), journal, options.skipExisting());
        StartupTrace.mark("scan done");
        if (!options.dryRun() && counted.images() == 0) {
            throw UserError.usage("no JPEG images (.jpg/.jpeg) under " + options.source());
        }
        return counted;
    }

    /** What the scan found, once it has finished; its failure (no images, an unreadable folder) is thrown here. */
    public Scan scan() throws IOException, InterruptedException {
        if (scan == null) {
            scan = scanning.take();
        }
        return scan;
    }

    /**
     * Runs {@code step} (opening the target, the checks, the upload), which may start before the scan
     * ends; when both fail, the scan's failure is thrown ({@link PendingScan#failureFirst}).
     */
    public <T> T scanFailureFirst(Callable<T> step) throws Exception {
        return scanning.failureFirst(step);
    }

    /**
     * Uploads to {@code target}: preflight, journal, leftovers, monitor, then the engine.
     *
     * @param javaClient the Java multipart client instead of the CRT (RMI360_NO_CRT)
     */
    public UploadOutcome send(UploadTarget target, MonitorPlan monitor, boolean javaClient, PrintWriter err)
            throws IOException, InterruptedException {
        return send(target, monitor, javaClient, err, ProgressEvents.NONE);
    }

    /** {@link #send(UploadTarget, MonitorPlan, boolean, PrintWriter)} reporting to {@code events} (--progress json). */
    public UploadOutcome send(UploadTarget target, MonitorPlan monitor, boolean javaClient, PrintWriter err,
                              ProgressEvents events) throws IOException, InterruptedException {
        AwsContext ctx = target.aws();
        // Under a bandwidth cap the Java client: the CRT polls a request body that has no bytes ready in a
        // busy loop, which a throttled body mostly is (measured 10 CPU s vs 3.6 on the Java client for
        // 50 MiB at 2 MiB/s; docs/upload.md). Uncapped runs keep the CRT.
        boolean java = javaClient || options.bwlimit() > 0;
        try (PendingTransport transport = PendingTransport.start(warnings -> S3Transport.create(target.aws(),
                FilesInFlight.maxFiles(options), options.retries(), java, target.accelerate(), warnings), err);
             S3Client s3 = new AwsClients(ctx).s3()) {
            StartupTrace.mark("S3Client built");
            // The leftovers' listing runs beside the preflight (one round trip less before the first PUT);
            // both finish before any upload of this run starts, so all it lists are leftovers.
            CompletableFuture<MultipartLeftovers> leftovers = CompletableFuture.supplyAsync(
                    () -> MultipartLeftovers.list(s3, options.bucket(), options.keys().listPrefix()), DaemonThreads.threadPerTask("rmi360-leftovers"));
            try {
                return send(target, monitor, err, events, transport, s3, leftovers);
            } finally {
                leftovers.exceptionally(ignored -> null).join(); // no request outlives the client
            }
        }
    }

    /** The checks, then the upload, with the transport being built and the leftovers being listed. */
    private UploadOutcome send(UploadTarget target, MonitorPlan monitor, PrintWriter err, ProgressEvents events,
                               PendingTransport transport, S3Client s3, CompletableFuture<MultipartLeftovers> leftovers)
            throws IOException, InterruptedException {
        AwsContext ctx = target.aws();
        preflight(s3, ctx);
        StartupTrace.mark("preflight ListObjectsV2 done");
        if (target.accelerate()) {
            AccelerationCheck.check(s3, options.bucket(), ctx, err);
        }
        scan(); // the monitor start and the engine need its counts (and the journal it opened)
        if (journal == null) {
            journal = openJournal();
        }
        try (CsvLog csv = CsvLog.open(options.stateDir(), options.slug())) {
            RemoteState remote = remoteState(s3, err);
            leftovers.join().abort(s3, err::println);
            StartupTrace.mark("ListMultipartUploads done");
            S3StatusStore status = new S3StatusStore(s3);
            target.beforeUpload(options.slug(), err);
            MachineShare share = null;
            if (monitor.enabled()) {
                share = MachineShare.scan(options);
                try {
                    share.write(status);
                    err.printf("machine %s: manifest of %d images written (status/%s/machines/%s.json)%n",
                            options.machine(), share.files(), options.slug(), options.machine());
                } catch (RuntimeException e) {
                    err.println("warning: manifest not written, the monitor does not count this machine: " + e.getMessage());
                }
                target.startMonitor(status, new MonitorStart(options.slug(), options.bucket(), options.prefix(),
                        ctx.region().id(), scan.images(), scan.bytes(), false, monitor.project(), monitor.camera(),
                        monitor.functionArn()), err);
            }
            UploadOutcome outcome = upload(transport, s3, monitor.enabled() ? status : null, csv, remote, err, events);
            if (share != null) {
                try {
                    share.writeConflicts(status, outcome.report().conflicts());
                } catch (RuntimeException e) {
                    err.println("warning: manifest not updated with the conflicts: " + e.getMessage());
                }
            }
            return outcome;
        }
    }

    /** With a damaged journal, or --verify-remote: the bucket's listing decides what is already there. */
    private RemoteState remoteState(S3Client s3, PrintWriter err) throws IOException, InterruptedException {
        boolean list = options.verifyRemote();
        if (journal.damagedLines() > 0) {
            err.printf("warning: journal %s: %d damaged lines ignored; their files are sent again and the other "
                    + "entries count only for objects still in the bucket%n", journal.file(), journal.damagedLines());
            list = true;
        }
        if (!list) {
            return null;
        }
        RemoteState remote = RemoteState.list(s3, options.bucket(), options.keys().listPrefix(), options.verifyRemote());
        err.printf("verify-remote: %d objects under s3://%s/%s%n", remote.size(), options.bucket(), options.keys().listPrefix());
        scan = Scan.of(options.source(), options.keys(), null, false);
        return remote;
    }

    /**
     * The engine under a Ctrl-C hook, which cancels the run and then holds the JVM (at most 60 s)
     * until {@link #close}, so that the journal is flushed and the report printed before it exits.
     * The heartbeat is part of the monitor contract (the ProgressMonitor reads it to tell a stall
     * from a slow upload): {@code status} is null with --no-monitor, so none is written.
     */
    private UploadOutcome upload(PendingTransport pending, S3Client s3, S3StatusStore status, CsvLog csv, RemoteState remote,
                                 PrintWriter err, ProgressEvents events)
            throws IOException, InterruptedException {
        hook = new Thread(() -> {
            cancel.trigger("interrupted");
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "rmi360-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try (S3Transport transport = pending.take()) {
            StartupTrace.mark("transport built");
            err.printf(Locale.ROOT, "uploading %d of %d images (%.1f MiB) to s3://%s/%s with %s%s%n",
                    scan.filesToSend(), scan.images(), UploadOutcome.mib(scan.bytesToSend()), options.bucket(),
                    options.keys().listPrefix(), FilesInFlight.describe(options),
                    options.bwlimit() > 0 ? ", " + UploadOutcome.capNote(options.bwlimit()) : "");
            err.flush();
            UploadReport report = new UploadEngine(options, transport, s3, status, cancel, err, events).run(journal, csv, scan, remote);
            journal.sync();
            csv.summary(report);
            return new UploadOutcome(report, cancel.reason(), transport.retries(), options.bwlimit());
        } finally {
            journal.close();
        }
    }

    private Journal openJournal() {
        try {
            return Journal.open(journalFile, "s3://" + options.bucket() + "/" + options.keys().listPrefix(), Duration.ofSeconds(2));
        } catch (IOException e) {
            throw UserError.usage("cannot write the journal " + journalFile + " (" + e.getMessage() + "); use --state-dir");
        }
    }

    /**
     * ListBucket on one small key range: checks endpoint, credentials and bucket in one cheap request
     * (listing the image prefix itself is slow on local servers holding 100,000 objects).
     */
    private void preflight(S3Client s3, AwsContext ctx) {
        try {
            s3.listObjectsV2(b -> b.bucket(options.bucket()).prefix(StatusKeys.heartbeat(options.slug())).maxKeys(1));
        } catch (NoSuchBucketException e) {
            throw UserError.usage("bucket " + options.bucket() + " does not exist");
        } catch (SdkException e) {
            String action = "S3 ListObjectsV2 on s3://" + options.bucket();
            throw AwsErrors.translate(e, ctx.proxyFor("s3").map(p -> action + " through the proxy " + p).orElse(action),
                    ctx.credentialSource());
        }
    }

    private static String targetHash(UploadOptions opts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String target = opts.bucket() + "/" + opts.prefix();
            return HexFormat.of().formatHex(sha.digest(target.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Call after the report is printed: closes the journal if the run did not (a dry run, or a
     * failure before the upload) and lets a pending Ctrl-C end the JVM.
     */
    @Override
    public void close() throws IOException {
        try {
            scanning.awaitEnd(); // it may be reading the journal
            if (journal != null) {
                journal.close();
            }
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that `finished` is counted down
                }
            }
        }
    }
}

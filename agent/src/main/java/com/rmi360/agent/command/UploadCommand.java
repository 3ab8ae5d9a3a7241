package com.rmi360.agent.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.AwsOptions;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ProjectSlug;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.local.LocalMode;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.agent.upload.CancelSignal;
import com.rmi360.agent.upload.CsvLog;
import com.rmi360.agent.upload.ImageWalker;
import com.rmi360.agent.upload.MultipartLeftovers;
import com.rmi360.agent.upload.RemoteState;
import com.rmi360.agent.upload.S3Transport;
import com.rmi360.agent.upload.Scan;
import com.rmi360.agent.upload.UploadEngine;
import com.rmi360.agent.upload.UploadOptions.ProgressMode;
import com.rmi360.agent.upload.UploadOptions;
import com.rmi360.agent.upload.UploadReport;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.s3.S3StatusStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** {@code rmi360 upload DIR}: the project's JPEGs to S3, resumable and verified; starts the monitor. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload the JPEG images under DIR to s3://BUCKET/PREFIX/, resumably, with checksums.",
            "Starts the project's monitor rule first (unless --no-monitor). Ctrl-C or a file cancel_copy.txt in DIR stops it."})
public final class UploadCommand implements Callable<Integer> {

    private final AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images (walked recursively).")
    Path dir;

    @Mixin
    ProjectOptions project;

    @Option(names = "--concurrency", paramLabel = "N", description = "Files in flight at once (default: config aws.max_workers, else 16).")
    Integer concurrency;

    @Option(names = "--dry-run", description = "Scan and report what would be sent; no AWS request.")
    boolean dryRun;

    @Option(names = "--no-monitor", description = "Do not write the progress document nor the heartbeat, nor enable the monitor rule.")
    boolean noMonitor;

    @Option(names = "--no-skip-existing", description = "Send every file again, even those the journal lists.")
    boolean noSkipExisting;

    @Option(names = "--verify-remote", description = "List the bucket first: journal entries count only if the object is there, and matching objects (size + checksum) are not sent again.")
    boolean verifyRemote;

    @Option(names = "--progress", paramLabel = "MODE", description = "bar, plain or none (default: bar on a terminal, else plain).")
    ProgressMode progress;

    @Option(names = "--monitor-function-arn", paramLabel = "ARN", description = "ProgressMonitor Lambda ARN (default: built from the region and the STS account).")
    String functionArn;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the journal and CSV logs go (default: DIR/.rmi360).")
    Path stateDir;

    @Option(names = "--heartbeat-seconds", hidden = true, defaultValue = "60")
    int heartbeatSeconds;

    @Option(names = "--local", description = "Rehearse with no AWS account: an embedded S3 server and the monitor run in "
            + "this process (data, journal and page copies under DIR/.rmi360/local); prints the status page address.")
    boolean local;

    UploadCommand(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            throw UserError.usage(Files.exists(dir) ? dir + " is not a folder" : "no such folder: " + dir);
        }
        Path source = dir.toAbsolutePath().normalize();
        AgentConfig cfg = aws.loadConfig();
        if (local) { // its own bucket default, journal and state (never mixed with a real run's), fast heartbeat
            project.bucket = project.bucket != null ? project.bucket : cfg.bucket().orElse(LocalMode.DEFAULT_BUCKET);
            stateDir = stateDir != null ? stateDir : source.resolve(ImageWalker.STATE_DIR).resolve("local");
            heartbeatSeconds = (int) LocalMode.HEARTBEAT.toSeconds();
        }
        UploadOptions opts = options(source, cfg);
        Path journalFile = opts.stateDir().resolve("journal_" + opts.slug() + "_" + targetHash(opts) + ".log");

        if (dryRun) {
            Journal journal = Files.exists(journalFile) ? openJournal(journalFile, opts) : null;
            try {
                Scan scan = Scan.of(source, opts.keys(), journal, opts.skipExisting());
                out.printf(Locale.ROOT, "dry run: %d images (%.1f MiB) under %s -> s3://%s/%s%n", scan.images(),
                        mib(scan.bytes()), source, opts.bucket(), opts.keys().listPrefix());
                out.printf(Locale.ROOT, "would send %d files (%.1f MiB); %d already in the journal%n", scan.filesToSend(),
                        mib(scan.bytesToSend()), scan.images() - scan.filesToSend());
                return scan.images() == 0 ? ExitCodes.USAGE : ExitCodes.OK;
            } finally {
                if (journal != null) {
                    journal.close();
                }
            }
        }

        // Validate before writing any state: images present, then endpoint, credentials and bucket (preflight).
        Journal existing = Files.exists(journalFile) ? openJournal(journalFile, opts) : null;
        LocalMode opened = null;
        S3Client client = null;
        AwsContext ctx;
        Scan scan;
        try {
            scan = Scan.of(source, opts.keys(), existing, opts.skipExisting());
            if (scan.images() == 0) {
                throw UserError.usage("no JPEG images (.jpg/.jpeg) under " + source);
            }
            opened = local ? LocalMode.open(opts.stateDir(), opts.bucket()) : null;
            ctx = opened != null ? opened.aws() : aws.resolve(runtime, err);
            client = new AwsClients(ctx).s3();
            preflight(client, opts, ctx);
        } catch (Exception e) {
            closeAll(existing, client, opened);
            throw e;
        }
        LocalMode localMode = opened;
        try (localMode; S3Client s3 = client;
             Journal journal = existing != null ? existing : openJournal(journalFile, opts);
             CsvLog csv = CsvLog.open(opts.stateDir(), opts.slug())) {
            boolean listRemote = verifyRemote;
            if (journal.damagedLines() > 0) {
                err.printf("warning: journal %s: %d damaged lines ignored; their files are sent again and the other "
                        + "entries count only for objects still in the bucket%n", journal.file(), journal.damagedLines());
                listRemote = true;
            }
            RemoteState remote = null;
            if (listRemote) {
                remote = RemoteState.list(s3, opts.bucket(), opts.keys().listPrefix(), verifyRemote);
                err.printf("verify-remote: %d objects under s3://%s/%s%n", remote.size(), opts.bucket(), opts.keys().listPrefix());
                scan = Scan.of(source, opts.keys(), null, false);
            }
            MultipartLeftovers.abortOlderThan(s3, opts.bucket(), opts.keys().listPrefix(), java.time.Instant.now(),
                    line -> err.println(line));
            S3StatusStore status = new S3StatusStore(s3);
            if (localMode != null) {
                err.println(localMode.describe(opts.slug()));
                localMode.printTicksTo(err);
            }
            if (!noMonitor) {
                (localMode != null ? localMode.monitorStarter(err) : new MonitorStarter(ctx, err))
                        .start(status, opts, cfg, scan, localMode != null ? localMode.functionArn() : functionArn);
            }
            CancelSignal cancel = new CancelSignal();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                cancel.trigger("interrupted");
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "rmi360-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try (S3Transport transport = S3Transport.create(ctx, opts.concurrency(), opts.retries(),
                    runtime.env().containsKey("RMI360_NO_CRT"), !local && cfg.useAcceleration(), line -> { err.println(line); err.flush(); })) {
                err.printf(Locale.ROOT, "uploading %d of %d images (%.1f MiB) to s3://%s/%s with %d in flight%n",
                        scan.filesToSend(), scan.images(), mib(scan.bytesToSend()), opts.bucket(),
                        opts.keys().listPrefix(), opts.concurrency());
                err.flush();
                // The heartbeat is part of the monitor contract (the ProgressMonitor reads it to tell a stall from
                // a slow upload): with --no-monitor nothing reads it, so none is written.
                UploadReport report = new UploadEngine(opts, transport, s3, noMonitor ? null : status, cancel, err)
                        .run(journal, csv, scan, remote);
                journal.sync();
                csv.summary(report);
                out.printf(Locale.ROOT, "%s: %d uploaded, %d skipped (journal), %d skipped (already in S3), %d failed; "
                                + "%.1f MiB in %.1f s (%.1f MiB/s)%s%n",
                        report.cancelled() ? "cancelled (" + cancel.reason() + ")" : "done", report.uploaded(),
                        report.skippedJournal(), report.skippedRemote(), report.failed(), mib(report.bytesUploaded()),
                        report.elapsed().toMillis() / 1000.0,
                        mib(report.bytesUploaded()) / Math.max(report.elapsed().toMillis() / 1000.0, 0.001),
                        (transport.retries().isPresent() ? "; " + transport.retries().getAsLong() + " retries" : "")
                                + (report.fileRetries() > 0 ? "; " + report.fileRetries() + " files sent again" : ""));
                out.flush();
                if (localMode != null && !report.cancelled() && report.failed() == 0
                        && !localMode.finish(opts.slug(), !noMonitor, out)) {
                    return ExitCodes.SOME_FAILED;
                }
                if (report.cancelled()) {
                    return ExitCodes.CANCELLED;
                }
                return report.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
            } finally {
                journal.close();
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns once `finished` is counted down
                }
            }
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // already failing: the first error is the one reported
                }
            }
        }
    }

    private UploadOptions options(Path source, AgentConfig cfg) {
        String b = project.bucket(cfg);
        if (!b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw UserError.usage("'" + b + "' is not a valid S3 bucket name");
        }
        String s = project.slug(cfg, false);
        if (s == null) { // upload alone may take the slug from the folder's name
            String name = source.getFileName() == null ? "" : source.getFileName().toString();
            if (!ProjectSlug.isValid(name)) {
                throw UserError.usage("no project slug: give --slug or set project.slug in config.yaml");
            }
            s = name;
        }
        String p = project.prefix(cfg, s);
        int n = concurrency != null ? concurrency : cfg.maxWorkers();
        if (n < 1 || n > AgentConfig.MAX_MAX_WORKERS) {
            throw UserError.usage("--concurrency must be between 1 and " + AgentConfig.MAX_MAX_WORKERS);
        }
        ProgressMode mode = progress != null ? progress : System.console() != null ? ProgressMode.BAR : ProgressMode.PLAIN;
        Path state = stateDir != null ? stateDir.toAbsolutePath() : source.resolve(ImageWalker.STATE_DIR);
        return new UploadOptions(source, b, p, s, n, cfg.retries(), dryRun, !noSkipExisting && cfg.skipExisting(),
                verifyRemote, mode, Duration.ofSeconds(Math.max(1, heartbeatSeconds)), cfg.allowCancelFileTrigger(), state);
    }

    private static Journal openJournal(Path file, UploadOptions opts) {
        try {
            return Journal.open(file, "s3://" + opts.bucket() + "/" + opts.keys().listPrefix(), Duration.ofSeconds(2));
        } catch (IOException e) {
            throw UserError.usage("cannot write the journal " + file + " (" + e.getMessage() + "); use --state-dir");
        }
    }

    private static void preflight(S3Client s3, UploadOptions opts, AwsContext ctx) {
        try {
            // ListBucket on one small key range: checks endpoint, credentials and bucket in one cheap request
            // (listing the image prefix itself is slow on local servers holding 100,000 objects).
            s3.listObjectsV2(b -> b.bucket(opts.bucket()).prefix(StatusKeys.heartbeat(opts.slug())).maxKeys(1));
        } catch (NoSuchBucketException e) {
            throw UserError.usage("bucket " + opts.bucket() + " does not exist");
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "S3 ListObjectsV2 on s3://" + opts.bucket(), ctx.credentialSource());
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

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}

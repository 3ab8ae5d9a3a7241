package com.rmi360.agent.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.AwsOptions;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.BandwidthLimit;
import com.rmi360.agent.config.ProjectSlug;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.local.LocalMode;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.agent.trace.StartupTrace;
import com.rmi360.agent.upload.AwsTarget;
import com.rmi360.agent.upload.UploadRun;
import com.rmi360.agent.upload.UploadTarget;
import com.rmi360.agent.upload.options.MachineName;
import com.rmi360.agent.upload.options.MonitorPlan;
import com.rmi360.agent.upload.options.StorageClasses;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.options.UploadOptions.ConcurrencyMode;
import com.rmi360.agent.upload.options.UploadOptions.ProgressMode;
import com.rmi360.agent.upload.report.ProgressEvents;
import com.rmi360.agent.upload.report.UploadOutcome;
import com.rmi360.agent.upload.report.WarningTee;
import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.agent.upload.transport.S3Transport;
import com.rmi360.monitor.model.StatusKeys;

import software.amazon.awssdk.services.s3.model.StorageClass;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Option(names = "--concurrency", paramLabel = "N", description = "Pin the files in flight at N (1-512). Default: "
            + "config aws.max_workers if set (it pins too), else adaptive: from 16, up while throughput rises, down on "
            + "SlowDown/5xx/resets, at most 128 files and 24 MiB in flight (none under --bwlimit).")
    Integer concurrency;

    @Option(names = "--dry-run", description = "Scan and report what would be sent; no AWS request.")
    boolean dryRun;

    @Option(names = "--no-monitor", description = "Do not write the progress document nor the heartbeat, nor enable the monitor rule.")
    boolean noMonitor;

    @Option(names = "--no-skip-existing", description = "Send every file again, even those the journal lists.")
    boolean noSkipExisting;

    @Option(names = "--verify-remote", description = "List the bucket first: journal entries count only if the object is there, and matching objects (size + checksum) are not sent again.")
    boolean verifyRemote;

    @Option(names = "--progress", paramLabel = "MODE", description = "bar, plain, none or json (default: bar on a terminal, else plain). json: one JSON object "
            + "per line on stdout (docs/progress-json.md), every human line on stderr.")
    ProgressMode progress;

    @Option(names = "--monitor-function-arn", paramLabel = "ARN", description = "ProgressMonitor Lambda ARN (default: built from the region and the STS account).")
    String functionArn;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the journal and CSV logs go (default: DIR/.rmi360).")
    Path stateDir;

    @Option(names = "--machine", paramLabel = "NAME", description = "This machine's name in the project (its manifest and "
            + "heartbeat; default: the host name). Give each machine uploading the same project its own name.")
    String machine;

    @Option(names = "--overwrite", description = "Replace objects that hold other bytes and that this machine's journal "
            + "does not know (by default they are left as they are and reported as conflicts).")
    boolean overwrite;

    @Option(names = "--storage-class", paramLabel = "CLASS", description = "S3 storage class of the images: STANDARD, "
            + "STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE, REDUCED_REDUNDANCY "
            + "(default: config aws.storage_class, else STANDARD). Status files stay STANDARD.")
    String storageClass;

    @Option(names = "--accelerate", description = "Upload through the S3 Transfer Acceleration endpoint (the bucket must "
            + "have it enabled: Terraform enable_acceleration; default: config aws.use_acceleration).")
    boolean accelerate;

    @Option(names = "--bwlimit", paramLabel = "RATE", description = "Cap the upload's bandwidth, all files and "
            + "connections together, in bytes per second: 20M or 20MiB/s (MiB/s), 50MB/s (MB = 1024 x 1024 bytes, as "
            + "the AWS CLI's max_bandwidth), 500K, or in bits per second as link speeds are sold: 40Mbit, 40Mbps, "
            + "40Mb/s (10^6 bits). 0 or off: no cap (default: config aws.max_bandwidth, else none).")
    String bwlimit;

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
        StartupTrace.mark("upload command parsed");
        ProgressEvents events = progress == ProgressMode.JSON
                ? ProgressEvents.jsonLines(spec.commandLine().getOut()) : ProgressEvents.NONE;
        // with --progress json, stdout carries events only: the human lines go to stderr
        PrintWriter err = WarningTee.wrap(spec.commandLine().getErr(), events);
        PrintWriter out = events.enabled() ? err : spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw UserError.usage(Files.exists(dir) ? dir + " is not a folder" : "no such folder: " + dir);
        }
        AgentConfig cfg = aws.loadConfig();
        UploadOptions opts = options(dir.toAbsolutePath().normalize(), cfg);
        if (!dryRun && !runtime.env().containsKey("RMI360_NO_CRT")) {
            S3Transport.preloadNative(); // started from main already (UploadWarmUp); here for commandLine() callers
        }
        StartupTrace.mark("config and options");
        try (UploadRun run = UploadRun.prepare(opts)) {
            if (dryRun) {
                events.dryRun(opts, run.scan());
                return printDryRun(run.scan(), opts, out);
            }
            return run.scanFailureFirst(() -> {
                try (UploadTarget target = local ? LocalMode.open(opts.stateDir(), opts.bucket())
                        : new AwsTarget(aws.resolve(runtime, cfg, err), accelerate || cfg.useAcceleration())) {
                    StartupTrace.mark("target resolved");
                    MonitorPlan monitor = new MonitorPlan(!noMonitor, functionArn, MonitorStarter.project(cfg, opts.slug()),
                            MonitorStarter.camera(cfg));
                    UploadOutcome outcome = run.send(target, monitor, runtime.env().containsKey("RMI360_NO_CRT"), err, events);
                    return UploadReporting.report(outcome, target, opts.slug(), !noMonitor, out, events);
                }
            });
        }
    }

    private static int printDryRun(Scan scan, UploadOptions opts, PrintWriter out) {
        out.printf(Locale.ROOT, "dry run: %d images (%.1f MiB) under %s -> s3://%s/%s%n", scan.images(),
                mib(scan.bytes()), opts.source(), opts.bucket(), opts.keys().listPrefix());
        out.printf(Locale.ROOT, "would send %d files (%.1f MiB); %d already in the journal%n", scan.filesToSend(),
                mib(scan.bytesToSend()), scan.images() - scan.filesToSend());
        return scan.images() == 0 ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /**
     * Flags over config.yaml. Local mode has its own bucket default, journal and state (never mixed
     * with a real run's) and a fast heartbeat.
     */
    private UploadOptions options(Path source, AgentConfig cfg) {
        String b = local && project.bucket == null ? cfg.bucket().orElse(LocalMode.DEFAULT_BUCKET) : project.bucket(cfg);
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
        int n = concurrency != null ? concurrency : cfg.maxWorkers();
        if (n < 1 || n > AgentConfig.MAX_MAX_WORKERS) {
            throw UserError.usage("--concurrency must be between 1 and " + AgentConfig.MAX_MAX_WORKERS);
        }
        ConcurrencyMode flight = concurrency != null ? ConcurrencyMode.FLAG
                : cfg.maxWorkersSet() ? ConcurrencyMode.CONFIG : ConcurrencyMode.ADAPTIVE;
        ProgressMode mode = progress != null ? progress : System.console() != null ? ProgressMode.BAR : ProgressMode.PLAIN;
        Path defaultState = local ? source.resolve(ImageWalker.STATE_DIR).resolve("local") : source.resolve(ImageWalker.STATE_DIR);
        Path state = stateDir != null ? stateDir.toAbsolutePath() : defaultState;
        Duration heartbeat = local ? LocalMode.HEARTBEAT : Duration.ofSeconds(Math.max(1, heartbeatSeconds));
        StorageClass sc = storageClass != null ? StorageClasses.parse(storageClass, "--storage-class")
                : StorageClasses.parse(cfg.storageClass().orElse(null), cfg.displayName() + ": aws.storage_class");
        BandwidthLimit cap = bwlimit != null ? BandwidthLimit.parse(bwlimit, "--bwlimit") : cfg.maxBandwidth();
        return new UploadOptions(source, b, project.prefix(cfg, s), s, n, cfg.retries(), dryRun,
                !noSkipExisting && cfg.skipExisting(), verifyRemote, mode, heartbeat, cfg.allowCancelFileTrigger(), state,
                machineName(), overwrite, sc, flight, cap.bytesPerSecond());
    }

    private String machineName() {
        if (machine == null) {
            return MachineName.local();
        }
        try {
            return StatusKeys.requireValidMachine(machine);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--machine: " + e.getMessage());
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}

package com.rmi360.agent.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ConfigLoader;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.local.BucketCheck;
import com.rmi360.agent.local.DemoImages;
import com.rmi360.agent.local.LocalMode;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.agent.upload.UploadRun;
import com.rmi360.agent.upload.options.MachineName;
import com.rmi360.agent.upload.options.MonitorPlan;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.options.UploadOptions.ProgressMode;
import com.rmi360.agent.upload.report.UploadOutcome;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3StatusStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rmi360 demo}: the whole pipeline on this machine, no AWS account. Generates JPEGs and a
 * config.yaml, then runs the {@link UploadRun} that {@code rmi360 upload IMAGES --local} runs (the
 * real upload and monitor-start code against an embedded S3 and in-process EventBridge/Lambda, see
 * {@link LocalMode}), checks that the bucket equals the
 * source and that the monitor reached Complete and stopped its schedule, and prints a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline locally with no AWS account: generate JPEGs, upload them to an embedded "
            + "S3 with `upload --local`, let the monitor tick every " + LocalMode.TICK_SECONDS + " s until Complete, "
            + "check the bucket against the source.",
            "Exit 0 only if the project reached Complete and the bucket equals the source."})
public final class DemoCommand implements Callable<Integer> {

    static final String SLUG = "DEMO360";
    static final String BUCKET = "rmi360-demo";
    private static final String MARKER = ".rmi360-demo";

    private final AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", paramLabel = "N", defaultValue = "30", description = "How many JPEGs to generate (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where images, embedded S3 data and page copies go "
            + "(default: a new temporary folder). Emptied first if an earlier demo made it.")
    Path workdir;

    @Option(names = "--keep-running", description = "Keep serving the status page (and S3) after the demo, until Ctrl-C.")
    boolean keepRunning;

    DemoCommand(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (images < 1 || images > 10_000) {
            throw UserError.usage("--images must be between 1 and 10000");
        }
        long started = System.nanoTime();
        Path work = prepare(workdir);
        Path source = work.resolve("images");
        Path state = work.resolve("state");
        DemoImages.Result generated = DemoImages.write(source, images);
        Path config = writeConfig(work);
        out.printf(Locale.ROOT, "demo: %d JPEGs (%.1f MiB) in nested folders under %s, config %s%n", generated.images(),
                generated.bytes() / 1048576.0, source, config);
        out.flush();

        AgentConfig cfg = ConfigLoader.load(config);
        UploadOptions options = new UploadOptions(source, BUCKET, cfg.prefix().orElse(SLUG), SLUG, cfg.maxWorkers(),
                cfg.retries(), false, cfg.skipExisting(), false, ProgressMode.PLAIN, LocalMode.HEARTBEAT,
                cfg.allowCancelFileTrigger(), state, MachineName.local(), false);
        MonitorPlan monitor = new MonitorPlan(true, null, MonitorStarter.project(cfg, SLUG), MonitorStarter.camera(cfg));
        try (LocalMode local = LocalMode.open(state, BUCKET); UploadRun run = UploadRun.prepare(options)) {
            UploadOutcome outcome = run.send(local, monitor, runtime.env().containsKey("RMI360_NO_CRT"), err);
            int uploadCode = UploadReporting.report(outcome, local, SLUG, true, out);
            BucketCheck.Result check = BucketCheck.compare(source, local.s3(), BUCKET, SLUG);
            Optional<ProgressDocument> doc = new S3StatusStore(local.s3()).read(BUCKET, StatusKeys.progress(SLUG))
                    .map(ProgressCodec::decode);
            boolean complete = doc.map(d -> d.uploadStatus() == UploadStatus.COMPLETE).orElse(false);
            double seconds = (System.nanoTime() - started) / 1e9;

            out.println();
            out.println("demo summary");
            out.printf(Locale.ROOT, "  source:      %d JPEGs, %.1f MiB, plus 1 non-image file (not uploaded, not counted)%n",
                    generated.images(), generated.bytes() / 1048576.0);
            out.printf("  upload:      exit %d%n", uploadCode);
            out.printf("  monitor:     %s%n", doc.map(d -> d.uploadStatus().label() + ", " + d.count() + " of "
                    + d.expectedTotal() + " images, rule " + StatusKeys.ruleName(SLUG) + " "
                    + local.ruleState(SLUG).map(s -> s.toString().toLowerCase(Locale.ROOT)).orElse("missing"))
                    .orElse("no progress document"));
            out.printf("  bucket:      %s%n", check.equal()
                    ? "equals the source (" + check.images() + " keys, sizes and SHA-256 of every object)"
                    : check.differences().size() + " difference(s), first: " + check.differences().get(0));
            out.printf("  status page: %s%s%n", local.pageUrl(SLUG), keepRunning ? "" : " (only while it runs: use --keep-running)");
            out.printf("  page copy:   %s%n", state.resolve(LocalMode.PAGES_DIR).resolve(StatusKeys.pageLinkFromIndex(SLUG)));
            out.printf(Locale.ROOT, "  took:        %.1f s%n", seconds);
            boolean ok = uploadCode == ExitCodes.OK && complete && check.equal();
            out.println(ok ? "demo: OK" : "demo: FAILED");
            out.flush();
            if (keepRunning) {
                out.println("serving " + local.indexUrl() + " until Ctrl-C");
                out.flush();
                new CountDownLatch(1).await();
            }
            return ok ? ExitCodes.OK : ExitCodes.SOME_FAILED;
        }
    }

    /** The work folder: a new temporary one, or DIR emptied if it is empty or an earlier demo's. */
    private static Path prepare(Path requested) throws IOException {
        if (requested == null) {
            Path dir = Files.createTempDirectory("rmi360-demo-");
            Files.writeString(dir.resolve(MARKER), "made by rmi360 demo\n", StandardCharsets.UTF_8);
            return dir;
        }
        Path dir = requested.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw UserError.usage("--workdir " + requested + " is not a folder");
            }
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw UserError.usage("--workdir " + requested + " is not empty and was not made by rmi360 demo;"
                        + " give a new or empty folder");
            }
            for (String child : new String[] {"images", "state", "config.yaml"}) {
                deleteTree(dir.resolve(child));
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by rmi360 demo\n", StandardCharsets.UTF_8);
        return dir;
    }

    private static Path writeConfig(Path work) throws IOException {
        Path file = work.resolve("config.yaml");
        Files.writeString(file, String.join("\n",
                "# The toolbox's config.yaml, as a demo project. `rmi360 upload DIR --config config.yaml` reads it as is;",
                "# with --local nothing leaves this machine and aws.auth_mode is not used.",
                "project: {number: \"DEMO-001\", slug: \"" + SLUG + "\", client: \"Demo Client\",",
                "          description: \"Local demo of the rmi360 upload and monitor\", rr_name: \"Demo Railroad\", rr_mark: \"DEMO\"}",
                "camera:  {make: \"Mosaic\", model: \"Mosaic 51\", sn: \"M51-DEMO\", firmware: \"2.2.0\", software: \"rmi360 demo\"}",
                "aws:",
                "  region: us-east-1",
                "  s3_bucket: " + BUCKET,
                "  s3_bucket_folder: \"config.project.slug\"",
                "  auth_mode: keyring",
                "  skip_existing: true",
                "  max_workers: 8",
                "  retries: 3",
                "  allow_cancel_file_trigger: true",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

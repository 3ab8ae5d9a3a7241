package com.rmi360.agent.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.monitor.MonitorStart;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.agent.upload.UploadTarget;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local mode's one entry point ({@code rmi360 upload DIR --local}, {@code rmi360 demo}): everything
 * AWS would provide, in this process, with no account:
 * <ul>
 * <li>S3: an embedded S3Proxy on 127.0.0.1 with generated keys, data under {@code dir/s3}
 *     ({@link LocalS3}); the upload code gets only its endpoint and credentials ({@link #aws()});</li>
 * <li>EventBridge: {@link LocalEventBridge}, on which the agent's own monitor-start code puts the
 *     project's rule; enabled, it fires every {@value #TICK_SECONDS} s instead of every 5 minutes;</li>
 * <li>Lambda: {@link LocalLambdas}, the ProgressMonitor code run as the handler runs it, and the
 *     disable function that stops the schedule when the project completes;</li>
 * <li>the public status site: {@link StatusPageServer}, read-only {@code status/} on 127.0.0.1,
 *     and a file copy of the pages under {@code dir/status-pages} ({@link #copyPages}).</li>
 * </ul>
 * JSON log lines of the functions go to {@code dir/monitor.log}. As an {@link UploadTarget} it is
 * what {@code upload --local} and the demo hand to the {@link com.rmi360.agent.upload.UploadRun};
 * {@link #close()} stops it all.
 */
public final class LocalMode implements UploadTarget {

    /** Bucket used when neither --bucket nor config.yaml names one. */
    public static final String DEFAULT_BUCKET = "rmi360-local";
    /** Seconds between monitor ticks (AWS: 5 minutes). */
    public static final int TICK_SECONDS = 2;
    /** Heartbeat interval in local mode (AWS: 60 s), so that ticks this fast never see a false stall. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Ticks {@link #finish} waits for the monitor to see the last image. */
    public static final int FINISH_TICKS = 10;
    /** Folder (under the local-mode directory) of the status page copies. */
    public static final String PAGES_DIR = "status-pages";

    private final Path dir;
    private final String bucket;
    private final LocalS3 s3Server;
    private final S3Client s3;
    private final LocalEventBridge events;
    private final StatusPageServer pages;
    private final BufferedWriter log;
    private final Map<String, TickReport> lastTicks = new ConcurrentHashMap<>();
    private volatile PrintWriter tickOut;

    private LocalMode(Path dir, String bucket) throws IOException {
        this.dir = dir;
        this.bucket = bucket;
        this.log = Files.newBufferedWriter(dir.resolve("monitor.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.s3Server = LocalS3.start(dir.resolve("s3"));
        try {
            s3Server.ensureBucket(bucket);
            this.s3 = s3Server.client();
            LocalLambdas[] lambdas = new LocalLambdas[1];
            this.events = new LocalEventBridge(Duration.ofSeconds(TICK_SECONDS), (arn, input) -> lambdas[0].invoke(arn, input));
            lambdas[0] = new LocalLambdas(s3, events, this::logLine, this::ticked);
            this.pages = StatusPageServer.start(new S3StatusStore(s3), bucket);
        } catch (IOException | RuntimeException e) {
            s3Server.close();
            throw e;
        }
    }

    /** Starts local mode in {@code dir} (created if needed) with {@code bucket}. */
    public static LocalMode open(Path dir, String bucket) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        return new LocalMode(root, bucket);
    }

    /** Region, endpoint and credentials of the embedded S3, for the agent's ordinary AWS code. */
    @Override
    public AwsContext aws() {
        return s3Server.context();
    }

    /** Never: the embedded S3 has no acceleration endpoint. */
    @Override
    public boolean accelerate() {
        return false;
    }

    /** The local EventBridge (closing it is a no-op; {@link #close()} stops it). */
    public EventBridgeClient eventBridge() {
        return events;
    }

    /** The stand-in ProgressMonitor function's ARN, the rule target the agent puts. */
    public String functionArn() {
        return LocalEventBridge.functionArn(LocalLambdas.PROGRESS_MONITOR);
    }

    public String bucket() {
        return bucket;
    }

    /** The local-mode directory (S3 data, monitor.log, status-pages). */
    public Path dir() {
        return dir;
    }

    /** A client on the embedded S3, owned by this instance. */
    public S3Client s3() {
        return s3;
    }

    /** Says where S3, the data and the page are; from now on each tick prints a line on {@code err}. */
    @Override
    public void beforeUpload(String slug, PrintWriter err) {
        err.println(describe(slug));
        this.tickOut = err;
    }

    /** The project's detail page on the local status site. */
    public URI pageUrl(String slug) {
        return pages.url(StatusKeys.page(slug));
    }

    /** The index page on the local status site. */
    public URI indexUrl() {
        return pages.url(StatusKeys.INDEX_PAGE);
    }

    /** One line: where S3, the data and the status page are. */
    public String describe(String slug) {
        return "local mode: S3 at " + s3Server.endpoint() + " (bucket " + bucket + ", data in " + dir.resolve("s3")
                + "), monitor every " + TICK_SECONDS + " s, status page " + pageUrl(slug);
    }

    /**
     * Waits until the project's rule stops firing after a finished tick (Complete or Failed), at
     * most {@code timeout}. Returns the last tick's report, if there was one.
     */
    public Optional<TickReport> awaitFinished(String slug, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String rule = StatusKeys.ruleName(slug);
        while (System.nanoTime() < deadline) {
            TickReport last = lastTicks.get(slug);
            boolean stopped = events.state(rule) != RuleState.ENABLED;
            if (last != null && last.status().finished() && !last.disablePending() && stopped) {
                return Optional.of(last);
            }
            if (last == null && events.state(rule) == null) {
                return Optional.empty(); // no rule: the monitor was never started
            }
            Thread.sleep(100);
        }
        return Optional.ofNullable(lastTicks.get(slug));
    }

    /** The agent's own monitor start, on the local EventBridge, targeting the local ProgressMonitor. */
    @Override
    public void startMonitor(StatusStore status, MonitorStart start, PrintWriter err) {
        new MonitorStarter(aws(), err, this::eventBridge).start(status, start.withFunctionArn(functionArn()));
    }

    /**
     * After a successful upload: waits for the monitor to finish (at most {@value #FINISH_TICKS}
     * ticks), copies the pages and prints the outcome and where the status page is.
     *
     * @param monitored false with --no-monitor: only the addresses are printed
     * @return true if the project reached Complete (or was not monitored)
     */
    @Override
    public boolean finish(String slug, boolean monitored, PrintWriter out) throws IOException, InterruptedException {
        boolean complete = true;
        if (monitored) {
            Optional<TickReport> last = awaitFinished(slug, Duration.ofSeconds((long) FINISH_TICKS * TICK_SECONDS));
            complete = last.map(r -> r.status() == UploadStatus.COMPLETE).orElse(false);
            out.println(last.map(r -> String.format(Locale.ROOT, "monitor: %s, %d of %d images; rule %s %s",
                            r.status().label(), r.count(), r.expectedTotal(), StatusKeys.ruleName(slug),
                            ruleState(slug).map(s -> s == RuleState.ENABLED ? "still enabled" : "disabled").orElse("missing")))
                    .orElse("monitor: no tick ran (see " + dir.resolve("monitor.log") + ")"));
        }
        out.println("status page: " + pageUrl(slug) + " (served while this process runs)");
        out.println("status page copy: " + copyPages(slug));
        out.flush();
        return complete;
    }

    /** The rule's local state: ENABLED, DISABLED, or empty when it was never put. */
    public Optional<RuleState> ruleState(String slug) {
        return Optional.ofNullable(events.state(StatusKeys.ruleName(slug)));
    }

    /**
     * Copies the index, the project's page and its progress JSON to {@code dir/status-pages/}
     * (the index links to the page by a relative name, so the copies browse offline).
     *
     * @return the copy of the project's page
     */
    public Path copyPages(String slug) throws IOException {
        Path target = dir.resolve(PAGES_DIR);
        Files.createDirectories(target);
        S3StatusStore store = new S3StatusStore(s3);
        for (String key : List.of(StatusKeys.INDEX_PAGE, StatusKeys.page(slug), StatusKeys.progress(slug))) {
            Optional<String> body = store.read(bucket, key);
            if (body.isPresent()) {
                Files.writeString(target.resolve(key.substring(StatusKeys.STATUS_PREFIX.length())), body.get(),
                        StandardCharsets.UTF_8);
            }
        }
        return target.resolve(StatusKeys.pageLinkFromIndex(slug));
    }

    private void ticked(TickReport report) {
        lastTicks.put(report.slug(), report);
        PrintWriter out = tickOut;
        if (out != null) {
            String of = report.expectedTotal() > 0 ? " of " + report.expectedTotal() : "";
            out.println(String.format(Locale.ROOT, "monitor tick: %s, %d%s images%s%s", report.status().label(),
                    report.count(), of, report.disableRequested() ? "; schedule stopped" : "",
                    report.problems().isEmpty() ? "" : "; " + report.problems().size() + " problem(s), see "
                            + dir.resolve("monitor.log")));
            out.flush();
        }
    }

    private void logLine(String line) {
        synchronized (log) {
            try {
                log.write(line);
                log.write('\n');
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        events.shutdown();
        pages.close();
        s3.close();
        s3Server.close();
        try {
            log.close();
        } catch (IOException ignored) {
            // the log is a convenience
        }
    }
}

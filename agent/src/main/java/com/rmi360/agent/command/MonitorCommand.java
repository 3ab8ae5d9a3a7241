package com.rmi360.agent.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.AwsOptions;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.monitor.MonitorControl;
import com.rmi360.agent.monitor.MonitorStart;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.agent.upload.scan.KeyMapper;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rmi360 monitor start|stop|tick}: the project's schedule ({@code UploadMonitorRule-<slug>})
 * and one ProgressMonitor run in-process, for ops and for local mode.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Start, stop or run once the project's upload monitor.")
public final class MonitorCommand {

    private final AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    MonitorCommand(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Write status/progress_<slug>.json and enable UploadMonitorRule-<slug> (rate 5 minutes).")
    int start(@Mixin AwsOptions aws, @Mixin ProjectOptions project,
              @Option(names = "--dir", paramLabel = "DIR", description = "Count the JPEGs here for expected_total.") Path dir,
              @Option(names = "--expected-total", paramLabel = "N", description = "Images expected (instead of --dir).") Long expected,
              @Option(names = "--monitor-function-arn", paramLabel = "ARN", description = "ProgressMonitor ARN (default: from region and STS account).") String arn)
            throws Exception {
        AgentConfig cfg = aws.loadConfig();
        String bucket = project.bucket(cfg);
        String slug = project.slug(cfg, true);
        String prefix = project.prefix(cfg, slug);
        if (expected != null && expected < 0) {
            throw UserError.usage("--expected-total must be >= 0, not " + expected);
        }
        long total = expected == null ? 0 : expected;
        long bytes = 0;
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw UserError.usage("no such folder: " + dir);
            }
            Path root = dir.toAbsolutePath().normalize();
            Scan scan = Scan.of(root, new KeyMapper(root, prefix), null, false);
            total = scan.images();
            bytes = scan.bytes();
        }
        AwsContext ctx = aws.resolve(runtime, err());
        try (S3Client s3 = new AwsClients(ctx).s3(); EventBridgeClient events = new AwsClients(ctx).eventBridge()) {
            String target = arn != null ? arn : MonitorStarter.defaultFunctionArn(ctx);
            String rule = new MonitorControl(new S3StatusStore(s3), events, Clock.systemUTC()).start(new MonitorStart(
                    slug, bucket, prefix, ctx.region().id(), total, bytes, true, MonitorStarter.project(cfg, slug),
                    MonitorStarter.camera(cfg), target));
            out().printf("monitor started: rule %s enabled (rate 5 minutes) -> %s; expected_total %d%n", rule, target, total);
            return ExitCodes.OK;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "monitor start", ctx.credentialSource());
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Disable UploadMonitorRule-<slug> (PutRule State=DISABLED).")
    int stop(@Mixin AwsOptions aws, @Mixin ProjectOptions project) {
        AgentConfig cfg = aws.loadConfig();
        String slug = project.slug(cfg, true);
        AwsContext ctx = aws.resolve(runtime, err());
        try (EventBridgeClient events = new AwsClients(ctx).eventBridge()) {
            String rule = new MonitorControl(null, events, Clock.systemUTC()).stop(slug);
            out().printf("monitor stopped: rule %s disabled%n", rule);
            return ExitCodes.OK;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "monitor stop", ctx.credentialSource());
        }
    }

    @Command(name = "tick", mixinStandardHelpOptions = true,
            description = "Run the ProgressMonitor once for the project, in this process, against the bucket.")
    int tick(@Mixin AwsOptions aws, @Mixin ProjectOptions project,
             @Option(names = "--stall-threshold", paramLabel = "N", defaultValue = "6",
                     description = "Ticks without progress before Failed (default 6).") int stallThreshold) {
        AgentConfig cfg = aws.loadConfig();
        String bucket = project.bucket(cfg);
        String slug = project.slug(cfg, true);
        String prefix = project.prefix(cfg, slug);
        AwsContext ctx = aws.resolve(runtime, err());
        try (S3Client s3 = new AwsClients(ctx).s3(); EventBridgeClient events = new AwsClients(ctx).eventBridge()) {
            MonitorSettings settings = new MonitorSettings(stallThreshold, null, null, null, ctx.region().id());
            MonitorEvent event = new MonitorEvent(slug, bucket, prefix, null, MonitorControl.ruleName(slug), ctx.region().id());
            TickReport report = new MonitorControl(new S3StatusStore(s3), events, Clock.systemUTC())
                    .tick(new S3ObjectListing(s3), event, settings);
            out().printf("tick %s: %s, %d of %d images, stalls %d%s%n", report.slug(), report.status().label(),
                    report.count(), report.expectedTotal(), report.stalls(),
                    report.disableRequested() ? (report.disablePending() ? ", disable pending" : ", rule disabled") : "");
            report.problems().forEach(p -> err().println("warning: " + p));
            return ExitCodes.OK;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "monitor tick", ctx.credentialSource());
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

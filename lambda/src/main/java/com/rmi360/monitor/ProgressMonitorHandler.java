package com.rmi360.monitor;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.LambdaRuleSwitch;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point {@code com.rmi360.monitor.ProgressMonitorHandler::handleRequest} (function
 * ProgressMonitor): reads the EventBridge target input, runs one {@link ProgressMonitor} tick and
 * logs one JSON line per tick (plus one per problem) to stdout.
 */
public final class ProgressMonitorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ProgressMonitor monitor;
    private final Consumer<String> log;

    /** Used by the Lambda runtime: settings and clients from the environment, built once per container. */
    public ProgressMonitorHandler() {
        this(AwsClients.fromEnvironment(System.getenv()), MonitorSettings.fromEnv(System.getenv()));
    }

    ProgressMonitorHandler(AwsClients aws, MonitorSettings settings) {
        this(monitor(aws, settings), System.out::println);
    }

    ProgressMonitorHandler(ProgressMonitor monitor, Consumer<String> log) {
        this.monitor = monitor;
        this.log = log;
    }

    static ProgressMonitor monitor(AwsClients aws, MonitorSettings settings) {
        S3Client s3 = aws.s3();
        return new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3),
                new LambdaRuleSwitch(aws::lambda, settings.disableFunctionName()), settings, Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object slug = event == null ? null : event.get("project_slug");
        try {
            TickReport report = monitor.tick(MonitorEvent.fromMap(event));
            report.problemLines().forEach(log);
            log.accept(report.toLogLine());
            return report.toMap();
        } catch (RuntimeException e) {
            log.accept(TickReport.errorLine(slug == null ? null : slug.toString(), "tick failed: " + e));
            throw e;
        }
    }
}

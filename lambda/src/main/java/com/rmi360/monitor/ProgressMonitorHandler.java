package com.rmi360.monitor;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.LambdaRuleSwitch;
import com.rmi360.monitor.aws.SnsNotifier;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.function.ProgressMonitorFunction;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.Notifier;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point {@code com.rmi360.monitor.ProgressMonitorHandler::handleRequest} (function
 * ProgressMonitor): builds the {@link ProgressMonitorFunction} on the S3 adapters, the Lambda
 * disable switch and, when {@code NOTIFICATION_TOPIC_ARN} is set, the SNS notifier (with
 * {@code STATUS_PAGE_BASE_URL} for the link in the message), logs to stdout, and hands it the
 * EventBridge target input.
 */
public final class ProgressMonitorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ProgressMonitorFunction function;

    /** Used by the Lambda runtime: settings and clients from the environment, built once per container. */
    public ProgressMonitorHandler() {
        this(AwsClients.fromEnvironment(System.getenv()), MonitorSettings.fromEnv(System.getenv()), System.getenv());
    }

    ProgressMonitorHandler(AwsClients aws, MonitorSettings settings, Map<String, String> env) {
        this(monitor(aws, settings, env), System.out::println);
    }

    ProgressMonitorHandler(ProgressMonitor monitor, Consumer<String> log) {
        this.function = new ProgressMonitorFunction(monitor, log);
    }

    static ProgressMonitor monitor(AwsClients aws, MonitorSettings settings, Map<String, String> env) {
        S3Client s3 = aws.s3();
        String topic = env.getOrDefault("NOTIFICATION_TOPIC_ARN", "").trim();
        Notifier notifier = topic.isEmpty() ? Notifier.NONE : new SnsNotifier(() -> aws.sns(topic), topic);
        return new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3),
                new LambdaRuleSwitch(aws::lambda, settings.disableFunctionName()), notifier,
                env.get("STATUS_PAGE_BASE_URL"), settings, Clock.systemUTC());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return function.handle(event);
    }
}

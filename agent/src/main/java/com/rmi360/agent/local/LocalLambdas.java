package com.rmi360.agent.local;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.DisableRequest;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorNames;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The two Lambda functions, in-process, for local mode. {@value #PROGRESS_MONITOR} does what
 * {@code ProgressMonitorHandler} does with an EventBridge event: read the target input as a map,
 * run one {@link ProgressMonitor} tick on the S3 adapters (here against the embedded S3), log the
 * problem lines and the JSON tick line. Its {@link RuleSwitch} "invokes" {@value #DISABLE_RULE},
 * which validates the request like {@code DisableRuleHandler} and disables the rule on the local
 * EventBridge, so the schedule stops when the project finishes.
 */
final class LocalLambdas {

    static final String PROGRESS_MONITOR = MonitorNames.PROGRESS_MONITOR_FUNCTION;
    static final String DISABLE_RULE = MonitorNames.DISABLE_RULE_FUNCTION;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ProgressMonitor monitor;
    private final LocalEventBridge events;
    private final Consumer<String> log;
    private final Consumer<TickReport> ticks;

    /**
     * @param s3    client on the embedded S3
     * @param log   receives the JSON log lines (what CloudWatch Logs would hold)
     * @param ticks receives every tick's report
     */
    LocalLambdas(S3Client s3, LocalEventBridge events, Consumer<String> log, Consumer<TickReport> ticks) {
        this.events = events;
        this.log = log;
        this.ticks = ticks;
        RuleSwitch disable = (ruleName, region) -> invokeDisable(ruleName, region);
        this.monitor = new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3), disable,
                new MonitorSettings(MonitorSettings.DEFAULT_STALL_THRESHOLD, null, null, null, LocalS3.REGION.id()),
                Clock.systemUTC());
    }

    /** An EventBridge target firing: {@code arn} names the function, {@code input} is the constant JSON. */
    void invoke(String arn, String input) {
        String function = arn == null ? "" : arn.substring(arn.lastIndexOf(':') + 1);
        if (!PROGRESS_MONITOR.equals(function)) {
            log.accept(TickReport.errorLine(null, "no local function " + function + " (target " + arn + ")"));
            return;
        }
        Map<String, Object> event;
        try {
            event = JSON.readValue(input == null ? "{}" : input, MAP);
        } catch (Exception e) {
            log.accept(TickReport.errorLine(null, "target input is not JSON: " + e.getMessage()));
            return;
        }
        Object slug = event.get("project_slug");
        try {
            TickReport report = monitor.tick(MonitorEvent.fromMap(event));
            report.problemLines().forEach(log);
            log.accept(report.toLogLine());
            ticks.accept(report);
        } catch (RuntimeException e) {
            log.accept(TickReport.errorLine(slug == null ? null : slug.toString(), "tick failed: " + e));
        }
    }

    /** The DisableUploadMonitorRule stand-in: 400-style validation, 404 as RuleNotFoundException. */
    private void invokeDisable(String ruleName, String region) {
        DisableRequest request = DisableRequest.fromMap(region == null ? Map.of("rule_name", ruleName)
                : Map.of("rule_name", ruleName, "region", region));
        try {
            events.disableRule(b -> b.name(request.ruleName()));
        } catch (ResourceNotFoundException e) {
            throw new RuleNotFoundException(request.ruleName(), e);
        }
    }
}

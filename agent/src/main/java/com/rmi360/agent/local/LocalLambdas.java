package com.rmi360.agent.local;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.monitor.function.DisableRuleFunction;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.function.ProgressMonitorFunction;
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
 * The two Lambda functions, in-process, for local mode: monitor-core's own functions, packaged here
 * instead of in the Lambda jar. {@value #PROGRESS_MONITOR} is the {@link ProgressMonitorFunction} on
 * the S3 adapters (against the embedded S3), fed the EventBridge target input as the Lambda runtime
 * would feed it. Its disable port invokes {@value #DISABLE_RULE}, the {@link DisableRuleFunction}
 * (in-process and synchronously, where AWS invokes it asynchronously), whose own port disables the
 * rule on the local EventBridge, so the schedule stops when the project finishes. Both log to the
 * given log, as both Lambdas log to CloudWatch Logs.
 */
final class LocalLambdas {

    static final String PROGRESS_MONITOR = MonitorNames.PROGRESS_MONITOR_FUNCTION;
    static final String DISABLE_RULE = MonitorNames.DISABLE_RULE_FUNCTION;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ProgressMonitorFunction monitor;
    private final Consumer<String> log;
    private final Consumer<TickReport> ticks;

    /**
     * @param s3    client on the embedded S3
     * @param log   receives the JSON log lines (what CloudWatch Logs would hold)
     * @param ticks receives every tick's report
     */
    LocalLambdas(S3Client s3, LocalEventBridge events, Consumer<String> log, Consumer<TickReport> ticks) {
        this.log = log;
        this.ticks = ticks;
        RuleSwitch localRules = (ruleName, region) -> {
            try {
                events.disableRule(b -> b.name(ruleName));
            } catch (ResourceNotFoundException e) {
                throw new RuleNotFoundException(ruleName, e);
            }
        };
        DisableRuleFunction disable = new DisableRuleFunction(localRules, log);
        this.monitor = new ProgressMonitorFunction(new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3),
                disable.inProcess(),
                new MonitorSettings(MonitorSettings.DEFAULT_STALL_THRESHOLD, null, null, null, LocalS3.REGION.id()),
                Clock.systemUTC()), log);
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
        TickReport report;
        try {
            report = monitor.tick(event);
        } catch (RuntimeException e) {
            return; // the function logged it, as the Lambda logs a failed invocation; the schedule goes on
        }
        ticks.accept(report);
    }
}

package com.rmi360.monitor.function;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.TickReport;

/**
 * The ProgressMonitor function without its packaging: the Lambda handler
 * ({@code com.rmi360.monitor.ProgressMonitorHandler}) and the agent's local mode both call it.
 *
 * <p>One invocation: the scheduled event as a map (the rule target's constant input) →
 * {@link MonitorEvent#fromMap} → one {@link ProgressMonitor} tick → one log line per problem, then
 * the JSON tick line → the report ({@link TickReport#toMap()} is the Lambda's result). A bad event or a
 * failed tick logs one error line and is rethrown, so the caller (the Lambda runtime) sees it fail.
 */
public final class ProgressMonitorFunction {

    private final ProgressMonitor monitor;
    private final Consumer<String> log;

    /**
     * @param monitor the tick, on ports the packager built
     * @param log     receives the JSON log lines (stdout in Lambda, i.e. CloudWatch Logs)
     */
    public ProgressMonitorFunction(ProgressMonitor monitor, Consumer<String> log) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** One invocation; returns the Lambda result, the report as a map. */
    public Map<String, Object> handle(Map<String, Object> event) {
        return tick(event).toMap();
    }

    /**
     * One invocation; returns the report.
     *
     * @throws RuntimeException as {@link MonitorEvent#fromMap} or {@link ProgressMonitor#tick} threw it,
     *                          after logging one error line
     */
    public TickReport tick(Map<String, Object> event) {
        Object slug = event == null ? null : event.get("project_slug");
        try {
            TickReport report = monitor.tick(MonitorEvent.fromMap(event));
            report.problemLines().forEach(log);
            log.accept(report.toLogLine());
            return report;
        } catch (RuntimeException e) {
            log.accept(TickReport.errorLine(slug == null ? null : slug.toString(), "tick failed: " + e));
            throw e;
        }
    }
}

package com.rmi360.monitor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one tick did, for the structured log and the handler's return value.
 *
 * @param listCalls        ListObjectsV2 requests made (0 when the project was already finished)
 * @param millis           wall time of the tick
 * @param disableRequested the rule switch was called on this tick
 * @param disablePending   finished but the switch has not succeeded yet (retried next tick)
 * @param notified         this tick published the project's finish notification
 * @param problems         everything that went wrong without stopping the tick (corrupt JSON kept
 *                         aside, a failed write, a failed disable…), one human sentence each
 */
public record TickReport(String slug, long count, long bytes, long expectedTotal, UploadStatus status,
                         int stalls, int listCalls, long millis, boolean disableRequested,
                         boolean disablePending, boolean notified, List<String> problems) {

    public TickReport {
        problems = List.copyOf(problems);
    }

    /** The report as a map (the Lambda's return value). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("slug", slug);
        map.put("count", count);
        map.put("bytes", bytes);
        map.put("expected", expectedTotal);
        map.put("status", status.label());
        map.put("stalls", stalls);
        map.put("list_calls", listCalls);
        map.put("ms", millis);
        map.put("disable_requested", disableRequested);
        map.put("disable_pending", disablePending);
        map.put("notified", notified);
        map.put("problems", problems.size());
        return map;
    }

    /** One JSON line: {@code {"level":"INFO","msg":"tick","slug":…,"count":…,"expected":…,"status":…,"list_calls":…,"ms":…}}. */
    public String toLogLine() {
        return LogLine.of(problems.isEmpty() ? "INFO" : "WARN", "tick", toMap());
    }

    /** One JSON line per problem: {@code {"level":"ERROR","msg":…,"slug":…}}. */
    public List<String> problemLines() {
        List<String> lines = new ArrayList<>();
        for (String problem : problems) {
            lines.add(errorLine(slug, problem));
        }
        return lines;
    }

    /** A JSON error line {@code {"level":"ERROR","msg":…,"slug":…}}; slug may be null. */
    public static String errorLine(String slug, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", slug);
        return LogLine.of("ERROR", message, fields);
    }
}

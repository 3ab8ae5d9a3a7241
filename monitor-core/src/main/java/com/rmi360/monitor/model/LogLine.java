package com.rmi360.monitor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** One structured log line: a compact JSON object {@code {"level", "msg", …fields}}. */
public final class LogLine {

    private LogLine() {
    }

    /** {@code {"level": level, "msg": msg, …fields}} (fields in their map order). */
    public static String of(String level, String msg, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("msg", msg);
        line.putAll(fields);
        return Json.write(line);
    }
}

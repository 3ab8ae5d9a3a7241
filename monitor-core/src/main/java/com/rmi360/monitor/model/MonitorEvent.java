package com.rmi360.monitor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input of one monitor tick: the EventBridge target's constant JSON
 * {@code {"project_slug", "bucket", "prefix", "expected_total"?, "rule_name"?, "region"?}}.
 * The agent builds it for {@code PutTargets} ({@link #toJson()}); the Lambda handler reads it with
 * {@link #fromMap}.
 *
 * @param projectSlug   valid slug (see {@link StatusKeys})
 * @param bucket        bucket holding the images and the {@code status/} folder
 * @param prefix        folder of the images; null means the slug. Listed as {@link #listPrefix()}
 * @param expectedTotal images expected, or null to keep the document's value
 * @param ruleName      rule to disable when finished, or null for the settings' {@code RULE_NAME}
 * @param region        region of the rule, or null for the settings' region
 */
public record MonitorEvent(String projectSlug, String bucket, String prefix, Long expectedTotal,
                           String ruleName, String region) {

    public MonitorEvent {
        StatusKeys.requireValidSlug(projectSlug);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("event field 'bucket' is missing or blank");
        }
        ruleName = blankToNull(ruleName);
        region = blankToNull(region);
    }

    /**
     * Reads the event as the Lambda runtime hands it to a {@code Map} handler. Numbers may be any
     * {@link Number} or a numeric string.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static MonitorEvent fromMap(Map<String, ?> event) {
        if (event == null) {
            throw new IllegalArgumentException("event is empty");
        }
        return new MonitorEvent(text(event, "project_slug"), text(event, "bucket"), text(event, "prefix"),
                number(event, "expected_total"), text(event, "rule_name"), text(event, "region"));
    }

    /**
     * The prefix to list: no leading slash, one trailing slash (so {@code ABC} does not match
     * {@code ABC2/}); the slug when {@code prefix} is null; empty for the whole bucket.
     */
    public String listPrefix() {
        String p = prefix == null ? projectSlug : prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The event as a map with snake_case keys; null fields left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("project_slug", projectSlug);
        map.put("bucket", bucket);
        putIfSet(map, "prefix", prefix);
        putIfSet(map, "expected_total", expectedTotal);
        putIfSet(map, "rule_name", ruleName);
        putIfSet(map, "region", region);
        return map;
    }

    /** {@link #toMap()} as compact JSON: the {@code Input} of the EventBridge target. */
    public String toJson() {
        return Json.write(toMap());
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(Map<String, ?> event, String field) {
        Object value = event.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("event field '" + field + "' must be a string");
    }

    private static Long number(Map<String, ?> event, String field) {
        Object value = event.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("event field '" + field + "' must be a number, got '" + s + "'");
            }
        }
        if (value instanceof String) {
            return null;
        }
        throw new IllegalArgumentException("event field '" + field + "' must be a number");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package com.rmi360.monitor.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tick settings, normally from the Lambda environment ({@link #fromEnv}).
 *
 * @param stallThreshold      ticks without progress or heartbeat before Failed ({@code STALL_THRESHOLD}, 6)
 * @param ruleName            rule disabled when the event names none ({@code RULE_NAME}, UploadMonitorRule)
 * @param disableFunctionName Lambda invoked to disable the rule ({@code DISABLE_FUNCTION_NAME},
 *                            DisableUploadMonitorRule); only the Lambda adapter uses it
 * @param imageExtensions     lower-case extensions without dot ({@code IMAGE_EXTENSIONS}, jpg,jpeg)
 * @param region              region sent to the disable function when the event has none
 *                            ({@code AWS_REGION}); may be null
 */
public record MonitorSettings(int stallThreshold, String ruleName, String disableFunctionName,
                              Set<String> imageExtensions, String region) {

    public static final int DEFAULT_STALL_THRESHOLD = 6;
    public static final String DEFAULT_RULE_NAME = MonitorNames.RULE_PREFIX;
    public static final String DEFAULT_DISABLE_FUNCTION = MonitorNames.DISABLE_RULE_FUNCTION;
    public static final Set<String> DEFAULT_IMAGE_EXTENSIONS = Set.of("jpg", "jpeg");

    public MonitorSettings {
        if (stallThreshold < 1) {
            throw new IllegalArgumentException("STALL_THRESHOLD must be at least 1, got " + stallThreshold);
        }
        imageExtensions = imageExtensions == null || imageExtensions.isEmpty()
                ? DEFAULT_IMAGE_EXTENSIONS
                : imageExtensions.stream().map(MonitorSettings::normaliseExtension).collect(Collectors.toUnmodifiableSet());
        ruleName = ruleName == null || ruleName.isBlank() ? DEFAULT_RULE_NAME : ruleName;
        disableFunctionName = disableFunctionName == null || disableFunctionName.isBlank()
                ? DEFAULT_DISABLE_FUNCTION : disableFunctionName;
    }

    /** All defaults, no region. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_STALL_THRESHOLD, null, null, null, null);
    }

    /**
     * Reads {@code STALL_THRESHOLD}, {@code RULE_NAME}, {@code DISABLE_FUNCTION_NAME},
     * {@code IMAGE_EXTENSIONS} (comma separated, dots and case ignored) and {@code AWS_REGION}
     * (or {@code AWS_DEFAULT_REGION}); blank or missing values take the defaults.
     *
     * @throws IllegalArgumentException if {@code STALL_THRESHOLD} is not a positive integer
     */
    public static MonitorSettings fromEnv(Map<String, String> env) {
        String threshold = env.get("STALL_THRESHOLD");
        int stalls;
        try {
            stalls = threshold == null || threshold.isBlank() ? DEFAULT_STALL_THRESHOLD : Integer.parseInt(threshold.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STALL_THRESHOLD must be an integer, got '" + threshold + "'");
        }
        String extensions = env.get("IMAGE_EXTENSIONS");
        Set<String> ext = extensions == null ? null : Arrays.stream(extensions.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            region = env.get("AWS_DEFAULT_REGION");
        }
        return new MonitorSettings(stalls, env.get("RULE_NAME"), env.get("DISABLE_FUNCTION_NAME"), ext, region);
    }

    /** True if the key's file name ends in one of the image extensions, any case. */
    public boolean isImageKey(String key) {
        if (key == null || key.endsWith("/")) {
            return false;
        }
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return false;
        }
        return imageExtensions.contains(key.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String normaliseExtension(String ext) {
        String e = ext.trim().toLowerCase(Locale.ROOT);
        return e.startsWith(".") ? e.substring(1) : e;
    }
}

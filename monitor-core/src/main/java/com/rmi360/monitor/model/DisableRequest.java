package com.rmi360.monitor.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Input of the DisableUploadMonitorRule Lambda, {@code {"rule_name", "region"?}}, validated:
 * the name must be an EventBridge rule name starting with {@value StatusKeys#RULE_PREFIX}
 * (defence in depth beside the IAM policy, which allows only {@code rule/UploadMonitorRule*}).
 *
 * @param region null means the function's own region
 */
public record DisableRequest(String ruleName, String region) {

    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    public DisableRequest {
        if (ruleName == null || ruleName.isBlank()) {
            throw new IllegalArgumentException("rule_name is missing or blank");
        }
        if (!ruleName.startsWith(StatusKeys.RULE_PREFIX) || !RULE_NAME.matcher(ruleName).matches()) {
            throw new IllegalArgumentException("rule_name must be an EventBridge rule name starting with "
                    + StatusKeys.RULE_PREFIX + " (at most 64 of A-Z a-z 0-9 . - _)");
        }
        region = region == null || region.isBlank() ? null : region.trim();
    }

    /**
     * Reads the event map as the Lambda runtime passes it.
     *
     * @throws IllegalArgumentException for a missing, blank, non-text or out-of-prefix name (→ 400)
     */
    public static DisableRequest fromMap(Map<String, ?> event) {
        Object name = event == null ? null : event.get("rule_name");
        Object region = event == null ? null : event.get("region");
        if (name != null && !(name instanceof String) || region != null && !(region instanceof String)) {
            throw new IllegalArgumentException("rule_name and region must be strings");
        }
        return new DisableRequest((String) name, (String) region);
    }
}

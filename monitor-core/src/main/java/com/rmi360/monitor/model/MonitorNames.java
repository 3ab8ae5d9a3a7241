package com.rmi360.monitor.model;

/**
 * The names AWS knows the monitor by, in one place for the Lambda packaging, the agent and local
 * mode (Terraform names the same functions and rule prefix in {@code terraform/}):
 * <ul>
 * <li>the functions {@value #PROGRESS_MONITOR_FUNCTION} and {@value #DISABLE_RULE_FUNCTION};</li>
 * <li>the rule prefix {@value #RULE_PREFIX}: the base rule, and {@code UploadMonitorRule-<slug>} per project
 *     (the IAM policies allow {@code rule/UploadMonitorRule*});</li>
 * <li>the id {@value #TARGET_ID} of the ProgressMonitor target on a project's rule;</li>
 * <li>the function ARN format {@code arn:<partition>:lambda:<region>:<account>:function:<name>}.</li>
 * </ul>
 */
public final class MonitorNames {

    /** The function that runs one tick per scheduled event. */
    public static final String PROGRESS_MONITOR_FUNCTION = "ProgressMonitor";
    /** The function that disables a project's rule. */
    public static final String DISABLE_RULE_FUNCTION = "DisableUploadMonitorRule";
    /** Base rule name; per-project rules are {@code UploadMonitorRule-<slug>}. */
    public static final String RULE_PREFIX = "UploadMonitorRule";
    /** Id of the ProgressMonitor target the agent puts on a project's rule. */
    public static final String TARGET_ID = PROGRESS_MONITOR_FUNCTION;

    private MonitorNames() {
    }

    /**
     * {@code UploadMonitorRule-<slug>}, the per-project EventBridge rule.
     *
     * @throws IllegalArgumentException for an invalid slug ({@link StatusKeys#requireValidSlug})
     */
    public static String ruleName(String slug) {
        return RULE_PREFIX + "-" + StatusKeys.requireValidSlug(slug);
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:<function>}. */
    public static String functionArn(String partition, String region, String account, String function) {
        return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + function;
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:ProgressMonitor}, the rule target. */
    public static String progressMonitorArn(String partition, String region, String account) {
        return functionArn(partition, region, account, PROGRESS_MONITOR_FUNCTION);
    }
}

package com.rmi360.monitor.model;

/**
 * Port: stops a project's schedule. In AWS the monitor asks the DisableUploadMonitorRule Lambda
 * ({@code com.rmi360.monitor.aws.LambdaRuleSwitch}, asynchronous invoke with
 * {@code {"rule_name", "region"}}); that Lambda and the agent can call EventBridge directly
 * ({@code com.rmi360.monitor.aws.EventBridgeRuleSwitch}); the agent's local mode stops its
 * in-process scheduler.
 */
@FunctionalInterface
public interface RuleSwitch {

    /**
     * Disables (or asks to disable) the rule.
     *
     * @param region may be null (the implementation's own region)
     * @throws RuleNotFoundException if the implementation knows the rule does not exist
     * @throws RuntimeException on any other failure; the monitor keeps {@code disable_pending} and
     *                          retries on the next tick
     */
    void disable(String ruleName, String region);
}

package com.rmi360.monitor.model;

/** The rule to disable does not exist (DisableUploadMonitorRule answers 404). */
public class RuleNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuleNotFoundException(String ruleName, Throwable cause) {
        super("rule " + ruleName + " does not exist", cause);
    }
}

package com.rmi360.monitor.function;

/**
 * The rule could not be disabled (EventBridge unreachable, throttled, denied…): thrown out of the
 * DisableUploadMonitorRule invocation so that Lambda retries it. The message names the rule and the
 * cause's type and message, never a stack trace.
 */
public final class DisableFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DisableFailedException(String message) {
        super(message);
    }
}

package com.rmi360.agent.error;


/** A bad config.yaml (exit 2); the message names the file and, where known, the key or line. */
public final class ConfigException extends UserError {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCodes.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCodes.USAGE, message, cause);
    }
}

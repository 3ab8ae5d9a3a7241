package com.rmi360.agent.error;


/** Credentials missing, unreadable or rejected: one line, exit 3. Never carries a secret in its message. */
public final class CredentialsException extends UserError {

    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(ExitCodes.CREDENTIALS, message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(ExitCodes.CREDENTIALS, message, cause);
    }
}

package com.rmi360.agent.error;

/**
 * A failure the user can fix, reported as one line ({@code rmi360: <message>}) on stderr with an exit
 * code from {@link ExitCodes}, never with a stack trace. Plain Java: config, keyring and upload code
 * may throw it without knowing about picocli.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public UserError(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage or configuration error (exit 2). */
    public static UserError usage(String message) {
        return new UserError(ExitCodes.USAGE, message);
    }

    /** A credentials error (exit 3). */
    public static UserError credentials(String message, Throwable cause) {
        return new UserError(ExitCodes.CREDENTIALS, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}

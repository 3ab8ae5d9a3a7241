package com.rmi360.agent.error;

/** The documented exit codes of every {@code rmi360} command. */
public final class ExitCodes {

    /** Everything done. */
    public static final int OK = 0;
    /** The command ran, but some files (or items) failed. */
    public static final int SOME_FAILED = 1;
    /** Bad usage, bad flags or a bad config.yaml. */
    public static final int USAGE = 2;
    /** Credentials missing, unreadable (keyring) or rejected by AWS. */
    public static final int CREDENTIALS = 3;
    /** Cancelled by Ctrl-C or the cancel_copy.txt trigger. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}

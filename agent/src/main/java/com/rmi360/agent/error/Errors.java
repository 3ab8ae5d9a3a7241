package com.rmi360.agent.error;

/** One line out of an exception for the user: every error the agent prints is one line. */
public final class Errors {

    private Errors() {
    }

    /** The first line of {@code message}, without surrounding blanks; "" for null. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** The first line of {@code t}'s message, or its simple class name when it has none. */
    public static String firstLine(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }
}

package com.rmi360.agent.upload.transport;

import static com.rmi360.agent.error.Errors.firstLine;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** How a failed upload reads: the cause under the future's wrappers, whether it was a cancel, and its one-line wording. */
public final class Failures {

    private Failures() {
    }

    /** The cause under any {@link CompletionException} / {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** True for a {@link CancellationException} or a failure whose message speaks of a cancel or an abort. */
    public static boolean cancelLike(Throwable cause) {
        if (cause instanceof CancellationException) {
            return true;
        }
        String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("cancel") || m.contains("abort");
    }

    /** The reason shown for a file that could not be sent (error line and CSV row). */
    public static String describe(Throwable cause) {
        if (cause instanceof NoSuchFileException) {
            return "vanished before it could be read";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return "S3 refused the upload (" + (code == null ? "HTTP " + s.statusCode() : code) + ")";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof NoSuchFileException || root instanceof AccessDeniedException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof NoSuchFileException) {
            return "vanished before it could be read";
        }
        if (root instanceof AccessDeniedException) {
            return "permission denied";
        }
        return firstLine(cause);
    }
}

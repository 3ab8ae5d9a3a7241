package com.rmi360.agent.upload.transport;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * When a whole file is sent again after its request-level retries ran out. The SDK retries each
 * request a few times; on a link that throttles (503 SlowDown), resets or answers 5xx for a while,
 * that budget can run out for one file while the rest go through. Such a file gets a few more
 * attempts, each after a growing, jittered pause, before it counts as failed.
 */
public final class FileRetry {

    /** Attempts per file, the first included. */
    public static final int ATTEMPTS = 4;

    private static final long BASE_MILLIS = 500;
    private static final long MAX_MILLIS = 8_000;

    private FileRetry() {
    }

    /** Whether another attempt can succeed: throttling, a 5xx, a timeout or a broken connection. */
    public static boolean retryable(Throwable cause) {
        if (cause instanceof CancellationException) {
            return false;
        }
        if (cause instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429;
        }
        if (cause instanceof SdkClientException client) {
            // Client-side failures are network ones (reset, timeout, refused) unless the file itself is at fault.
            return !(rootCause(client) instanceof java.nio.file.NoSuchFileException)
                    && !(rootCause(client) instanceof java.nio.file.AccessDeniedException);
        }
        return cause instanceof IOException && !(cause instanceof java.nio.file.FileSystemException);
    }

    /** Pause before attempt {@code next} (2, 3, …): exponential with full jitter, capped. */
    public static long pauseMillis(int next) {
        long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(next - 1, 10));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}

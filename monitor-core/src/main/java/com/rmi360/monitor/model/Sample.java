package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of the progress history (JSON {@code {"at", "count", "bytes"}}): the image count and
 * their total size seen by the tick at {@code at}. The monitor keeps the last
 * {@link ProgressDocument#HISTORY_LIMIT} samples (24 h at one tick every 5 minutes).
 */
public record Sample(Instant at, long count, long bytes) {

    public Sample {
        Objects.requireNonNull(at, "at");
    }
}

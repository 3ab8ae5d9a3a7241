package com.rmi360.monitor.model;

import java.time.Duration;
import java.util.List;

/**
 * Upload rate over the recent history window (default the last hour), not the all-time average:
 * the difference between the newest sample and the oldest sample inside the window, divided by the
 * time between them. Both rates are null when there are fewer than two samples in the window or
 * the count went down; a halted upload has rate 0 and therefore no ETA.
 *
 * @param imagesPerSecond null when unknown
 * @param bytesPerSecond  null when unknown
 */
public record RecentRate(Double imagesPerSecond, Double bytesPerSecond) {

    /** One hour: twelve 5-minute ticks. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    /** The rate over {@link #DEFAULT_WINDOW} ending at the newest sample. */
    public static RecentRate of(List<Sample> history) {
        return of(history, DEFAULT_WINDOW);
    }

    /** The rate over {@code window} ending at the newest sample. */
    public static RecentRate of(List<Sample> history, Duration window) {
        if (history.size() < 2) {
            return new RecentRate(null, null);
        }
        Sample newest = history.get(history.size() - 1);
        Sample oldest = oldestInWindow(history, window);
        double seconds = Duration.between(oldest.at(), newest.at()).toMillis() / 1000.0;
        long images = newest.count() - oldest.count();
        if (seconds <= 0 || images < 0) {
            return new RecentRate(null, null);
        }
        double bytesPerSecond = Math.max(0, newest.bytes() - oldest.bytes()) / seconds;
        return new RecentRate(images / seconds, bytesPerSecond);
    }

    /** The time the rate of {@link #of(List)} is measured over: at most {@link #DEFAULT_WINDOW}. */
    public static Duration span(List<Sample> history) {
        if (history.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.between(oldestInWindow(history, DEFAULT_WINDOW).at(), history.get(history.size() - 1).at());
    }

    private static Sample oldestInWindow(List<Sample> history, Duration window) {
        Sample newest = history.get(history.size() - 1);
        Sample oldest = newest;
        for (int i = history.size() - 2; i >= 0; i--) {
            Sample s = history.get(i);
            if (s.at().isBefore(newest.at().minus(window))) {
                break;
            }
            oldest = s;
        }
        return oldest;
    }

    /**
     * Seconds until {@code expectedTotal} at this rate: 0 when already there, null when the total
     * is unknown ({@code <= 0}) or the rate is unknown or zero.
     */
    public Long etaSeconds(long count, long expectedTotal) {
        if (expectedTotal <= 0) {
            return null;
        }
        long remaining = expectedTotal - count;
        if (remaining <= 0) {
            return 0L;
        }
        if (imagesPerSecond == null || imagesPerSecond <= 0) {
            return null;
        }
        return (long) Math.ceil(remaining / imagesPerSecond);
    }
}

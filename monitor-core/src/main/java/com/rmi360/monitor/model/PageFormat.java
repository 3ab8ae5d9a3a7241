package com.rmi360.monitor.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number, size, time and duration formats shared by the pages (and usable by the agent's CLI). */
public final class PageFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PageFormat() {
    }

    /** {@code 2026-11-28 12:05 UTC}, or "—" for null. */
    public static String time(Instant instant) {
        return instant == null ? Html.DASH : UTC.format(instant);
    }

    /** {@code h:mm:ss} (hours unbounded), or "—" for null or negative. */
    public static String hms(Long seconds) {
        if (seconds == null || seconds < 0) {
            return Html.DASH;
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Seconds between two instants (end null → now), or null if {@code start} is null. */
    public static Long elapsedSeconds(Instant start, Instant end, Instant now) {
        if (start == null) {
            return null;
        }
        return Math.max(0, Duration.between(start, end != null ? end : now).getSeconds());
    }

    /** Binary-prefixed size: {@code 512 B}, {@code 3.4 MiB}, {@code 1.20 GiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%.1f %s", value, units[unit]);
    }

    /** {@code 12.5 MiB/s}, or "—" for null. */
    public static String rate(Double bytesPerSecond) {
        return bytesPerSecond == null ? Html.DASH : bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** {@code 42.5%}, or "—" when the expected total is unknown. */
    public static String percent(ProgressDocument doc) {
        if (!doc.expectedKnown()) {
            return Html.DASH;
        }
        return String.format(Locale.ROOT, "%.1f%%", doc.percentComplete());
    }

    /** {@code 1,234}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "N of M images (P%)", or "N images (expected total unknown)". */
    public static String imagesLine(ProgressDocument doc) {
        if (!doc.expectedKnown()) {
            return count(doc.count()) + " images (expected total unknown, " + Html.DASH + ")";
        }
        return count(doc.count()) + " of " + count(doc.expectedTotal()) + " images (" + percent(doc) + ")";
    }

    /** "3 min ago" style age of {@code then} at {@code now}, or "—". */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return Html.DASH;
        }
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 90) {
            return s + " s ago";
        }
        if (s < 90 * 60) {
            return (s + 30) / 60 + " min ago";
        }
        return String.format(Locale.ROOT, "%.1f h ago", s / 3600.0);
    }
}

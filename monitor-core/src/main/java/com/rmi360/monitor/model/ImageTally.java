package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Counts image objects as an {@link ObjectListing} streams them: a key counts when its extension
 * is one of the settings' image extensions (any case) and it is not under {@code status/}.
 * Not thread-safe; one per listing.
 */
public final class ImageTally implements Consumer<ObjectEntry> {

    private final MonitorSettings settings;
    private long count;
    private long bytes;
    private Instant earliest;

    public ImageTally(MonitorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void accept(ObjectEntry entry) {
        String key = entry.key();
        if (StatusKeys.isStatusKey(key) || !settings.isImageKey(key)) {
            return;
        }
        count++;
        bytes += Math.max(0, entry.size());
        Instant modified = entry.lastModified();
        if (modified != null && (earliest == null || modified.isBefore(earliest))) {
            earliest = modified;
        }
    }

    /** The totals so far. */
    public ImageCount result() {
        return new ImageCount(count, bytes, earliest);
    }
}

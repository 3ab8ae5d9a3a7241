package com.rmi360.agent.upload.flight;

import java.util.Locale;

import com.rmi360.agent.upload.options.UploadOptions;

/**
 * What a run did with its number of files in flight, for the summary line and the JSON summary.
 *
 * @param mode     adaptive, or what pinned it
 * @param start    the first limit
 * @param peak     the highest limit
 * @param end      the limit at the end
 * @param max      the highest the limit could go (adaptive), else the pinned value
 * @param maxBytes adaptive: bound on the bytes of the files in flight; pinned: 0 (none)
 * @param cuts     adaptive: times a throttle signal cut the limit
 * @param heldAt   adaptive: the most files in flight at once when the byte bound, not the limit, held
 *                 files back (large files); 0 when it never did
 */
public record FlightSummary(UploadOptions.ConcurrencyMode mode, int start, int peak, int end, int max, long maxBytes,
                            int cuts, int heldAt) {

    static FlightSummary pinned(int n, UploadOptions.ConcurrencyMode mode) {
        return new FlightSummary(mode, n, n, n, n, 0, 0, 0);
    }

    static FlightSummary adaptive(int start, int peak, int end, int max, long maxBytes, int cuts) {
        return adaptive(start, peak, end, max, maxBytes, cuts, 0);
    }

    static FlightSummary adaptive(int start, int peak, int end, int max, long maxBytes, int cuts, int heldAt) {
        return new FlightSummary(UploadOptions.ConcurrencyMode.ADAPTIVE, start, peak, end, max, maxBytes, cuts, heldAt);
    }

    public boolean adaptive() {
        return mode == UploadOptions.ConcurrencyMode.ADAPTIVE;
    }

    /**
     * e.g. {@code files in flight: adaptive 16 → 54 (max 54 of 128, ended 36; 2 cuts on throttling)},
     * {@code files in flight: adaptive 16 → 16 (max 16 of 128, ended 16; at most 3 at once under the 24 MiB bound)} or
     * {@code files in flight: 16 (--concurrency)}.
     */
    public String line() {
        if (!adaptive()) {
            return String.format(Locale.ROOT, "files in flight: %d (%s)", start, mode.label());
        }
        return String.format(Locale.ROOT, "files in flight: adaptive %d → %d (max %d of %d, ended %d%s)", start, peak,
                peak, max, end, (cuts == 0 ? "" : "; " + cuts + (cuts == 1 ? " cut" : " cuts") + " on throttling")
                        + (heldAt == 0 ? "" : "; at most " + heldAt + " at once under the " + (maxBytes >> 20) + " MiB bound"));
    }
}

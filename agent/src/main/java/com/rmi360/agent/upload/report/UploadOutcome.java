package com.rmi360.agent.upload.report;

import java.util.Locale;
import java.util.OptionalLong;

import com.rmi360.agent.config.BandwidthLimit;
import com.rmi360.agent.error.ExitCodes;

/**
 * What an {@link UploadRun} did, for the summary line and the exit code.
 *
 * @param cancelReason   why the run stopped early (Ctrl-C, cancel_copy.txt), or null
 * @param requestRetries the SDK's request retries, where the client reports them
 * @param bwlimit        the run's bandwidth cap in bytes per second, 0 for none
 */
public record UploadOutcome(UploadReport report, String cancelReason, OptionalLong requestRetries, long bwlimit) {

    /** True when every file is in S3: neither cancelled nor failed. */
    public boolean complete() {
        return !report.cancelled() && report.failed() == 0 && report.conflicts().isEmpty();
    }

    /** 0 done, 1 some files failed or conflicted, 130 cancelled. */
    public int exitCode() {
        if (report.cancelled()) {
            return ExitCodes.CANCELLED;
        }
        return report.failed() > 0 || !report.conflicts().isEmpty() ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    /** The one summary line on stdout. */
    public String summary() {
        double seconds = report.elapsed().toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%s: %d uploaded, %d skipped (journal), %d skipped (already in S3), %d failed%s; "
                        + "%.1f MiB in %.1f s (%.1f MiB/s)%s",
                report.cancelled() ? "cancelled (" + cancelReason + ")" : "done", report.uploaded(),
                report.skippedJournal(), report.skippedRemote(), report.failed(),
                report.conflicts().isEmpty() ? "" : ", " + report.conflicts().size() + " conflicts (not replaced; --overwrite replaces)",
                mib(report.bytesUploaded()), seconds,
                mib(report.bytesUploaded()) / Math.max(seconds, 0.001),
                (requestRetries.isPresent() ? "; " + requestRetries.getAsLong() + " retries" : "")
                        + (report.fileRetries() > 0 ? "; " + report.fileRetries() + " files sent again" : "")
                        + (report.flight() == null ? "" : "; " + report.flight().line())
                        + (bwlimit > 0 ? "; " + capNote(bwlimit) : ""));
    }

    /** {@code capped at 2.0 MiB/s (16.8 Mbit/s)} (a cap in bytes per second, above 0). */
    public static String capNote(long bwlimit) {
        return "capped at " + new BandwidthLimit(bwlimit).describe();
    }

    public static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}

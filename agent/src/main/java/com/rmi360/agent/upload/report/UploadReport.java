package com.rmi360.agent.upload.report;

import java.time.Duration;

import com.rmi360.agent.upload.flight.FlightSummary;

/**
 * What one run did.
 *
 * @param total          images found
 * @param uploaded       sent and verified in this run
 * @param skippedRemote  already in S3 (found by --verify-remote)
 * @param skippedJournal already in S3 according to the journal (no request made)
 * @param failed         errors (files that could not be read or sent, walk problems)
 * @param bytesUploaded  bytes of the uploaded files
 * @param cancelled      stopped by Ctrl-C or cancel_copy.txt
 * @param fileRetries    files sent again after their request-level retries ran out (see FileRetry)
 * @param conflicts      keys whose object in S3 holds other bytes and was left as it is (see --overwrite)
 * @param flight         what the run did with its files in flight; null when not known
 */
public record UploadReport(long total, long uploaded, long skippedRemote, long skippedJournal, long failed,
                           long bytesUploaded, Duration elapsed, boolean cancelled, long fileRetries,
                           java.util.List<String> conflicts, FlightSummary flight) {

    /** Without the files-in-flight summary. */
    public UploadReport(long total, long uploaded, long skippedRemote, long skippedJournal, long failed,
                        long bytesUploaded, Duration elapsed, boolean cancelled, long fileRetries,
                        java.util.List<String> conflicts) {
        this(total, uploaded, skippedRemote, skippedJournal, failed, bytesUploaded, elapsed, cancelled, fileRetries,
                conflicts, null);
    }

    public UploadReport {
        conflicts = conflicts == null ? java.util.List.of() : java.util.List.copyOf(conflicts);
    }
}

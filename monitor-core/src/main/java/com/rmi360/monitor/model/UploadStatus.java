package com.rmi360.monitor.model;

import java.util.Locale;

/**
 * The {@code upload_status} of a project, written as the legacy labels
 * {@code "In Progress"}, {@code "Complete"} and {@code "Failed"}.
 */
public enum UploadStatus {
    /** Still uploading (or waiting for the first image). Blue pill. */
    IN_PROGRESS("In Progress"),
    /** {@code expected_total > 0} and at least that many images are in S3. Green pill. */
    COMPLETE("Complete"),
    /** No progress and no agent heartbeat for {@code STALL_THRESHOLD} ticks. Red pill. */
    FAILED("Failed");

    private final String label;

    UploadStatus(String label) {
        this.label = label;
    }

    /** The label used in JSON and on the pages. */
    public String label() {
        return label;
    }

    /** True for {@link #COMPLETE} and {@link #FAILED}: the monitor's rule should be (or is) disabled. */
    public boolean finished() {
        return this != IN_PROGRESS;
    }

    /**
     * Parses a label leniently (case, spaces, underscores and hyphens ignored); null, blank or
     * unknown text means {@link #IN_PROGRESS}.
     */
    public static UploadStatus fromLabel(String text) {
        if (text == null) {
            return IN_PROGRESS;
        }
        String squashed = text.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (UploadStatus status : values()) {
            if (status.label.replace(" ", "").toLowerCase(Locale.ROOT).equals(squashed)) {
                return status;
            }
        }
        return IN_PROGRESS;
    }
}

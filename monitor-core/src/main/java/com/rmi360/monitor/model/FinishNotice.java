package com.rmi360.monitor.model;

import java.time.Instant;

/**
 * The message sent once when a project becomes Complete or Failed: a subject line (ASCII, under
 * 100 characters, as SNS requires) and a plain-text body with the counts, the elapsed time and the way to
 * the status page.
 *
 * @param subject e.g. {@code "rmi360: ABC25101 Complete, 1,200 of 1,200 images"}
 * @param body    plain text, one fact a line
 */
public record FinishNotice(String subject, String body) {

    /** SNS wants fewer than 100 characters. */
    public static final int SUBJECT_LIMIT = 99;

    /**
     * The notice for a finished document.
     *
     * @param doc         finished (Complete or Failed)
     * @param pageBaseUrl where {@code status/<slug>.html} is served publicly, ending in "/" (e.g.
     *                    {@code https://bucket.s3.us-east-2.amazonaws.com/}); null or blank when the
     *                    page is private: the body then says how to get a private link
     * @param now         used for the elapsed time when the document has no end time
     */
    public static FinishNotice of(ProgressDocument doc, String pageBaseUrl, Instant now) {
        String slug = doc.projectSlug();
        String status = doc.uploadStatus().label();
        String subject = "rmi360: " + slug + " " + status + ", " + PageFormat.count(doc.count())
                + (doc.expectedKnown() ? " of " + PageFormat.count(doc.expectedTotal()) : "") + " images";
        if (subject.length() > SUBJECT_LIMIT) {
            subject = subject.substring(0, SUBJECT_LIMIT - 3) + "...";
        }
        StringBuilder body = new StringBuilder();
        body.append("Project ").append(slug).append(" is ").append(status).append(".\n\n");
        body.append("Images:   ").append(PageFormat.imagesLine(doc)).append('\n');
        body.append("Bytes:    ").append(PageFormat.bytes(doc.bytes())).append('\n');
        body.append("Started:  ").append(PageFormat.time(doc.startTime())).append('\n');
        body.append("Ended:    ").append(PageFormat.time(doc.endTime())).append('\n');
        body.append("Elapsed:  ").append(PageFormat.hms(PageFormat.elapsedSeconds(doc.startTime(), doc.endTime(), now))).append('\n');
        if (doc.uploadStatus() == UploadStatus.FAILED) {
            body.append("Why:      no new image and no agent heartbeat for ").append(doc.stalls())
                    .append(" monitor runs in a row (stalled)\n");
        }
        body.append("Bucket:   s3://").append(nullToDash(doc.cloudInfo().bucket())).append('/')
                .append(nullToDash(doc.cloudInfo().prefix())).append('\n');
        body.append('\n');
        String page = StatusKeys.page(slug);
        if (pageBaseUrl != null && !pageBaseUrl.isBlank()) {
            String base = pageBaseUrl.endsWith("/") ? pageBaseUrl : pageBaseUrl + "/";
            body.append("Status page: ").append(base).append(page).append('\n');
        } else {
            body.append("Status page (private): s3://").append(nullToDash(doc.cloudInfo().bucket())).append('/').append(page)
                    .append("\nA link to send, valid 7 days: rmi360 status --link --config config.yaml\n");
        }
        return new FinishNotice(subject, body.toString());
    }

    private static String nullToDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}

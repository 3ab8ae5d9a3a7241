package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The finish notification's text. */
class FinishNoticeTest {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant END = Instant.parse("2026-11-28T12:30:05Z");

    private static ProgressDocument finished(UploadStatus status, long count, long expected) {
        return ProgressDocument.start("ABC25101", null, null, new CloudInfo("bkt", "ABC25101", "us-east-2"), expected, 0, START)
                .toBuilder().startTime(START).endTime(END).uploadStatus(status).count(count).bytes(3L << 30)
                .percentComplete(ProgressRules.percent(count, expected)).stalls(status == UploadStatus.FAILED ? 6 : 0).build();
    }

    @Test
    void completeCarriesCountsElapsedTimeAndThePublicLink() {
        FinishNotice n = FinishNotice.of(finished(UploadStatus.COMPLETE, 1200, 1200), "https://bkt.s3.us-east-2.amazonaws.com", END);
        assertThat(n.subject()).isEqualTo("rmi360: ABC25101 Complete, 1,200 of 1,200 images");
        assertThat(n.body()).contains("Project ABC25101 is Complete.", "1,200 of 1,200 images (100.0%)", "3.00 GiB",
                "Elapsed:  2:30:05", "Status page: https://bkt.s3.us-east-2.amazonaws.com/status/ABC25101.html")
                .doesNotContain("stalled");
    }

    @Test
    void failedSaysWhyAndAPrivatePageSaysHowToGetALink() {
        FinishNotice n = FinishNotice.of(finished(UploadStatus.FAILED, 10, 1200), null, END);
        assertThat(n.subject()).isEqualTo("rmi360: ABC25101 Failed, 10 of 1,200 images");
        assertThat(n.body()).contains("for 6 monitor runs in a row", "Status page (private): s3://bkt/status/ABC25101.html",
                "rmi360 status --link");
    }

    @Test
    void theSubjectIsAsciiAndShortEvenWithoutAnExpectedTotal() {
        FinishNotice n = FinishNotice.of(finished(UploadStatus.FAILED, 10, 0).toBuilder()
                .projectSlug("A".repeat(46)).build(), null, END);
        assertThat(n.subject()).hasSizeLessThan(100).matches("\\p{ASCII}+").endsWith("Failed, 10 images");
    }
}

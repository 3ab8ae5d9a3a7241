package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DetailPageTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void showsEverythingTheLegacyPageShowedAndMore() {
        ProgressDocument doc = ProgressDocument.builder().projectSlug("ABC25101").lastUpdated(NOW)
                .startTime(NOW.minusSeconds(3723)).count(1234).expectedTotal(5000).percentComplete(24.68)
                .avgTimePerImage(3.02).bytes(3L << 30).expectedBytes(12L << 30).etaSeconds(11_045L).bytesPerSecond(2_097_152.0)
                .projectInfo(new ProjectInfo("25-101", "ABC25101", "Acme Rail", "Great Northern", "GN", "Main line"))
                .cameraInfo(new CameraInfo("Mosaic", "Mosaic 51", "SN-77", "2.2.0", "Mosaic Stitcher"))
                .cloudInfo(new CloudInfo("rmi-bucket", "ABC25101", "us-east-2"))
                .heartbeat(new Heartbeat("ABC25101", NOW.minusSeconds(30), 1240, 3L << 30, 8L << 20))
                .build();

        String html = DetailPage.render(doc, NOW);

        assertThat(html).contains("<title>25-101 ABC25101 · Acme Rail — upload status</title>",
                "<meta http-equiv=\"refresh\" content=\"60\">", "<link rel=\"icon\" href=\"data:,\">",
                "name=\"viewport\"", "pill in-progress", "In Progress", "1,234 of 5,000 images (24.7%)",
                "width:24.7%", "3.00 GiB of 12.0 GiB", "2.00 MiB/s", "3:04:05", "1:02:03", "3.02 s",
                "2026-11-28 10:57 UTC", "Great Northern", "GN", "Main line", "Mosaic 51", "SN-77", "2.2.0",
                "Mosaic Stitcher", "rmi-bucket", "us-east-2", "30 s ago", "1,240", "8.00 MiB",
                "All projects: status/status.html in the bucket");
    }

    @Test
    void holdsNoRelativeLinkSoAPresignedPageNeverLeadsToAnUnsignedOne() {
        ProgressDocument doc = Payloads.hostile("p1", NOW);
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile("(?:href|src|action)\\s*=\\s*\"([^\"]*)\"");

        String privatePage = DetailPage.render(doc, NOW);
        String publicPage = DetailPage.render(doc, NOW, "https://rmi-bucket.s3.us-east-2.amazonaws.com/");

        assertThat(ref.matcher(privatePage).results().map(m -> m.group(1)).toList()).containsExactly("data:,");
        assertThat(ref.matcher(publicPage).results().map(m -> m.group(1)).toList())
                .containsExactly("data:,", "https://rmi-bucket.s3.us-east-2.amazonaws.com/status/status.html");
        assertThat(privatePage).doesNotContain("url(").doesNotContain("@import");
    }

    @Test
    void statesTheRateWindowAndLabelsTheChartWithTheSpanItCovers() {
        ProgressDocument doc = ProgressDocument.builder().projectSlug("SHORT1").lastUpdated(NOW).startTime(NOW.minusSeconds(2))
                .count(6).expectedTotal(6).bytes(6_000).bytesPerSecond(3_000.0)
                .history(java.util.List.of(new Sample(NOW.minusSeconds(2), 0, 0), new Sample(NOW, 6, 6_000)))
                .build();

        String html = DetailPage.render(doc, NOW);

        assertThat(html).contains("over the last 0:00:02").doesNotContain("over the last hour");
        assertThat(html).contains("<div class=\"chart-x\"><span>2026-11-28 11:59 UTC</span><span>+0:00:02</span></div>");
    }

    @Test
    void isSelfContained() {
        String html = DetailPage.render(Payloads.hostile("p1", NOW), NOW);

        assertThat(html).doesNotContainPattern("(?i)<(script|link rel=\"stylesheet\"|img|iframe|object|embed)")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//")
                .doesNotContainPattern("(?i)url\\(")
                .doesNotContainPattern("(?i)@import");
        assertThat(html).contains("<svg", "<polyline");
    }

    @Test
    void escapesEveryTextValueSoPayloadsRenderAsText() {
        ProgressDocument doc = Payloads.hostile("p1", NOW);

        String html = DetailPage.render(doc, NOW);

        assertThat(html).doesNotContain(Payloads.SCRIPT).doesNotContain("<img").doesNotContain("onerror=\"")
                .doesNotContain("' onmouseover='");
        assertThat(html).contains("&lt;script&gt;document.title=&#39;pwned&#39;");
        assertThat(count(html, "&lt;script&gt;")).isGreaterThanOrEqualTo(16);
    }

    @Test
    void showsADashForPercentAndEtaWhenTheTotalIsUnknown() {
        ProgressDocument doc = ProgressDocument.builder().projectSlug("p").count(7).lastUpdated(NOW).build();

        String html = DetailPage.render(doc, NOW);

        assertThat(html).contains("7 images (expected total unknown, —)", "width:0.0%");
        assertThat(html).containsPattern("ETA</dt><dd>—");
    }

    @Test
    void colorsThePillByStatus() {
        ProgressDocument base = ProgressDocument.builder().projectSlug("p").build();
        assertThat(DetailPage.render(base.toBuilder().uploadStatus(UploadStatus.COMPLETE).build(), NOW))
                .contains("<span class=\"pill complete\">Complete</span>");
        assertThat(DetailPage.render(base.toBuilder().uploadStatus(UploadStatus.FAILED).build(), NOW))
                .contains("<span class=\"pill failed\">Failed</span>");
    }

    @Test
    void titleIsTheRawTextTheBrowserShows() {
        ProgressDocument doc = ProgressDocument.builder().projectSlug("p")
                .projectInfo(new ProjectInfo("<b>1</b>", null, " Acme & Co ", null, null, null)).build();

        assertThat(DetailPage.title(doc)).isEqualTo("<b>1</b> p · Acme & Co — upload status");
        assertThat(DetailPage.render(doc, NOW)).contains("<title>&lt;b&gt;1&lt;/b&gt; p · Acme &amp; Co — upload status</title>");
    }

    private static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}

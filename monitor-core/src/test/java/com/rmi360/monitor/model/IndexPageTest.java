package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class IndexPageTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void listsEveryProjectWithPillBarCountsEtaAndLink() {
        ProgressDocument a = ProgressDocument.builder().projectSlug("AAA").count(10).expectedTotal(40).percentComplete(25)
                .etaSeconds(600L).lastUpdated(NOW).build();
        ProgressDocument b = ProgressDocument.builder().projectSlug("BBB").count(40).expectedTotal(40).percentComplete(100)
                .uploadStatus(UploadStatus.COMPLETE).lastUpdated(NOW).build();

        String html = IndexPage.render(List.of(a, b), NOW);

        assertThat(html).contains("<title>Upload status — all projects</title>", "href=\"AAA.html\"", "href=\"BBB.html\"",
                "10 of 40 images (25.0%)", "40 of 40 images (100.0%)", "ETA 0:10:00", "pill complete", "pill in-progress",
                "width:25.0%", "<meta http-equiv=\"refresh\" content=\"60\">", "<link rel=\"icon\" href=\"data:,\">");
    }

    @Test
    void escapesProjectFields() {
        String html = IndexPage.render(List.of(Payloads.hostile("p1", NOW)), NOW);

        assertThat(html).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;");
    }

    @Test
    void saysSoWhenThereIsNoProject() {
        assertThat(IndexPage.render(List.of(), NOW)).contains("No project yet.");
    }
}

package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rmi360.testing.HeadlessChromium;
import com.rmi360.testing.HeadlessChromium.PageLoad;

/** The pages in a real headless Chromium: they render, no payload runs, and they request nothing. */
class StatusPageChromiumIT {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void detailPageRendersWithPayloadsInertAndMakesNoRequest() {
        ProgressDocument doc = Payloads.hostile("p1", NOW).toBuilder().machines(List.of(
                new MachineView("m" + Payloads.SCRIPT + Payloads.IMG, 120, 1200, 30, 0, 2.5, NOW, MachineView.State.UPLOADING),
                new MachineView("office", 80, 800, 20, 1, null, null, MachineView.State.CONFLICT))).build();

        PageLoad load = HeadlessChromium.load(DetailPage.render(doc, NOW));

        assertThat(load.dom()).contains("50 of 200 images (25.0%)", "In Progress", "<svg", "<polyline");
        assertThat(load.dom()).contains("<h2>Machines</h2>", "30 / 120", "2.5 images/min", "20 / 80 (1 conflicting)",
                ">conflict<", ">never<");
        assertThat(load.title()).isEqualTo(DetailPage.title(doc)).isNotEqualTo("pwned");
        assertThat(load.dom()).doesNotContain("<img").doesNotContain("<script");
        assertThat(load.requests()).containsExactly("GET " + HeadlessChromium.PAGE_PATH);
    }

    @Test
    void indexPageRendersWithPayloadsInertAndMakesNoRequest() {
        List<ProgressDocument> projects = List.of(Payloads.hostile("p1", NOW), Payloads.hostile("p2", NOW));

        PageLoad load = HeadlessChromium.load(IndexPage.render(projects, NOW));

        assertThat(load.dom()).contains("href=\"p1.html\"", "href=\"p2.html\"");
        assertThat(load.title()).isEqualTo(IndexPage.TITLE);
        assertThat(load.requests()).containsExactly("GET " + HeadlessChromium.PAGE_PATH);
    }

    @Test
    void theProbeSeesAPayloadThatIsNotEscaped() {
        // Control: the same payloads pasted raw must change the title and cause requests,
        // otherwise the two tests above would prove nothing.
        String raw = "<!DOCTYPE html><html><head><title>raw</title><link rel=\"icon\" href=\"data:,\"></head><body>"
                + Payloads.SCRIPT + "<p>x" + Payloads.IMG + "</p></body></html>";

        PageLoad load = HeadlessChromium.load(raw);

        assertThat(load.title()).isEqualTo("pwned");
        assertThat(load.requests()).hasSizeGreaterThan(1).anyMatch(r -> r.contains("/img-onerror"));
    }
}

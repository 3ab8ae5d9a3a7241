package com.rmi360.monitor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The project's page {@code status/<slug>.html}: self-contained HTML (no external request; inline
 * CSS and SVG, empty inline favicon), refreshed every 60 s, every value escaped.
 */
public final class DetailPage {

    private DetailPage() {
    }

    /**
     * The page's (unescaped) title text: "&lt;number&gt; &lt;slug&gt; · &lt;client&gt; — upload status",
     * skipping blank parts. The HTML carries it escaped, so a browser's {@code document.title}
     * equals this string.
     */
    public static String title(ProgressDocument doc) {
        return name(doc) + " — upload status";
    }

    /** "&lt;number&gt; &lt;slug&gt; · &lt;client&gt;", skipping blank parts (unescaped). */
    public static String name(ProgressDocument doc) {
        ProjectInfo p = doc.projectInfo();
        StringBuilder name = new StringBuilder();
        if (p.number() != null && !p.number().isBlank()) {
            name.append(p.number().strip()).append(' ');
        }
        name.append(doc.projectSlug() == null ? "project" : doc.projectSlug());
        if (p.client() != null && !p.client().isBlank()) {
            name.append(" · ").append(p.client().strip());
        }
        return name.toString();
    }

    /** The whole page at {@code now}, with no link to the index (a private page). */
    public static String render(ProgressDocument doc, Instant now) {
        return render(doc, now, null);
    }

    /**
     * The whole page at {@code now} (used for elapsed time and the heartbeat's age).
     *
     * <p>The page holds no relative link: opened through a presigned URL ({@code rmi360 status
     * --link}), a relative link would lead to an unsigned URL of another private object and
     * S3's AccessDenied. The link to the index is absolute, and only given when the pages are
     * public.
     *
     * @param pageBaseUrl public address of the bucket's pages (e.g. {@code https://b.s3.us-east-2.amazonaws.com/}),
     *                    null or blank when they are private: the footer then names the index instead
     */
    public static String render(ProgressDocument doc, Instant now, String pageBaseUrl) {
        StringBuilder html = new StringBuilder(8192);
        html.append(PageStyle.head(Html.text(title(doc))));
        html.append("<body>\n<main>\n<header><h1>").append(Html.text(name(doc))).append("</h1>")
                .append(PageStyle.pill(doc.uploadStatus())).append("</header>\n");
        html.append("<section class=\"card\">").append(PageStyle.bar(doc))
                .append("<p class=\"big\">").append(Html.text(PageFormat.imagesLine(doc))).append("</p>")
                .append("<p class=\"muted\">").append(Html.text(bytesLine(doc))).append("</p></section>\n");
        html.append(MachineTable.render(doc, now));
        html.append("<div class=\"grid\">\n");
        html.append(card("Timing", timing(doc, now)));
        html.append(card("Agent", agent(doc, now)));
        html.append("</div>\n");
        html.append("<section class=\"card\"><h2>Images over time</h2>").append(ProgressChart.render(doc)).append("</section>\n");
        html.append("<div class=\"grid\">\n");
        html.append(card("Project", project(doc.projectInfo())));
        html.append(card("Camera", camera(doc.cameraInfo())));
        html.append(card("Cloud", cloud(doc.cloudInfo())));
        html.append("</div>\n");
        html.append("<footer>").append(indexLink(pageBaseUrl)).append(" · Updated by the upload monitor on each")
                .append(" tick (every 5 minutes on AWS); this page reloads every 60 s. Last updated ")
                .append(Html.text(PageFormat.time(doc.lastUpdated()))).append(".</footer>\n");
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String indexLink(String pageBaseUrl) {
        if (pageBaseUrl == null || pageBaseUrl.isBlank()) {
            return "All projects: " + StatusKeys.INDEX_PAGE + " in the bucket";
        }
        String base = pageBaseUrl.endsWith("/") ? pageBaseUrl : pageBaseUrl + "/";
        return "<a href=\"" + Html.attr(base + StatusKeys.INDEX_PAGE) + "\">All projects</a>";
    }

    private static String bytesLine(ProgressDocument doc) {
        String line = PageFormat.bytes(doc.bytes());
        if (doc.expectedBytes() > 0) {
            line += " of " + PageFormat.bytes(doc.expectedBytes());
        }
        if (doc.bytesPerSecond() == null) {
            return line + " uploaded";
        }
        Duration window = RecentRate.span(doc.history());
        String over = window.compareTo(RecentRate.DEFAULT_WINDOW) >= 0 ? "the last hour"
                : "the last " + PageFormat.hms(window.getSeconds());
        return line + " uploaded · " + PageFormat.rate(doc.bytesPerSecond()) + " over " + over;
    }

    private static String timing(ProgressDocument doc, Instant now) {
        return Html.row("Started", PageFormat.time(doc.startTime()))
                + Html.row("Elapsed", PageFormat.hms(PageFormat.elapsedSeconds(doc.startTime(), doc.endTime(), now)))
                + Html.row("ETA", doc.uploadStatus() == UploadStatus.IN_PROGRESS ? PageFormat.hms(doc.etaSeconds()) : Html.DASH)
                + Html.row("Average per image", doc.count() > 0
                        ? String.format(Locale.ROOT, "%.2f s", doc.avgTimePerImage()) : Html.DASH)
                + Html.row("Throughput", PageFormat.rate(doc.bytesPerSecond()))
                + Html.row("Ended", PageFormat.time(doc.endTime()))
                + Html.row("Stalled ticks", String.valueOf(doc.stalls()))
                + Html.row("Last updated", PageFormat.time(doc.lastUpdated()));
    }

    private static String agent(ProgressDocument doc, Instant now) {
        Heartbeat h = doc.heartbeat();
        String schedule = Html.row("Schedule", doc.ruleDisabledAt() != null ? "stopped " + PageFormat.time(doc.ruleDisabledAt())
                : doc.disablePending() ? "stop pending" : "running");
        if (h == null) {
            return Html.row("Last heartbeat", "none yet") + schedule;
        }
        return Html.row("Last heartbeat", PageFormat.time(h.updated()) + " (" + PageFormat.age(h.updated(), now) + ")")
                + Html.row("Files done", PageFormat.count(h.filesDone()))
                + Html.row("Bytes sent", PageFormat.bytes(h.bytesSent()))
                + Html.row("In flight", PageFormat.bytes(h.bytesInFlight()))
                + schedule;
    }

    private static String project(ProjectInfo p) {
        return Html.row("Number", p.number()) + Html.row("Slug", p.slug()) + Html.row("Client", p.client())
                + Html.row("Railroad", p.railroadName()) + Html.row("Railroad code", p.railroadCode())
                + Html.row("Description", p.description());
    }

    private static String camera(CameraInfo c) {
        return Html.row("Make", c.make()) + Html.row("Model", c.model()) + Html.row("Serial number", c.serialNumber())
                + Html.row("Firmware", c.firmware()) + Html.row("Software", c.software());
    }

    private static String cloud(CloudInfo c) {
        return Html.row("Bucket", c.bucket()) + Html.row("Folder", c.prefix()) + Html.row("Region", c.region());
    }

    private static String card(String heading, String rows) {
        return "<section class=\"card\"><h2>" + heading + "</h2><dl>" + rows + "</dl></section>\n";
    }
}

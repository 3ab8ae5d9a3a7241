package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.List;

/**
 * The index {@code status/status.html}: one card per project found as
 * {@code status/progress_*.json} with pill, bar, counts, ETA and a link to its detail page.
 * Self-contained and escaped like {@link DetailPage}.
 */
public final class IndexPage {

    /** The index's title. */
    public static final String TITLE = "Upload status — all projects";

    private IndexPage() {
    }

    /** The page listing {@code projects} in the given order. */
    public static String render(List<ProgressDocument> projects, Instant now) {
        StringBuilder html = new StringBuilder(4096 + projects.size() * 1024);
        html.append(PageStyle.head(Html.text(TITLE)));
        html.append("<body>\n<main>\n<header><h1>").append(Html.text(TITLE)).append("</h1></header>\n");
        if (projects.isEmpty()) {
            html.append("<p class=\"muted\">No project yet.</p>\n");
        }
        html.append("<ul class=\"projects\">\n");
        for (ProgressDocument doc : projects) {
            html.append(item(doc));
        }
        html.append("</ul>\n<footer>Updated by the upload monitor on every tick; this page reloads every 60 s. Rendered ")
                .append(Html.text(PageFormat.time(now))).append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String item(ProgressDocument doc) {
        String link = StatusKeys.isValidSlug(doc.projectSlug()) ? StatusKeys.pageLinkFromIndex(doc.projectSlug()) : "#";
        String eta = doc.uploadStatus() == UploadStatus.IN_PROGRESS ? PageFormat.hms(doc.etaSeconds()) : Html.DASH;
        return "<li class=\"card\"><header><h1><a href=\"" + Html.attr(link) + "\">" + Html.text(DetailPage.name(doc))
                + "</a></h1>" + PageStyle.pill(doc.uploadStatus()) + "</header>"
                + PageStyle.bar(doc)
                + "<p class=\"big\">" + Html.text(PageFormat.imagesLine(doc)) + "</p>"
                + "<p class=\"muted\">ETA " + Html.text(eta) + " · " + Html.text(PageFormat.bytes(doc.bytes()))
                + " · updated " + Html.text(PageFormat.time(doc.lastUpdated())) + "</p></li>\n";
    }
}

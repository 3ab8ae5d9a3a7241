package com.rmi360.monitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line chart of images over time from the document's history. The SVG draws only
 * lines and stretches to its box; the axis labels are page text beside it, so they keep the page's
 * font size on a phone and on a wide screen alike.
 */
final class ProgressChart {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 160;

    private ProgressChart() {
    }

    /** The chart, or a short note when there are fewer than two samples. */
    static String render(ProgressDocument doc) {
        List<Sample> history = doc.history();
        if (history.size() < 2) {
            return "<p class=\"muted\">The chart appears after the second tick.</p>";
        }
        Sample first = history.get(0);
        Sample last = history.get(history.size() - 1);
        long spanSeconds = Duration.between(first.at(), last.at()).getSeconds();
        double span = Math.max(1, spanSeconds);
        long maxCount = Math.max(1, Math.max(doc.expectedTotal(), history.stream().mapToLong(Sample::count).max().orElse(1)));

        StringBuilder points = new StringBuilder();
        for (Sample s : history) {
            double x = Duration.between(first.at(), s.at()).getSeconds() / span * WIDTH;
            double y = HEIGHT - (double) s.count() / maxCount * HEIGHT;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        StringBuilder chart = new StringBuilder("<div class=\"chart\">");
        chart.append("<div class=\"chart-y\"><span>").append(Html.text(PageFormat.count(maxCount)))
                .append("</span><span>0</span></div>");
        chart.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Images uploaded over time\"")
                .append(" xmlns=\"http://www.w3.org/2000/svg\">");
        chart.append(line(0, HEIGHT, WIDTH, HEIGHT, "chart-axis"));
        chart.append(line(0, 0, 0, HEIGHT, "chart-axis"));
        if (doc.expectedKnown()) {
            double y = HEIGHT - (double) doc.expectedTotal() / maxCount * HEIGHT;
            chart.append(line(0, y, WIDTH, y, "chart-target"));
        }
        chart.append("<polyline class=\"chart-line\" points=\"").append(points.toString().trim()).append("\"/>");
        chart.append("</svg>");
        chart.append("<div class=\"chart-x\"><span>").append(Html.text(PageFormat.time(first.at())))
                .append("</span><span>+").append(Html.text(PageFormat.hms(spanSeconds))).append("</span></div>");
        chart.append("</div>");
        return chart.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cssClass, x1, y1, x2, y2);
    }
}

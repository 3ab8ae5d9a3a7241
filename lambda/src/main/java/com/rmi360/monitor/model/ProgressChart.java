package com.rmi360.monitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** An inline SVG line chart of images over time from the document's history. */
final class ProgressChart {

    private static final int WIDTH = 480;
    private static final int HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;

    private ProgressChart() {
    }

    /** The SVG, or a short note when there are fewer than two samples. */
    static String render(ProgressDocument doc) {
        List<Sample> history = doc.history();
        if (history.size() < 2) {
            return "<p class=\"muted\">The chart appears after the second tick.</p>";
        }
        Sample first = history.get(0);
        Sample last = history.get(history.size() - 1);
        double span = Math.max(1, Duration.between(first.at(), last.at()).getSeconds());
        long maxCount = Math.max(1, Math.max(doc.expectedTotal(), history.stream().mapToLong(Sample::count).max().orElse(1)));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;

        StringBuilder points = new StringBuilder();
        for (Sample s : history) {
            double x = LEFT + Duration.between(first.at(), s.at()).getSeconds() / span * plotW;
            double y = TOP + plotH - (double) s.count() / maxCount * plotH;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Images uploaded over time\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "chart-axis"));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "chart-axis"));
        if (doc.expectedKnown()) {
            double y = TOP + plotH - (double) doc.expectedTotal() / maxCount * plotH;
            svg.append(line(LEFT, y, LEFT + plotW, y, "chart-target"));
        }
        svg.append("<polyline class=\"chart-line\" points=\"").append(points.toString().trim()).append("\"/>");
        svg.append(label(LEFT - 6, TOP + 10, "end", PageFormat.count(maxCount)));
        svg.append(label(LEFT - 6, TOP + plotH, "end", "0"));
        svg.append(label(LEFT, HEIGHT - 8, "start", PageFormat.time(first.at())));
        svg.append(label(LEFT + plotW, HEIGHT - 8, "end", PageFormat.time(last.at())));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cssClass, x1, y1, x2, y2);
    }

    private static String label(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text class=\"chart-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                x, y, anchor, Html.svgText(text));
    }
}

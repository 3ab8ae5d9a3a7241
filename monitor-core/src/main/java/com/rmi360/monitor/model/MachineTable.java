package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.Locale;

/**
 * The detail page's machine table (one row per {@link MachineView}): machine, files done of its
 * total, rate, last heartbeat and state. Empty in the single-machine layout. Every value escaped.
 */
final class MachineTable {

    private MachineTable() {
    }

    static String render(ProgressDocument doc, Instant now) {
        if (doc.machines().isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(512 + doc.machines().size() * 256);
        html.append("<section class=\"card\"><h2>Machines</h2><table class=\"machines\">")
                .append("<thead><tr><th>Machine</th><th>Files done</th><th>Rate</th><th>Last seen</th><th>State</th></tr></thead><tbody>");
        for (MachineView v : doc.machines()) {
            String done = PageFormat.count(v.done()) + " / " + PageFormat.count(v.files());
            if (v.conflicts() > 0) {
                done += " (" + PageFormat.count(v.conflicts()) + " conflicting)";
            }
            String rate = v.filesPerMinute() == null ? Html.DASH : String.format(Locale.ROOT, "%.1f images/min", v.filesPerMinute());
            String seen = v.lastSeen() == null ? "never" : PageFormat.time(v.lastSeen()) + " (" + PageFormat.age(v.lastSeen(), now) + ")";
            html.append("<tr data-machine=\"").append(Html.attr(v.machine())).append("\"><td>").append(Html.text(v.machine()))
                    .append("</td><td>").append(Html.text(done))
                    .append("</td><td>").append(Html.text(rate))
                    .append("</td><td>").append(Html.text(seen))
                    .append("</td><td class=\"state-").append(v.state().label()).append("\">").append(Html.text(v.state().label()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
        return html.toString();
    }
}

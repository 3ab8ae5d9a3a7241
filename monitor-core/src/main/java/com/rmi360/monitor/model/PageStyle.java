package com.rmi360.monitor.model;

/** The shared page head and stylesheet: system fonts only, phone-first, light and dark. */
final class PageStyle {

    static final String CSS = """
            :root{--bg:#f5f7fa;--card:#fff;--fg:#1f2933;--muted:#616e7c;--line:#e4e7eb;--blue:#1d4ed8;\
            --green:#15803d;--red:#b91c1c;--bar:#e4e7eb}
            @media (prefers-color-scheme:dark){:root{--bg:#111827;--card:#1f2937;--fg:#f3f4f6;--muted:#9ca3af;\
            --line:#374151;--bar:#374151;--blue:#3b82f6;--green:#22c55e;--red:#ef4444}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.45 system-ui,-apple-system,"Segoe UI",\
            Roboto,Helvetica,Arial,sans-serif}
            main{max-width:64rem;margin:0 auto;padding:1rem}
            header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin-bottom:1rem}
            h1{font-size:1.4rem;margin:0;overflow-wrap:anywhere}
            h2{font-size:1rem;margin:0 0 .5rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
            a{color:var(--blue)}
            .pill{display:inline-block;padding:.15rem .7rem;border-radius:999px;color:#fff;font-weight:600;font-size:.9rem}
            .in-progress{background:var(--blue)}.complete{background:var(--green)}.failed{background:var(--red)}
            .bar{height:1rem;background:var(--bar);border-radius:.5rem;overflow:hidden;margin:.5rem 0}
            .bar>span{display:block;height:100%;background:var(--blue)}
            .bar.complete>span{background:var(--green)}.bar.failed>span{background:var(--red)}
            .big{font-size:1.15rem;font-weight:600;margin:.25rem 0 0}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;margin:1rem 0}
            .card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1rem}
            dl{margin:0}dl>div{display:flex;justify-content:space-between;gap:1rem;padding:.2rem 0;\
            border-bottom:1px solid var(--line)}dl>div:last-child{border-bottom:0}
            dt{color:var(--muted)}dd{margin:0;text-align:right;overflow-wrap:anywhere}
            svg{width:100%;height:auto;display:block}
            .chart-line{fill:none;stroke:var(--blue);stroke-width:2}
            .chart-target{stroke:var(--green);stroke-dasharray:6 4}
            .chart-axis{stroke:var(--line)}\
            .chart{display:grid;grid-template-columns:auto 1fr;gap:.2rem .5rem;color:var(--muted);font-size:.8rem}\
            .chart svg{height:11rem}.chart line,.chart polyline{vector-effect:non-scaling-stroke}\
            .chart-y{display:flex;flex-direction:column;justify-content:space-between;text-align:right}\
            .chart-x{grid-column:2;display:flex;justify-content:space-between}
            .muted{color:var(--muted)}
            table.machines{width:100%;border-collapse:collapse;font-size:.9rem}table.machines th{text-align:left;color:var(--muted);font-weight:600}
            table.machines td,table.machines th{padding:.25rem .4rem;border-bottom:1px solid var(--line)}
            .state-conflict,.state-stale{color:var(--red);font-weight:600}.state-done{color:var(--green)}
            ul.projects{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
            footer{color:var(--muted);font-size:.85rem;margin:1.5rem 0}
            """;

    private PageStyle() {
    }

    /**
     * The document start: charset, viewport, 60 s refresh, an empty inline favicon (so the
     * browser requests nothing) and the stylesheet. {@code escapedTitle} must already be escaped.
     */
    static String head(String escapedTitle) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta http-equiv=\"refresh\" content=\"60\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + escapedTitle + "</title>\n"
                + "<style>\n" + CSS + "</style>\n</head>\n";
    }

    /** The pill and bar CSS class of a status. */
    static String cssClass(UploadStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "in-progress";
            case COMPLETE -> "complete";
            case FAILED -> "failed";
        };
    }

    /** {@code <span class="pill …">label</span>}. */
    static String pill(UploadStatus status) {
        return "<span class=\"pill " + cssClass(status) + "\">" + Html.text(status.label()) + "</span>";
    }

    /** A progress bar; width from the percentage (0 when the total is unknown). */
    static String bar(ProgressDocument doc) {
        double width = doc.expectedKnown() ? Math.max(0, Math.min(100, doc.percentComplete())) : 0;
        return "<div class=\"bar " + cssClass(doc.uploadStatus()) + "\" role=\"progressbar\" aria-valuemin=\"0\""
                + " aria-valuemax=\"100\" aria-valuenow=\"" + Math.round(width) + "\"><span style=\"width:"
                + String.format(java.util.Locale.ROOT, "%.1f", width) + "%\"></span></div>";
    }
}

package com.rmi360.monitor.model;

import org.owasp.encoder.Encode;

/**
 * Escaping for the pages, by the OWASP Java Encoder: every value that did not come from a
 * constant in this package goes through {@link #text} (element content) or {@link #attr}
 * (quoted attribute value). Null or blank values render as an em dash.
 */
final class Html {

    static final String DASH = "—";

    private Html() {
    }

    /** Escaped for HTML element content; null/blank → "—". */
    static String text(String value) {
        return value == null || value.isBlank() ? DASH : Encode.forHtml(value);
    }

    /** Escaped for a double-quoted HTML attribute value. */
    static String attr(String value) {
        return Encode.forHtmlAttribute(value == null ? "" : value);
    }

    /** Escaped for XML/SVG text content. */
    static String svgText(String value) {
        return Encode.forXml(value == null ? "" : value);
    }

    /** A {@code <div><dt>label</dt><dd>value</dd></div>} row; the label is a constant, the value is escaped. */
    static String row(String label, String value) {
        return "<div><dt>" + label + "</dt><dd>" + text(value) + "</dd></div>";
    }
}

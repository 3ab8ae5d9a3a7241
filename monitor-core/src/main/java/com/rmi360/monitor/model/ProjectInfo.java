package com.rmi360.monitor.model;

/**
 * The legacy {@code project_info} block, from {@code config.yaml}'s {@code project} section
 * ({@code rr_name} → {@code railroad_name}, {@code rr_mark} → {@code railroad_code}).
 * Any field may be null. All text is untrusted: the pages escape it.
 */
public record ProjectInfo(String number, String slug, String client, String railroadName,
                          String railroadCode, String description) {

    /** All fields null. */
    public static final ProjectInfo EMPTY = new ProjectInfo(null, null, null, null, null, null);
}

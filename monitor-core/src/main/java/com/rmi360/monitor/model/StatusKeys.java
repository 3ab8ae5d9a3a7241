package com.rmi360.monitor.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 key layout of the status area and the project-slug rule, in one place for the monitor
 * and the agent. All keys are relative to the bucket root:
 * <pre>
 * status/progress_&lt;slug&gt;.json                     progress document (ProgressCodec)
 * status/progress_&lt;slug&gt;.corrupt-&lt;yyyyMMdd'T'HHmmss'Z'&gt;.json  a corrupt one, kept aside
 * status/heartbeat_&lt;slug&gt;.json                    agent heartbeat (HeartbeatCodec)
 * status/&lt;slug&gt;.html                              detail page
 * status/status.html                               index of all projects
 * </pre>
 * A slug is 1..{@value #SLUG_MAX_LENGTH} characters of {@code [A-Za-z0-9_-]}, so that the
 * per-project rule name {@code UploadMonitorRule-<slug>} fits EventBridge's 64 characters.
 */
public final class StatusKeys {

    /** Folder of every status object; never counted as images. */
    public static final String STATUS_PREFIX = "status/";
    /** Prefix of every progress document (list it to find all projects). */
    public static final String PROGRESS_PREFIX = STATUS_PREFIX + "progress_";
    /** The index page of all projects. */
    public static final String INDEX_PAGE = STATUS_PREFIX + "status.html";
    /** Base rule name; per-project rules are {@code UploadMonitorRule-<slug>} ({@link MonitorNames#RULE_PREFIX}). */
    public static final String RULE_PREFIX = MonitorNames.RULE_PREFIX;
    /** Longest slug allowed: 64 - "UploadMonitorRule-".length(). */
    public static final int SLUG_MAX_LENGTH = 46;

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{1," + SLUG_MAX_LENGTH + "}");
    private static final Pattern PROGRESS_KEY =
            Pattern.compile(Pattern.quote(PROGRESS_PREFIX) + "([A-Za-z0-9_-]{1," + SLUG_MAX_LENGTH + "})\\.json");
    private static final DateTimeFormatter COMPACT_UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private StatusKeys() {
    }

    /** True if {@code slug} matches {@code [A-Za-z0-9_-]{1,46}}. */
    public static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    /**
     * Returns {@code slug} if valid.
     *
     * @throws IllegalArgumentException with a message that says what is allowed and why
     */
    public static String requireValidSlug(String slug) {
        if (isValidSlug(slug)) {
            return slug;
        }
        String shown = slug == null ? "(none)" : "'" + (slug.length() > 60 ? slug.substring(0, 60) + "…" : slug) + "'";
        throw new IllegalArgumentException("invalid project slug " + shown + ": use 1 to " + SLUG_MAX_LENGTH
                + " characters from A-Z, a-z, 0-9, '_' and '-' (the slug names S3 status files and the EventBridge"
                + " rule " + RULE_PREFIX + "-<slug>, which may not exceed 64 characters)");
    }

    /** {@code status/progress_<slug>.json}. */
    public static String progress(String slug) {
        return PROGRESS_PREFIX + requireValidSlug(slug) + ".json";
    }

    /** {@code status/heartbeat_<slug>.json}. */
    public static String heartbeat(String slug) {
        return STATUS_PREFIX + "heartbeat_" + requireValidSlug(slug) + ".json";
    }

    /** {@code status/<slug>.html}, the project's detail page. */
    public static String page(String slug) {
        return STATUS_PREFIX + requireValidSlug(slug) + ".html";
    }

    /** The detail page's address relative to the index page: {@code <slug>.html}. */
    public static String pageLinkFromIndex(String slug) {
        return requireValidSlug(slug) + ".html";
    }

    /** {@code status/progress_<slug>.corrupt-<yyyyMMddTHHmmssZ>.json}: where a corrupt document is kept aside. */
    public static String corruptCopy(String slug, Instant at) {
        return PROGRESS_PREFIX + requireValidSlug(slug) + ".corrupt-" + COMPACT_UTC.format(at) + ".json";
    }

    /** {@code UploadMonitorRule-<slug>}, the per-project EventBridge rule ({@link MonitorNames#ruleName}). */
    public static String ruleName(String slug) {
        return MonitorNames.ruleName(slug);
    }

    /** The slug of a progress-document key; empty for any other key (corrupt copies included). */
    public static Optional<String> slugOfProgressKey(String key) {
        Matcher m = PROGRESS_KEY.matcher(key == null ? "" : key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True for keys under {@code status/} at the bucket root. */
    public static boolean isStatusKey(String key) {
        return key != null && key.startsWith(STATUS_PREFIX);
    }
}

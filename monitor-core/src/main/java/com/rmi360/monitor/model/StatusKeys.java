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
 * status/heartbeat_&lt;slug&gt;.json                    agent heartbeat of the single-machine layout (still read)
 * status/&lt;slug&gt;/machines/&lt;machine&gt;.json          one machine's manifest (MachineManifestCodec)
 * status/&lt;slug&gt;/heartbeats/&lt;machine&gt;.json        one machine's heartbeat (HeartbeatCodec)
 * status/&lt;slug&gt;.html                              detail page
 * status/status.html                               index of all projects
 * </pre>
 * A slug is 1..{@value #SLUG_MAX_LENGTH} characters of {@code [A-Za-z0-9_-]}, so that the
 * per-project rule name {@code UploadMonitorRule-<slug>} fits EventBridge's 64 characters.
 * A machine name is 1..{@value #MACHINE_MAX_LENGTH} characters of {@code [A-Za-z0-9._-]}, not
 * starting with a dot.
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

    /** Longest machine name allowed. */
    public static final int MACHINE_MAX_LENGTH = 64;

    private static final Pattern MACHINE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MACHINE_MAX_LENGTH - 1) + "}");
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

    /** True if {@code machine} is a valid machine name. */
    public static boolean isValidMachine(String machine) {
        return machine != null && MACHINE.matcher(machine).matches();
    }

    /**
     * Returns {@code machine} if valid.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static String requireValidMachine(String machine) {
        if (isValidMachine(machine)) {
            return machine;
        }
        String shown = machine == null ? "(none)" : "'" + (machine.length() > 70 ? machine.substring(0, 70) + "…" : machine) + "'";
        throw new IllegalArgumentException("invalid machine name " + shown + ": use 1 to " + MACHINE_MAX_LENGTH
                + " characters from A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.'");
    }

    /** {@code status/<slug>/machines/}: list it to find every machine's manifest. */
    public static String machinesPrefix(String slug) {
        return STATUS_PREFIX + requireValidSlug(slug) + "/machines/";
    }

    /** {@code status/<slug>/machines/<machine>.json}, the machine's manifest. */
    public static String manifest(String slug, String machine) {
        return machinesPrefix(slug) + requireValidMachine(machine) + ".json";
    }

    /** {@code status/<slug>/heartbeats/<machine>.json}, the machine's heartbeat. */
    public static String machineHeartbeat(String slug, String machine) {
        return STATUS_PREFIX + requireValidSlug(slug) + "/heartbeats/" + requireValidMachine(machine) + ".json";
    }

    /** The machine of a manifest key of this project; empty for any other key. */
    public static Optional<String> machineOfManifestKey(String slug, String key) {
        String prefix = machinesPrefix(slug);
        if (key == null || !key.startsWith(prefix) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String name = key.substring(prefix.length(), key.length() - ".json".length());
        return isValidMachine(name) ? Optional.of(name) : Optional.empty();
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

package com.rmi360.agent.config;

import java.util.regex.Pattern;

import com.rmi360.agent.error.ConfigException;

/** The project slug rule shared with the monitor: {@code [A-Za-z0-9_-]}, 1 to 46 characters. */
public final class ProjectSlug {

    public static final int MAX_LENGTH = 46;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private ProjectSlug() {
    }

    public static boolean isValid(String slug) {
        return slug != null && VALID.matcher(slug).matches();
    }

    /**
     * Returns {@code slug} if valid, else throws a {@link ConfigException} naming {@code where}
     * (e.g. {@code "--slug"} or {@code "config.yaml: project.slug"}).
     */
    public static String check(String slug, String where) {
        if (!isValid(slug)) {
            throw new ConfigException(where + " '" + slug + "' is not a valid slug (letters, digits, _ and -, 1 to "
                    + MAX_LENGTH + " characters)");
        }
        return slug;
    }
}

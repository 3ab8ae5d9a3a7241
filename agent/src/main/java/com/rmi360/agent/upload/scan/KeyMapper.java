package com.rmi360.agent.upload.scan;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Maps local files to S3 keys the way the toolbox did: {@code <prefix>/<relative path>} with
 * forward slashes; only {@code .jpg}/{@code .jpeg} files (any case) are images.
 */
public final class KeyMapper {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg");

    private final Path root;
    private final String prefix;

    /** @param prefix folder in the bucket without leading/trailing slashes; empty for the bucket root */
    public KeyMapper(Path root, String prefix) {
        this.root = root;
        this.prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }

    public String prefix() {
        return prefix;
    }

    /** The key of {@code file}, which must be under the root. */
    public String key(Path file) {
        Path relative = root.relativize(file);
        StringBuilder sb = new StringBuilder(prefix);
        for (Path part : relative) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    /** The listing prefix for this folder: {@code prefix/}, or empty for the bucket root. */
    public String listPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** True for {@code .jpg}/{@code .jpeg} in any case. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

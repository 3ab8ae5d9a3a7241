package com.rmi360.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external tool a test needs on the PATH. Under {@code CI=true} a missing tool fails the
 * test, because CI installs every tool and a skip there would hide a broken install; elsewhere the
 * test is skipped with a one-line reason.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Returns the tool's path, or fails (CI) / aborts (elsewhere) the calling test. */
    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String reason = name + " is not on the PATH";
        if (isCi()) {
            return Assertions.fail(reason + " (CI=true: every tool the tests need must be installed by .ci/run)");
        }
        Assumptions.abort("skipped: " + reason);
        throw new AssertionError("unreachable");
    }

    /** The tool's path if it is on the PATH and executable. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}

package com.rmi360.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/rmi360, run with {@code JAVA} pointing at a script that prints what the JVM would get: the
 * environment the launcher sets for the C library under the JVM (the CRT allocates through it).
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "bin", "rmi360");

    @TempDir
    Path dir;

    private String run(Map<String, String> env) throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nprintf '%s' \"${MALLOC_ARENA_MAX-unset}\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString(), "--version").redirectErrorStream(true);
        pb.environment().remove("MALLOC_ARENA_MAX");
        pb.environment().putAll(Map.of("JAVA", fakeJava.toString(), "RMI360_CDS", "0",
                "RMI360_JAR", dir.resolve("none.jar").toString()));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theJvmRunsWithOneGlibcMallocArena() throws Exception {
        // one arena, not one per CRT thread each keeping its own high-water mark of freed 8 MiB PUT bodies
        assertThat(run(Map.of())).isEqualTo("1");
    }

    @Test
    void anArenaCountTheUserSetIsKept() throws Exception {
        assertThat(run(Map.of("MALLOC_ARENA_MAX", "4"))).isEqualTo("4");
    }
}

package com.rmi360.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/rmi360, run with {@code JAVA} pointing at a script that prints what the JVM would get: the
 * environment the launcher sets for the C library under the JVM (the CRT allocates through it), and
 * its class-data archive options.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "bin", "rmi360");

    @TempDir
    Path dir;

    /**
     * Runs the launcher with {@code args}, {@code java} being a script with {@code javaBody}, in the
     * environment plus {@code env} (without MALLOC_ARENA_MAX and RMI360_CDS); returns what it printed.
     */
    private String launch(String javaBody, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\n" + javaBody + "\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("MALLOC_ARENA_MAX");
        pb.environment().remove("RMI360_CDS");
        pb.environment().put("JAVA", fakeJava.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** What the JVM's C library would see as MALLOC_ARENA_MAX (no class-data archive). */
    private String run(Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(Map.of("RMI360_CDS", "0", "RMI360_JAR", dir.resolve("none.jar").toString()));
        all.putAll(env);
        return launch("printf '%s' \"${MALLOC_ARENA_MAX-unset}\"", all, "--version");
    }

    /** The launcher's JVM arguments, one per line, for {@code args} with {@code jar} and the cache under {@code dir}. */
    private List<String> jvmArgs(Path jar, String... args) throws IOException, InterruptedException {
        return launch("for a in \"$@\"; do printf '%s\\n' \"$a\"; done",
                Map.of("RMI360_JAR", jar.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()), args).lines().toList();
    }

    private static Path optionPath(List<String> jvmArgs, String option) {
        return jvmArgs.stream().filter(a -> a.startsWith(option)).map(a -> Path.of(a.substring(option.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + option + " in " + jvmArgs));
    }

    @Test
    void aNewBuildsArchiveReplacesTheEarlierBuildsOfTheSameJarPath() throws Exception {
        Path jar = Files.write(dir.resolve("rmi360-agent.jar"), new byte[] {1, 2, 3});
        // the first upload of this build writes its archive at exit under a temporary name
        Path written = optionPath(jvmArgs(jar, "upload", "images"), "-XX:ArchiveClassesAtExit=");
        Files.write(written, new byte[] {9});
        String name = written.getFileName().toString();
        String pathKey = name.substring(0, name.indexOf('-', "rmi360-".length()));
        Path earlierBuild = Files.write(written.resolveSibling(pathKey + "-3-1000000000.jsa"), new byte[] {8});
        Path otherJar = Files.write(written.resolveSibling("rmi360-1-3-1000000000.jsa"), new byte[] {7});

        Path mapped = optionPath(jvmArgs(jar, "--version"), "-XX:SharedArchiveFile=");

        assertThat(mapped.getFileName().toString()).isEqualTo(name.substring(0, name.indexOf(".jsa") + 4));
        assertThat(mapped).exists();
        assertThat(written).doesNotExist();
        assertThat(earlierBuild).doesNotExist();
        assertThat(otherJar).exists();
    }

    @Test
    void reflectionIsCalledThroughTheJvmWithoutMethodHandleClasses() throws Exception {
        // 7 more method-handle classes spun by the interpreted class-file API before the first object otherwise
        assertThat(jvmArgs(dir.resolve("none.jar"), "upload", "--help")).contains("-Djdk.reflect.useNativeAccessorOnly=true");
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

package com.rmi360.agent.upload.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells the AWS CRT which C library this JVM runs on (its {@code aws.crt.libc} property), so that it
 * need not find out by running {@code ldd} on {@code java} when it extracts its library from the jar
 * (a process per upload, ~30 ms of CPU; a bundle loads the library from lib/native and skips both).
 * The answer is the loader mapped into this very process ({@code /proc/self/maps}): musl's
 * {@code ld-musl-*.so.1} or glibc's {@code libc.so.6}. Elsewhere, or when unsure, nothing is set and the
 * CRT asks {@code ldd} as before.
 */
final class CrtLibc {

    static final String PROPERTY = "aws.crt.libc";

    private CrtLibc() {
    }

    /** Sets {@link #PROPERTY} on Linux unless already set. */
    static void tellCrt() {
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            of(maps).ifPresent(libc -> System.setProperty(PROPERTY, libc));
        } catch (IOException | RuntimeException unknown) {
            // the CRT finds out itself
        }
    }

    /** "musl" or "glibc" from the lines of a /proc/PID/maps, empty when neither is mapped. */
    static Optional<String> of(Stream<String> maps) {
        boolean glibc = false;
        for (String line : (Iterable<String>) maps::iterator) {
            String file = line.substring(line.lastIndexOf(' ') + 1);
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.startsWith("ld-musl-") || name.startsWith("libc.musl-")) {
                return Optional.of("musl");
            }
            glibc |= name.equals("libc.so.6");
        }
        return glibc ? Optional.of("glibc") : Optional.empty();
    }
}

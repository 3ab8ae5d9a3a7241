package com.rmi360.agent.upload.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class CrtLibcTest {

    private static final String JVM = "7f1c2a000000-7f1c2a200000 r-xp 00000000 08:01 131 /usr/lib/jvm/java-17/lib/server/libjvm.so";

    @Test
    void glibcWhenItsLibcIsMapped() {
        assertEquals(Optional.of("glibc"), CrtLibc.of(Stream.of(JVM,
                "7f1c2b000000-7f1c2b028000 r--p 00000000 08:01 2001 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7ffd0e5f1000-7ffd0e612000 rw-p 00000000 00:00 0                          [stack]")));
    }

    @Test
    void muslWhenItsLoaderIsMapped() {
        assertEquals(Optional.of("musl"), CrtLibc.of(Stream.of(JVM,
                "7f3a10000000-7f3a10014000 r--p 00000000 00:2f 77 /lib/ld-musl-x86_64.so.1")));
        // a glibc compatibility library beside musl does not make it glibc
        assertEquals(Optional.of("musl"), CrtLibc.of(Stream.of("0-1 r--p 0 0:0 1 /usr/glibc-compat/lib/libc.so.6",
                "1-2 r--p 0 0:0 2 /lib/ld-musl-aarch64.so.1")));
    }

    @Test
    void nothingWhenUnsure() {
        assertEquals(Optional.empty(), CrtLibc.of(Stream.of(JVM, "7f-80 rw-p 00000000 00:00 0")));
        assertEquals(Optional.empty(), CrtLibc.of(Stream.of("0-1 r--p 0 0:0 1 /opt/libc.so.6.bak")));
    }

    @Test
    void thisMachineIsGlibc() throws Exception {
        try (Stream<String> maps = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/self/maps"))) {
            assertEquals(Optional.of("glibc"), CrtLibc.of(maps), "this test machine runs Debian (glibc)");
        }
    }
}

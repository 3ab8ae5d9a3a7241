package com.rmi360.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * picocli is compiled from its sources jar at release 17 (agent/pom.xml): its released class files are
 * Java 5 ones (major 49), which JDK 17's class-data sharing does not archive, so the launcher's archive
 * left its ~180 classes to be loaded and verified from the jar on every start (docs/benchmarks.md).
 */
class PicocliClassFilesTest {

    @Test
    void picocliClassesAreJava17ClassFilesThatCdsArchives() throws IOException {
        for (Class<?> c : new Class<?>[] {CommandLine.class, CommandLine.Model.CommandSpec.class, AutoComplete.class}) {
            assertThat(majorVersion(c)).as(c.getName()).isEqualTo(61);
        }
    }

    private static int majorVersion(Class<?> c) throws IOException {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource); DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}

package com.rmi360.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * House rule 3: only the root command, {@code cli/} and {@code command/} know picocli; config and
 * keyring code know neither picocli nor the AWS SDK.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "com", "rmi360", "agent");

    private static List<String> importsMatching(String pkg, String prefix) {
        Path dir = SOURCES.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream()
                            .filter(line -> line.startsWith("import " + prefix) || line.startsWith("import static " + prefix))
                            .map(line -> SOURCES.relativize(file) + ": " + line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onlyTheCommandLineLayerImportsPicocli() {
        for (String pkg : List.of("config", "credentials", "aws", "upload", "journal", "monitor")) {
            assertThat(importsMatching(pkg, "picocli")).as(pkg + "/ must not import picocli").isEmpty();
        }
    }

    @Test
    void configAndKeyringCodeDoNotImportTheAwsSdk() {
        for (String pkg : List.of("config", "credentials")) {
            assertThat(importsMatching(pkg, "software.amazon")).as(pkg + "/ must not import the AWS SDK").isEmpty();
        }
    }
}

package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** House rule 1: the model is pure. Checked on the sources and on the compiled classes' constant pools. */
class ModelLayeringTest {

    private static final List<String> FORBIDDEN = List.of("software.amazon", "com.amazonaws");

    @Test
    void modelSourcesImportNothingFromAws() throws IOException {
        Path sources = Path.of("src/main/java/com/rmi360/monitor/model");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(ModelLayeringTest::awsReferences).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void compiledModelClassesReferenceNoAwsType() throws IOException, URISyntaxException {
        Path classes = Path.of(ProgressDocument.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("com/rmi360/monitor/model");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertThat(all).hasSizeGreaterThan(20);
            List<String> offenders = all.stream().filter(ModelLayeringTest::mentionsAws).map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static Stream<String> awsReferences(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> FORBIDDEN.stream().anyMatch(line::contains) && !line.strip().startsWith("*"))
                    .map(line -> file.getFileName() + ": " + line.strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean mentionsAws(Path classFile) {
        try {
            String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return bytes.contains("software/amazon") || bytes.contains("com/amazonaws");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

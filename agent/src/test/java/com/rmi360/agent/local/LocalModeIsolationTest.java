package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue item 3: S3Proxy stays out of the production path. Only {@code local/} references it, the
 * upload, journal and monitor code know nothing of local mode, and the Lambda module has S3Proxy
 * at test scope only (so rmi360-monitor.jar never carries it).
 */
class LocalModeIsolationTest {

    private static final Path AGENT = Path.of("src", "main", "java", "com", "rmi360", "agent");

    private static List<String> filesMentioning(Path dir, String text) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(f -> AGENT.relativize(f).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onlyTheLocalPackageReferencesS3Proxy() {
        assertThat(filesMentioning(AGENT, "org.gaul")).isNotEmpty().allMatch(f -> f.startsWith("local/"));
    }

    @Test
    void uploadJournalAndMonitorCodeDoNotKnowLocalMode() {
        for (String pkg : List.of("upload", "journal", "monitor", "aws", "config", "credentials")) {
            assertThat(filesMentioning(AGENT.resolve(pkg), "com.rmi360.agent.local")).as(pkg + "/").isEmpty();
        }
    }

    @Test
    void theLambdaModuleHasS3ProxyAtTestScopeOnly() throws IOException {
        String pom = Files.readString(Path.of("..", "lambda", "pom.xml"));
        int at = pom.indexOf("<artifactId>s3proxy</artifactId>");
        assertThat(at).as("lambda/pom.xml declares s3proxy (for its tests)").isPositive();
        String declaration = pom.substring(at, pom.indexOf("</dependency>", at));
        assertThat(declaration).contains("<scope>test</scope>");
    }
}

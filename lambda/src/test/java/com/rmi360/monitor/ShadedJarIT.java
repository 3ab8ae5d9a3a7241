package com.rmi360.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.testing.ObjectsOnDisk;
import com.rmi360.testing.S3ProxyServer;

/**
 * The jar Terraform deploys, {@code target/rmi360-monitor.jar}, works on its own: a fresh JVM with
 * only the jar (plus {@link ShadedJarProbe}) constructs both handlers from the environment and
 * ticks against S3Proxy. Prints the jar size and the cold init and tick times (no timed assertion).
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target", "rmi360-monitor.jar");

    @Test
    void theShadedJarRunsBothHandlersInAFreshJvm(@TempDir Path dir) throws Exception {
        assertThat(JAR).isRegularFile();
        try (S3ProxyServer server = S3ProxyServer.startOnDisk(dir)) {
            server.createBucket("jar-probe");
            ObjectsOnDisk.images(dir.resolve("jar-probe"), "P1", 1_000);

            Map<String, String> figures = probe(server, "jar-probe", "P1", "P1");

            assertThat(figures).containsEntry("count", "1000").containsEntry("disable_status", "400");
            System.out.printf("rmi360-monitor.jar: %.2f MB; cold JVM: %s; load average: %s%n", Files.size(JAR) / 1e6, figures,
                    loadAverage());
        }
    }

    /** The 1-minute load average (context for the timings on a shared machine), or "?" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Runs {@link ShadedJarProbe} in a new JVM with the Lambda Java 17 runtime's default JIT setting
     * ({@code -XX:TieredStopAtLevel=1}) and returns its key=value lines.
     */
    static Map<String, String> probe(S3ProxyServer server, String bucket, String slug, String prefix)
            throws IOException, InterruptedException {
        String classpath = JAR.toAbsolutePath() + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, ShadedJarProbe.class.getName(), bucket, slug, prefix));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", server.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", server.secretKey());
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("{")) {
                figures.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return figures;
    }
}

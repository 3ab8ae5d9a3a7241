package com.rmi360.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.testing.ObjectsOnDisk;
import com.rmi360.testing.S3ProxyServer;

/**
 * The figures for the closing note, printed, not asserted: jar size, handler init (in this JVM and
 * in a fresh one running the shaded jar), and tick time for 10,000 and 100,000 objects against
 * S3Proxy. Heavy (creates 110,000 files), so it runs only on request:
 * {@code mvn -B -ntp -pl lambda verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=MonitorFiguresIT -Dfigures=true}.
 */
@EnabledIfSystemProperty(named = "figures", matches = "true")
class MonitorFiguresIT {

    @Test
    void printsJarSizeInitAndTickTimes(@TempDir Path dir) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("jar_mb", String.format("%.2f", Files.size(ShadedJarIT.JAR) / 1e6));
        try (S3ProxyServer server = S3ProxyServer.startOnDisk(dir)) {
            server.createBucket("bench");
            ObjectsOnDisk.images(dir.resolve("bench"), "P10K", 10_000);
            ObjectsOnDisk.images(dir.resolve("bench"), "P100K", 100_000);

            long t0 = System.nanoTime();
            ProgressMonitorHandler handler = new ProgressMonitorHandler(
                    new AwsClients(S3ProxyServer.REGION, server.endpoint(), server.credentials()),
                    MonitorSettings.fromEnv(Map.of()), Map.of());
            figures.put("init_ms_in_process", (System.nanoTime() - t0) / 1_000_000);

            for (String slug : new String[] {"P10K", "P100K"}) {
                Map<String, Object> event = Map.of("project_slug", slug, "bucket", "bench", "prefix", slug,
                        "expected_total", 1_000_000);
                for (String run : new String[] {"first", "second"}) {
                    long start = System.nanoTime();
                    Map<String, Object> result = handler.handleRequest(event, null);
                    figures.put(slug + "_" + run + "_tick_ms", (System.nanoTime() - start) / 1_000_000);
                    figures.put(slug + "_list_calls", result.get("list_calls"));
                    assertThat(result.get("count")).isEqualTo(slug.equals("P10K") ? 10_000L : 100_000L);
                }
            }
            Map<String, String> cold = ShadedJarIT.probe(server, "bench", "P10K", "P10K");
            cold.forEach((k, v) -> figures.put("cold_jvm_" + k, v));
        }
        figures.put("load_average", ShadedJarIT.loadAverage());
        figures.put("clock", Clock.systemUTC().instant());
        System.out.println("MONITOR FIGURES " + figures);
        Files.writeString(Path.of("target", "monitor-figures.txt"), figures.toString() + System.lineSeparator());
    }
}

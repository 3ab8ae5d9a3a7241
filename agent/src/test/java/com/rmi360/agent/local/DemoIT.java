package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.testing.HeadlessChromium;

/**
 * The README's first command as a smoke test: the packaged jar runs {@code rmi360 demo} as a child
 * process with no AWS account, no AWS variables and an empty HOME, and must end Complete with the
 * bucket equal to the source; with --keep-running its status page is served anonymously and
 * headless Chromium renders it in the Complete state (screenshot: target/demo-status-page.png).
 */
class DemoIT {

    private static final Pattern PAGE_URL = Pattern.compile("status page: (http://127\\.0\\.0\\.1:\\d+/status/DEMO360\\.html)");

    @TempDir
    Path tmp;

    private Map<String, String> noAws() {
        Map<String, String> env = new java.util.HashMap<>();
        for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "CI_UNUSED")) {
            env.put(name, null);
        }
        env.put("HOME", tmp.toString());
        return env;
    }

    @Test
    void demoReachesCompleteAndTheBucketEqualsTheSource() throws Exception {
        long t0 = System.nanoTime();
        CliRun.Result run = Processes.run(List.of(Processes.java(), "-jar", Processes.agentJar().toString(), "demo",
                "--images", "8", "--workdir", tmp.resolve("work").toString()), noAws(), tmp, 240);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("demo with 8 images: %.1f s as a child process%n", seconds);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("monitor:     Complete, 8 of 8 images, rule UploadMonitorRule-DEMO360 disabled")
                .contains("bucket:      equals the source (8 keys").contains("demo: OK");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("SLF4J");
        Path copy = tmp.resolve("work/state/status-pages/DEMO360.html");
        assertThat(copy).exists();
        assertThat(Files.readString(copy)).contains("Complete").contains("8 of 8 images");
        assertThat(tmp.resolve("work/state/status-pages/status.html")).exists();
        assertThat(Files.readString(tmp.resolve("work/state/monitor.log"))).contains("\"status\":\"Complete\"");
        assertThat(tmp.resolve(".aws")).doesNotExist();
    }

    @Test
    void keepRunningServesTheCompletePageAnonymouslyAndChromiumRendersIt() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Processes.java(), "-jar", Processes.agentJar().toString(), "demo",
                "--images", "6", "--workdir", tmp.resolve("work").toString(), "--keep-running")
                .directory(tmp.toFile()).redirectError(tmp.resolve("err.txt").toFile());
        noAws().forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process demo = builder.start();
        try {
            List<String> lines = new ArrayList<>();
            CompletableFuture<URI> served = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                    URI page = null;
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                        Matcher m = PAGE_URL.matcher(line);
                        if (m.find()) {
                            page = URI.create(m.group(1));
                        }
                        if (line.startsWith("serving ")) {
                            return page;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            URI page = served.get(240, TimeUnit.SECONDS);
            assertThat(page).as("stdout: %s, stderr: %s", lines, Files.readString(tmp.resolve("err.txt"))).isNotNull();
            assertThat(lines).contains("demo: OK");

            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Complete").contains("6 of 6 images");

            HeadlessChromium.PageLoad load = HeadlessChromium.load(response.body());
            assertThat(load.dom()).contains("Complete").contains("6 of 6 images");
            assertThat(load.title()).contains("DEMO360");
            assertThat(load.requests()).containsExactly("GET " + HeadlessChromium.PAGE_PATH);

            Path png = ChromiumScreenshot.take(page, Path.of("target", "demo-status-page.png"), 1200, 1400);
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).isGreaterThan(20_000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            System.out.println("demo status page screenshot: " + png.toAbsolutePath());
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }
}

package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.report.ProgressEvents;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upload --progress json} on real runs against S3Proxy (and one small HTTP server that
 * refuses uploads): every stdout line is one JSON object of schema 1, in the documented order, and
 * the human text is on stderr.
 */
class ProgressJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();
    static CountingProxy proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        proxy = new CountingProxy(server.endpoint(), 0);
        server.createBucket("bucket");
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
    }

    CliRun.Result run(String endpoint, Path dir, String... extra) throws IOException {
        return run(false, endpoint, dir, extra);
    }

    CliRun.Result run(boolean javaClient, String endpoint, Path dir, String... extra) throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {slug: "JSON"}
                aws: {region: us-east-1, s3_bucket: bucket, auth_mode: keyring, keyring_service_name: t, retries: 0}
                """);
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url", endpoint,
                "--no-monitor", "--progress", "json"));
        args.addAll(Arrays.asList(extra));
        args.add(dir.toString());
        return CliRun.with().env(javaClient ? java.util.Map.of("RMI360_NO_CRT", "1") : java.util.Map.of()).store(server.keyring("t"))
                .run(args.toArray(String[]::new));
    }

    /** Every stdout line parsed; each has schema 1, an event name and a time; the last is the summary. */
    static List<JsonNode> events(CliRun.Result r) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode e = JSON.readTree(line);
            assertThat(e.isObject()).as(line).isTrue();
            assertThat(e.path("schema").asInt()).as(line).isEqualTo(ProgressEvents.SCHEMA);
            assertThat(e.path("event").asText()).as(line).isNotEmpty();
            assertThat(e.path("time").asText()).as(line).endsWith("Z");
            events.add(e);
        }
        assertThat(events).as(r.toString()).isNotEmpty();
        assertThat(events.get(events.size() - 1).path("event").asText()).as(r.toString()).isEqualTo("summary");
        assertThat(events.get(events.size() - 1).path("exit_code").asInt()).as(r.toString()).isEqualTo(r.exitCode());
        assertThat(events.stream().filter(e -> e.path("event").asText().equals("start"))).as(r.toString()).hasSize(1);
        return events;
    }

    static List<JsonNode> of(List<JsonNode> events, String name) {
        return events.stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    Path tree(String name, int files, int size) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < files; i++) {
            UploadTree.file(src, "f" + i + ".jpg", size + i, i);
        }
        return src;
    }

    @Test
    void successThenResumeFromTheJournal() throws IOException {
        Path src = tree("ok", 5, 3000);
        CliRun.Result r = run(proxy.endpoint().toString(), src, "--prefix", "ok");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> events = events(r);
        JsonNode start = of(events, "start").get(0);
        assertThat(events.get(0)).isEqualTo(start);
        assertThat(start.path("files_total").asLong()).isEqualTo(5);
        assertThat(start.path("files_to_send").asLong()).isEqualTo(5);
        assertThat(start.path("bytes_to_send").asLong()).isEqualTo(5 * 3000 + 10);
        assertThat(of(events, "file_done")).extracting(e -> e.path("key").asText())
                .containsExactlyInAnyOrder("ok/f0.jpg", "ok/f1.jpg", "ok/f2.jpg", "ok/f3.jpg", "ok/f4.jpg");
        JsonNode last = of(events, "progress").get(of(events, "progress").size() - 1);
        assertThat(last.path("files_done").asLong()).isEqualTo(5);
        assertThat(last.path("bytes_sent").asLong()).isEqualTo(last.path("bytes_to_send").asLong());
        assertThat(last.path("eta_seconds").asLong()).isZero();
        assertThat(last.path("bytes_per_second").asLong()).isPositive();
        JsonNode summary = events.get(events.size() - 1);
        assertThat(summary.path("status").asText()).isEqualTo("done");
        assertThat(summary.path("uploaded").asLong()).isEqualTo(5);
        assertThat(r.err()).contains("done: 5 uploaded").contains("uploading 5 of 5 images");

        CliRun.Result again = run(proxy.endpoint().toString(), src, "--prefix", "ok");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        List<JsonNode> resumed = events(again);
        assertThat(of(resumed, "start").get(0).path("files_in_journal").asLong()).isEqualTo(5);
        assertThat(of(resumed, "start").get(0).path("files_to_send").asLong()).isZero();
        assertThat(of(resumed, "file_done")).isEmpty();
        assertThat(resumed.get(resumed.size() - 1).path("skipped_journal").asLong()).isEqualTo(5);
        assertThat(resumed.get(resumed.size() - 1).path("uploaded").asLong()).isZero();
    }

    @Test
    void aFileThatCannotBeReadIsFileFailedAndExit1() throws IOException {
        Path src = tree("broken", 2, 1000);
        Files.createSymbolicLink(src.resolve("dangling.jpg"), src.resolve("gone.jpg"));
        CliRun.Result r = run(proxy.endpoint().toString(), src, "--prefix", "broken");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        List<JsonNode> events = events(r);
        assertThat(of(events, "file_failed")).singleElement()
                .satisfies(e -> assertThat(e.path("path").asText()).endsWith("dangling.jpg"))
                .satisfies(e -> assertThat(e.path("error").asText()).isNotEmpty());
        assertThat(of(events, "file_done")).hasSize(2);
        assertThat(events.get(events.size() - 1).path("status").asText()).isEqualTo("failed");
        assertThat(events.get(events.size() - 1).path("failed").asLong()).isEqualTo(1);
    }

    @Test
    void aServerThatRefusesGivesRetryWarningFileFailedAndExit1() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", ex -> {
            String method = ex.getRequestMethod();
            String query = String.valueOf(ex.getRequestURI().getQuery());
            ex.getRequestBody().readAllBytes();
            int status;
            String body;
            if (method.equals("GET") && query.contains("list-type=2")) {
                status = 200;
                body = "<ListBucketResult xmlns=\"http://server.s3().amazonaws.com/doc/2006-03-01/\"><Name>bucket</Name>"
                        + "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>";
            } else if (method.equals("PUT") && puts.getAndIncrement() == 0) {
                status = 503;
                body = "<Error><Code>SlowDown</Code><Message>slow down</Message></Error>";
            } else {
                status = 403;
                body = "<Error><Code>AccessDenied</Code><Message>refused</Message></Error>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/xml");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        refusing.start();
        try {
            Path src = tree("refused", 1, 1000);
            // the Java client: it honours aws.retries = 0, so the 503 reaches the file-level retry (the CRT retries it itself)
            CliRun.Result r = run(true, "http://127.0.0.1:" + refusing.getAddress().getPort(), src, "--prefix", "refused");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOME_FAILED);
            List<JsonNode> events = events(r);
            assertThat(of(events, "retry")).as(r.toString()).singleElement()
                    .satisfies(e -> assertThat(e.path("attempt").asInt()).isEqualTo(2))
                    .satisfies(e -> assertThat(e.path("key").asText()).isEqualTo("refused/f0.jpg"))
                    .satisfies(e -> assertThat(e.path("error").asText()).contains("SlowDown"));
            assertThat(of(events, "file_failed")).singleElement()
                    .satisfies(e -> assertThat(e.path("error").asText()).contains("AccessDenied"));
            // listing leftover multipart uploads was refused too: a warning line, and its event
            assertThat(of(events, "warning")).as(r.toString()).isNotEmpty()
                    .allSatisfy(e -> assertThat(r.err()).contains("warning: " + e.path("message").asText()));
            assertThat(events.get(events.size() - 1).path("files_sent_again").asLong()).isEqualTo(1);
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void cancelFileEndsWithSummary130() throws Exception {
        Path src = tree("cancel", 6, 8 << 20);
        proxy.throttle(2L << 20);
        try {
            CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(proxy.endpoint().toString(), src, "--prefix", "cancel", "--concurrency", "2");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(2500);
            Files.writeString(src.resolve(UploadOptions.CANCEL_FILE), "stop");
            CliRun.Result r = running.get(90, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CANCELLED);
            List<JsonNode> events = events(r);
            JsonNode summary = events.get(events.size() - 1);
            assertThat(summary.path("status").asText()).isEqualTo("cancelled");
            assertThat(summary.path("cancel_reason").asText()).contains("cancel_copy.txt");
            assertThat(summary.path("uploaded").asLong()).isLessThan(6);
            assertThat(of(events, "file_done")).hasSize((int) summary.path("uploaded").asLong());
            assertThat(of(events, "progress")).isNotEmpty();
            assertThat(r.err()).contains("cancelled (cancel_copy.txt found");
        } finally {
            proxy.throttle(0);
        }
    }
}

package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.testing.Fault;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.S3Operation;
import com.rmi360.testing.S3ProxyServer;
import com.rmi360.testing.S3Request;

/**
 * Files in flight on real runs: S3Proxy behind a {@link FaultProxy} answering a share of the PUTs
 * with 503 SlowDown. On the Java client (RMI360_NO_CRT) with config {@code aws.retries: 0}, each
 * one reaches the pipeline as a failed attempt. On the CRT client the same run showed SlowDowns at
 * the proxy but no file sent again: the CRT retried them natively, where Java sees nothing. The adaptive default cuts its limit and still sends and
 * verifies every file; {@code --concurrency N} and config {@code aws.max_workers} pin it.
 */
class AdaptiveConcurrencyIT {

    static S3ProxyServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.createBucket("bucket");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** 503 SlowDown on half of the PUTs, {@code max} of them, each request delayed by {@code latency}. */
    static FaultPlan slowDown(int max, Duration latency) {
        return FaultPlan.builder().rate(Fault.SLOW_DOWN, 0.5).only(S3Request.operation(S3Operation.PUT_OBJECT))
                .maxFaults(max).latency(latency).build();
    }

    CliRun.Result run(String endpoint, Path dir, String configExtra, String... extra) throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {slug: "ADAPT"}
                aws: {region: us-east-1, s3_bucket: bucket, auth_mode: keyring, keyring_service_name: t, retries: 0%s}
                """.formatted(configExtra));
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url", endpoint,
                "--no-monitor", "--progress", "json"));
        args.addAll(Arrays.asList(extra));
        args.add(dir.toString());
        return CliRun.with().env(java.util.Map.of("RMI360_NO_CRT", "1")).store(new MemorySecretStore()
                        .put("t", KeyringCredentials.ID, server.accessKey()).put("t", KeyringCredentials.SECRET, server.secretKey()))
                .run(args.toArray(String[]::new));
    }

    Path tree(String name, int files) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < files; i++) {
            UploadTree.file(src, "f" + i + ".jpg", 20_000 + 997 * i, i);
        }
        return src;
    }

    /** Every local file is in the bucket under prefix/name with the same bytes. */
    static void everyFileInTheBucket(Path src, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(src)) {
            List<Path> images = files.filter(f -> f.toString().endsWith(".jpg")).toList();
            assertThat(images).isNotEmpty();
            for (Path f : images) {
                byte[] remote = server.client().getObjectAsBytes(b -> b.bucket("bucket")
                        .key(prefix + "/" + f.getFileName())).asByteArray();
                assertThat(remote).as(f.toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    static JsonNode summary(CliRun.Result r) throws IOException {
        List<JsonNode> events = ProgressJsonIT.events(r);
        return events.get(events.size() - 1);
    }

    @Test
    void throttlingCutsTheAdaptiveLimitAndEveryFileStillArrives() throws IOException {
        Path src = tree("throttled", 60);
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), slowDown(12, Duration.ofMillis(20)), 11)) {
            CliRun.Result r = run(proxy.endpoint().toString(), src, "", "--prefix", "throttled");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(proxy.stats().faults(Fault.SLOW_DOWN)).as("the proxy throttled").isPositive();
            List<JsonNode> events = ProgressJsonIT.events(r);
            JsonNode start = ProgressJsonIT.of(events, "start").get(0);
            assertThat(start.path("concurrency_mode").asText()).isEqualTo("adaptive");
            assertThat(start.path("concurrency").asInt()).isEqualTo(16);
            assertThat(start.path("concurrency_max").asInt()).isEqualTo(128);
            JsonNode summary = events.get(events.size() - 1);
            assertThat(summary.path("concurrency_mode").asText()).as(summary.toString()).isEqualTo("adaptive");
            assertThat(summary.path("concurrency_cuts").asInt()).as(summary.toString()).isPositive();
            assertThat(summary.path("concurrency_final").asInt()).as(summary.toString())
                    .isLessThan(summary.path("concurrency_start").asInt()).isPositive();
            assertThat(summary.path("uploaded").asLong()).isEqualTo(60);
            assertThat(r.err()).containsPattern("files in flight: adaptive 16 → \\d+ \\(max \\d+ of 128, ended \\d+; "
                    + "\\d+ cuts? on throttling\\)");
        }
        everyFileInTheBucket(src, "throttled");
    }

    @Test
    void concurrencyPinsTheLimitEvenWhenThrottled() throws IOException {
        Path src = tree("pinned", 40);
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), slowDown(8, Duration.ofMillis(60)), 12)) {
            CliRun.Result r = run(proxy.endpoint().toString(), src, "", "--prefix", "pinned", "--concurrency", "4");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(proxy.stats().faults(Fault.SLOW_DOWN)).as("the proxy throttled").isPositive();
            List<JsonNode> events = ProgressJsonIT.events(r);
            assertThat(ProgressJsonIT.of(events, "start").get(0).path("concurrency_mode").asText()).isEqualTo("flag");
            assertThat(ProgressJsonIT.of(events, "progress")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.path("concurrency").asInt()).as(p.toString()).isEqualTo(4));
            JsonNode summary = events.get(events.size() - 1);
            assertThat(summary.path("concurrency_mode").asText()).isEqualTo("flag");
            assertThat(List.of(summary.path("concurrency_start").asInt(), summary.path("concurrency_peak").asInt(),
                    summary.path("concurrency_final").asInt())).as(summary.toString()).containsOnly(4);
            assertThat(r.err()).contains("; files in flight: 4 (--concurrency)").contains("with 4 in flight");
        }
        everyFileInTheBucket(src, "pinned");
    }

    @Test
    void maxWorkersInTheConfigPinsItToo() throws IOException {
        Path src = tree("config", 5);
        CliRun.Result r = run(server.endpoint().toString(), src, ", max_workers: 6", "--prefix", "config");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode summary = summary(r);
        assertThat(summary.path("concurrency_mode").asText()).isEqualTo("config");
        assertThat(summary.path("concurrency_final").asInt()).isEqualTo(6);
        assertThat(r.err()).contains("files in flight: 6 (config aws.max_workers)");
        everyFileInTheBucket(src, "config");
    }
}

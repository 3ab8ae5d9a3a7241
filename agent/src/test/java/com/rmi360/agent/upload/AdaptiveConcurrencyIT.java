package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * one reaches the pipeline as a failed attempt. On the CRT client (the default) with its default
 * retries, the CRT retries each one natively and no file is sent again: the signal is the CRT's
 * per-attempt telemetry (RequestRetries). Either way the adaptive default cuts its limit and still
 * sends and verifies every file; {@code --concurrency N} and config {@code aws.max_workers} pin it.
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
        return run(java.util.Map.of("RMI360_NO_CRT", "1"), endpoint, dir, "retries: 0" + configExtra, extra);
    }

    /** A run on the default (CRT) client with its default retries. */
    CliRun.Result runCrt(String endpoint, Path dir, String... extra) throws IOException {
        return run(java.util.Map.of(), endpoint, dir, "", extra);
    }

    CliRun.Result run(java.util.Map<String, String> env, String endpoint, Path dir, String awsExtra, String... extra)
            throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {slug: "ADAPT"}
                aws: {region: us-east-1, s3_bucket: bucket, auth_mode: keyring, keyring_service_name: t%s}
                """.formatted(awsExtra.isEmpty() ? "" : ", " + awsExtra));
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url", endpoint,
                "--no-monitor", "--progress", "json"));
        args.addAll(Arrays.asList(extra));
        args.add(dir.toString());
        return CliRun.with().env(env).store(new MemorySecretStore()
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
    void theCrtClientsNativeRetriesCutTheLimitAndCountOncePerSlowDown() throws IOException {
        Path src = tree("crt", 60);
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), slowDown(12, Duration.ofMillis(20)), 13)) {
            CliRun.Result r = runCrt(proxy.endpoint().toString(), src, "--prefix", "crt");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            long slowDowns = proxy.stats().faults(Fault.SLOW_DOWN);
            assertThat(slowDowns).as("the proxy throttled").isPositive();
            JsonNode summary = summary(r);
            assertThat(summary.path("concurrency_mode").asText()).as(summary.toString()).isEqualTo("adaptive");
            // the CRT retried every SlowDown itself: no file reached the file-level retry
            assertThat(summary.path("files_sent_again").asLong()).as(summary.toString()).isZero();
            assertThat(summary.path("request_retries").asLong()).as(summary.toString()).isEqualTo(slowDowns);
            assertThat(summary.path("concurrency_cuts").asInt()).as(summary.toString()).isPositive();
            assertThat(summary.path("concurrency_final").asInt()).as(summary.toString())
                    .isLessThan(summary.path("concurrency_start").asInt()).isPositive();
            assertThat(summary.path("uploaded").asLong()).isEqualTo(60);
            assertThat(r.err()).containsPattern("\\d+ cuts? on throttling\\)");
        }
        everyFileInTheBucket(src, "crt");
    }

    @Test
    void pastTheFirstSmallFilesEveryRetryIsStillCounted() throws IOException {
        // 700 small files, sent by NativePuts, which count every request's retries (the SDK's CRT client
        // once counted them on a sample past the first 512); the proxy throttles only PUTs after the 600th,
        // and each file's first of them only: a file throttled on every one of its CRT's attempts would
        // go to the file-level retry (files_sent_again), which this test does not measure (7 of 20
        // repetitions did so when every attempt could be throttled)
        Path src = Files.createDirectories(tmp.resolve("crt-sampled"));
        for (int i = 0; i < 700; i++) {
            UploadTree.file(src, "f" + i + ".jpg", 2_000 + i, i);
        }
        AtomicInteger puts = new AtomicInteger();
        Set<String> considered = ConcurrentHashMap.newKeySet();
        FaultPlan plan = FaultPlan.builder().rate(Fault.SLOW_DOWN, 0.5)
                .only(S3Request.operation(S3Operation.PUT_OBJECT)
                        .and(req -> puts.incrementAndGet() > 600 && considered.add(req.key())))
                .maxFaults(40).latency(Duration.ofMillis(5)).build();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), plan, 15)) {
            CliRun.Result r = runCrt(proxy.endpoint().toString(), src, "--prefix", "crt-sampled");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            long slowDowns = proxy.stats().faults(Fault.SLOW_DOWN);
            assertThat(slowDowns).as("the proxy throttled").isPositive();
            JsonNode summary = summary(r);
            assertThat(summary.path("files_sent_again").asLong()).as(summary.toString()).isZero();
            assertThat(summary.path("request_retries").asLong()).as(summary.toString()).isEqualTo(slowDowns);
            assertThat(summary.path("concurrency_cuts").asInt()).as(summary.toString()).isPositive();
            assertThat(summary.path("uploaded").asLong()).isEqualTo(700);
            assertThat(r.all()).contains("; " + slowDowns + " retries").doesNotContain("(sampled)");
        }
        everyFileInTheBucket(src, "crt-sampled");
    }

    @Test
    void theCrtClientsRetriesOfResetsAnd500sCutTheLimitToo() throws IOException {
        Path src = tree("crt-resets", 60);
        FaultPlan plan = FaultPlan.builder().rate(Fault.RESET, 0.3).rate(Fault.INTERNAL_ERROR, 0.2)
                .only(S3Request.operation(S3Operation.PUT_OBJECT)).maxFaults(12).latency(Duration.ofMillis(20)).build();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), plan, 14)) {
            CliRun.Result r = runCrt(proxy.endpoint().toString(), src, "--prefix", "crt-resets");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(proxy.stats().faults(Fault.RESET)).as("the proxy reset connections").isPositive();
            assertThat(proxy.stats().faults(Fault.INTERNAL_ERROR)).as("the proxy answered 500").isPositive();
            JsonNode summary = summary(r);
            assertThat(summary.path("files_sent_again").asLong()).as(summary.toString()).isZero();
            assertThat(summary.path("request_retries").asLong()).as(summary.toString())
                    .isEqualTo(proxy.stats().faultsTotal());
            assertThat(summary.path("concurrency_cuts").asInt()).as(summary.toString()).isPositive();
            assertThat(summary.path("uploaded").asLong()).isEqualTo(60);
        }
        everyFileInTheBucket(src, "crt-resets");
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

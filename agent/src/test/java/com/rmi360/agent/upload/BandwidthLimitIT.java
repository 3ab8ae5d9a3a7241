package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.transport.ChecksumKind;
import com.rmi360.agent.upload.transport.FileChecksum;
import com.rmi360.agent.upload.transport.TransferSizes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@code upload --bwlimit} / {@code aws.max_bandwidth} against S3Proxy (a capped run sends on the
 * Java client, an uncapped one on the CRT): every object holds the file's bytes (multipart-sized one included) and the checksum the
 * agent verified, the run took at least 90 % of bytes / cap (a lower bound: a loaded machine only
 * makes it slower), the header and summary name the cap; a bad value stops before any request;
 * a cancel stops a throttled run promptly.
 */
class BandwidthLimitIT {

    static final long CAP = 2L << 20; // --bwlimit 2M: 23 MiB take at least 11.5 s (S3Proxy alone: ~4 s here)
    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();

    @TempDir
    Path tmp;

    static CliRun cli() {
        return CliRun.with().store(server.keyring("rmi360-test"));
    }

    Path config(String bucket, String extra) throws IOException {
        Path cfg = tmp.resolve("config-" + bucket + ".yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: "BW", client: "Client"}
                aws:
                  region: us-east-1
                  s3_bucket: %s
                  auth_mode: keyring
                  keyring_service_name: rmi360-test
                %s""".formatted(bucket, extra));
        return cfg;
    }

    static CliRun.Result upload(CliRun cli, Path cfg, Path src, String... extra) {
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url",
                server.endpoint().toString(), "--no-monitor", src.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    /** Three small images and one multipart-sized one (above the 16 MiB threshold): 23 MiB. */
    Path images(String name) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < 3; i++) {
            UploadTree.file(src, "small" + i + ".jpg", 1 << 20, i);
        }
        UploadTree.file(src, "cam/big.jpg", 20 << 20, 9);
        return src;
    }

    static long bytes(Path src) throws IOException {
        try (var files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The run's own seconds, from its summary line ({@code ... in 6.2 s ...}). */
    static double seconds(String summary) {
        Matcher m = Pattern.compile(" MiB in ([0-9.]+) s ").matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * Every object holds the file's bytes and the checksum computed from the file (S3Proxy keeps none
     * for a multipart upload of the Java client, with or without a cap).
     */
    void assertObjectsMatch(String bucket, Path src, ChecksumKind kind) throws IOException {
        UploadIT.assertBucketEqualsSource(server.s3(), bucket, "BW", src);
        try (var files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).toList()) {
                String key = "BW/" + src.relativize(f).toString().replace('\\', '/');
                HeadObjectResponse head = server.s3().headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
                String stored = kind == ChecksumKind.CRC64NVME ? head.checksumCRC64NVME() : head.checksumCRC32();
                FileChecksum sum = FileChecksum.compute(f, kind, TransferSizes.PART_SIZE, TransferSizes.MULTIPART_THRESHOLD);
                if (stored == null) {
                    // S3Proxy keeps no checksum for the Java client's multipart uploads, capped or not
                    assertThat(kind == ChecksumKind.CRC32 && f.toFile().length() >= TransferSizes.MULTIPART_THRESHOLD).as(key).isTrue();
                } else {
                    assertThat(sum.matches(stored)).as(key + ": " + stored + " vs " + sum).isTrue();
                }
            }
        }
    }

    @Test
    void flagCapsTheRunOnTheJavaClientWithEveryObjectIntact() throws Exception {
        String bucket = server.createBucket("bw-flag");
        Path src = images("flag");
        CliRun.Result r = upload(cli(), config(bucket, ""), src, "--bwlimit", "2M", "--progress", "plain");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("with adaptive files in flight (from 16, at most 128), capped at 2.0 MiB/s (16.8 Mbit/s)");
        assertThat(r.out()).contains("4 uploaded").contains("; capped at 2.0 MiB/s (16.8 Mbit/s)");
        assertThat(seconds(r.out())).as(r.out()).isGreaterThanOrEqualTo(0.9 * bytes(src) / CAP);
        // a capped run sends on the Java client (CRC32), not the CRT (which busy-polls a throttled body)
        assertObjectsMatch(bucket, src, ChecksumKind.CRC32);
    }

    @Test
    void configKeyCapsTheJavaClientAndTheStartEventCarriesIt() throws Exception {
        String bucket = server.createBucket("bw-java");
        Path src = images("java");
        CliRun.Result r = upload(cli().env("RMI360_NO_CRT", "1"), config(bucket, "  max_bandwidth: 2MB/s\n"), src,
                "--progress", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            events.add(json.readTree(line));
        }
        JsonNode start = events.stream().filter(e -> e.path("event").asText().equals("start")).findFirst().orElseThrow();
        assertThat(start.path("bwlimit_bytes_per_second").asLong()).isEqualTo(CAP);
        JsonNode summary = events.get(events.size() - 1);
        assertThat(summary.path("uploaded").asInt()).isEqualTo(4);
        assertThat(summary.path("seconds").asDouble()).isGreaterThanOrEqualTo(0.9 * bytes(src) / CAP);
        assertThat(r.err()).contains("capped at 2.0 MiB/s (16.8 Mbit/s)");
        assertObjectsMatch(bucket, src, ChecksumKind.CRC32);
    }

    @Test
    void theFlagWinsOverTheConfigKeyAndOffMeansNoCap() throws Exception {
        String bucket = server.createBucket("bw-off");
        Path src = images("off");
        CliRun.Result r = upload(cli(), config(bucket, "  max_bandwidth: 1K\n"), src, "--bwlimit", "off",
                "--progress", "none");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.all()).doesNotContain("capped at");
        assertObjectsMatch(bucket, src, ChecksumKind.CRC64NVME); // uncapped: the CRT, as before
    }

    @Test
    void aBadValueIsOneLineAndTheUsageExitWithNothingSent() throws Exception {
        String bucket = server.createBucket("bw-bad");
        Path src = images("bad");
        CliRun.Result flag = upload(cli(), config(bucket, ""), src, "--bwlimit", "20X");
        assertThat(flag.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err().strip().lines()).singleElement().asString()
                .contains("--bwlimit '20X': use a rate like 20M, 5MiB/s or 40Mbit");
        CliRun.Result key = upload(cli(), config(bucket, "  max_bandwidth: lots\n"), src);
        assertThat(key.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(key.err().strip().lines()).singleElement().asString()
                .contains("aws.max_bandwidth 'lots': use a rate like 20M, 5MiB/s or 40Mbit");
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(src.resolve(ImageWalker.STATE_DIR)).doesNotExist();
    }

    @Test
    void cancelStopsAThrottledRunPromptly() throws Exception {
        String bucket = server.createBucket("bw-cancel");
        Path src = Files.createDirectories(tmp.resolve("cancel"));
        UploadTree.file(src, "big.jpg", 24 << 20, 1);
        UploadTree.file(src, "small.jpg", 4 << 20, 2);
        Path cfg = config(bucket, "");
        // 28 MiB at 256 KiB/s: nearly two minutes if the cancel did not stop it
        CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(
                () -> upload(cli(), cfg, src, "--bwlimit", "256K", "--progress", "none"));
        Thread.sleep(3000);
        long asked = System.nanoTime();
        Files.writeString(src.resolve(UploadOptions.CANCEL_FILE), "stop");
        CliRun.Result r = running.get(90, TimeUnit.SECONDS);
        double secondsToStop = (System.nanoTime() - asked) / 1e9;
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(r.out()).contains("cancelled (cancel_copy.txt found");
        assertThat(r.err()).doesNotContain("did not stop within");
        assertThat(secondsToStop).as("a wide bound: the drain gives up at 60 s").isLessThan(30);
        assertThat(server.s3().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
}

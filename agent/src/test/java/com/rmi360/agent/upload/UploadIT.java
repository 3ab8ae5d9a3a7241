package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.agent.upload.report.CsvLog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;

/** {@code rmi360 upload} in-process against S3Proxy (signatures and checksums checked by the server). */
class UploadIT {

    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();
    static CountingProxy proxy;
    static final List<CliRun.Result> RUNS = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        proxy = new CountingProxy(server.endpoint(), 0);
    }

    @AfterAll
    static void stop() throws IOException {
        for (CliRun.Result r : RUNS) {
            assertThat(r.all()).as("no run printed the secret").doesNotContain(server.secretKey());
        }
        proxy.close();
    }

    static Path config(Path dir, String bucket, String slug) throws IOException {
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: "%s", client: "Client"}
                camera: {make: Mosaic, model: "Mosaic 51"}
                aws:
                  region: us-east-1
                  s3_bucket: %s
                  s3_bucket_folder: config.project.slug
                  auth_mode: keyring
                  keyring_service_name: rmi360-test
                """.formatted(slug, bucket));
        return cfg;
    }

    static CliRun cli() {
        return CliRun.with().store(server.keyring("rmi360-test"));
    }

    static CliRun.Result upload(Path cfg, Path dir, String... extra) {
        return upload(cli(), cfg, dir, extra);
    }

    static CliRun.Result upload(CliRun cli, Path cfg, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url",
                proxy.endpoint().toString(), "--no-monitor", "--progress", "none", dir.toString()));
        args.addAll(List.of(extra));
        CliRun.Result r = cli.run(args.toArray(String[]::new));
        RUNS.add(r);
        return r;
    }

    static void assertBucketEqualsSource(String bucket, String prefix, Path source) throws IOException {
        assertBucketEqualsSource(server.s3(), bucket, prefix, source);
    }

    static void assertBucketEqualsSource(S3Client client, String bucket, String prefix, Path source) throws IOException {
        Map<String, byte[]> local = UploadTree.localImages(source);
        Map<String, byte[]> remote = UploadTree.bucket(client, bucket, prefix);
        assertThat(remote.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());
        local.forEach((k, v) -> assertThat(remote.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void uploadsNestedTreeByteIdenticalAndRerunSendsNothing() throws Exception {
        String bucket = server.createBucket("nested");
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.nested(src);
        Path cfg = config(tmp, bucket, "ABC25101");

        CliRun.Result first = upload(cfg, src);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).contains("8 uploaded");
        assertBucketEqualsSource(bucket, "ABC25101", src);
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("ABC25101/a.jpg")).contentType()).isEqualTo("image/jpeg");

        proxy.resetCount();
        CliRun.Result second = upload(cfg, src);
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).contains("0 uploaded, 8 skipped (journal)");
        // preflight ListObjectsV2, ListMultipartUploads (leftovers of killed runs); no heartbeat with --no-monitor:
        // nothing per file
        assertThat(proxy.requests()).isLessThanOrEqualTo(4);

        Path log = src.resolve(".rmi360/upload_log_ABC25101.csv");
        assertThat(Files.readAllLines(log).get(0)).isEqualTo(CsvLog.LOG_HEADER);
        assertThat(Files.readString(log)).contains(",uploaded,").contains(",skipped,");
        List<String> summary = Files.readAllLines(src.resolve(".rmi360/upload_summary_ABC25101.csv"));
        assertThat(summary.get(0)).isEqualTo(CsvLog.SUMMARY_HEADER);
        assertThat(summary.get(1)).startsWith("8,0,0,8,0,");
        assertNoSecretInFiles(src.resolve(".rmi360"));
    }

    @Test
    void javaMultipartFallbackUploadsTheSameTreeWithCrc32() throws Exception {
        String bucket = server.createBucket("fallback");
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.nested(src);
        Path cfg = config(tmp, bucket, "FB");
        CliRun.Result r = upload(cli().env("RMI360_NO_CRT", "1"), cfg, src, "--heartbeat-seconds", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("8 uploaded").contains("; 0 retries");
        assertBucketEqualsSource(bucket, "FB", src);
        try (var journal = com.rmi360.agent.journal.Journal.open(UploadFailuresIT.journalOf(src), "x",
                java.time.Duration.ofSeconds(1))) {
            assertThat(journal.get("FB/cam2/big.jpg").orElseThrow().checksum()).startsWith("CRC32:");
        }
        // --no-monitor: no heartbeat either (it belongs to the monitor; HeartbeatIT covers the engine's heartbeat)
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("status/")).keyCount()).isZero();
    }

    @Test
    void changedFileIsSentAgain() throws Exception {
        String bucket = server.createBucket("changed");
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.file(src, "one.jpg", 5_000, 1);
        UploadTree.file(src, "two.jpg", 5_000, 2);
        Path cfg = config(tmp, bucket, "CHG");
        assertThat(upload(cfg, src).exitCode()).isZero();

        Path two = UploadTree.file(src, "two.jpg", 6_000, 99);
        Files.setLastModifiedTime(two, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        CliRun.Result again = upload(cfg, src);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("1 uploaded, 1 skipped (journal)");
        assertBucketEqualsSource(bucket, "CHG", src);
    }

    @Test
    void verifyRemoteHealsALostJournal() throws Exception {
        String bucket = server.createBucket("heal");
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.file(src, "one.jpg", 5_000, 1);
        UploadTree.file(src, "sub/two.jpg", 20 << 20, 2);
        UploadTree.file(src, "sub/three.jpg", 7_000, 3);
        Path cfg = config(tmp, bucket, "HEAL");
        assertThat(upload(cfg, src).exitCode()).isZero();
        deleteTree(src.resolve(".rmi360"));
        server.s3().deleteObject(b -> b.bucket(bucket).key("HEAL/sub/three.jpg"));

        CliRun.Result healed = upload(cfg, src, "--verify-remote");
        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        assertThat(healed.out()).contains("1 uploaded, 0 skipped (journal), 2 skipped (already in S3)");
        assertBucketEqualsSource(bucket, "HEAL", src);

        CliRun.Result rerun = upload(cfg, src);
        assertThat(rerun.out()).contains("0 uploaded, 3 skipped (journal)");
    }

    @Test
    void noSkipExistingSendsEverythingAgain() throws Exception {
        String bucket = server.createBucket("again");
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.file(src, "one.jpg", 5_000, 1);
        Path cfg = config(tmp, bucket, "AGAIN");
        assertThat(upload(cfg, src).exitCode()).isZero();
        CliRun.Result again = upload(cfg, src, "--no-skip-existing");
        assertThat(again.out()).contains("1 uploaded, 0 skipped");
    }

    @Test
    void dryRunReportsWithoutTouchingS3() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        UploadTree.nested(src);
        Path cfg = config(tmp, "never-created", "DRY");
        proxy.resetCount();
        CliRun.Result dry = upload(cfg, src, "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("dry run: 8 images").contains("would send 8 files");
        assertThat(proxy.requests()).isZero();
    }

    static void assertNoSecretInFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(p.toString()).doesNotContain(server.secretKey());
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.scan.ImageWalker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs and cancel: one line on stderr, the documented exit code, nothing leaked or orphaned. */
class UploadFailuresIT {

    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();
    static CountingProxy proxy;
    static final List<CliRun.Result> RUNS = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        proxy = new CountingProxy(server.endpoint(), 0);
        server.createBucket("bucket");
    }

    @AfterAll
    static void stop() throws IOException {
        for (CliRun.Result r : RUNS) {
            assertThat(r.all()).doesNotContain(server.secretKey()).doesNotContain("\tat ");
        }
        proxy.close();
    }

    CliRun.Result run(String secret, String bucketLine, String endpoint, Path dir, String... extra) throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {slug: "FAIL"}
                aws:
                  region: us-east-1
                  s3_bucket: "%s"
                  auth_mode: keyring
                  keyring_service_name: t
                """.formatted(bucketLine));
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url", endpoint,
                "--no-monitor", "--progress", "none"));
        args.addAll(Arrays.asList(extra));
        args.add(dir.toString());
        CliRun.Result r = CliRun.with().store(new MemorySecretStore()
                        .put("t", KeyringCredentials.ID, server.accessKey()).put("t", KeyringCredentials.SECRET, secret))
                .run(args.toArray(String[]::new));
        RUNS.add(r);
        return r;
    }

    CliRun.Result run(Path dir, String... extra) throws IOException {
        return run(server.secretKey(), "bucket", proxy.endpoint().toString(), dir, extra);
    }

    static void assertOneLineError(CliRun.Result r, int code, String text) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
        List<String> lines = r.err().lines().filter(l -> l.startsWith("rmi360:")).toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).contains(text);
    }

    Path tree(String name, int files) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < files; i++) {
            UploadTree.file(src, "f" + i + ".jpg", 1000 + i, i);
        }
        return src;
    }

    @Test
    void missingFolderIsAUsageError() throws IOException {
        assertOneLineError(run(tmp.resolve("nope")), ExitCodes.USAGE, "no such folder");
    }

    @Test
    void folderWithoutJpegsIsAUsageError() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("empty"));
        UploadTree.file(src, "readme.txt", 10, 1);
        assertOneLineError(run(src), ExitCodes.USAGE, "no JPEG images");
    }

    @Test
    void folderWithoutJpegsSaysSoWhateverTheBucketOrTheSecret() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("empty-too"));
        UploadTree.file(src, "readme.txt", 10, 1);
        // the scan runs beside the target's checks, which fail here too: its error is the one reported
        assertOneLineError(run(server.secretKey(), "no-such-bucket", proxy.endpoint().toString(), src),
                ExitCodes.USAGE, "no JPEG images");
        assertOneLineError(run("wrong-secret-FAKE0123456789abcdef", "bucket", proxy.endpoint().toString(), src),
                ExitCodes.USAGE, "no JPEG images");
    }

    @Test
    void placeholderBucketIsRejectedNamingTheKey() throws IOException {
        assertOneLineError(run(server.secretKey(), "<YOUR-BUCKET-NAME>", proxy.endpoint().toString(), tree("ph", 1)),
                ExitCodes.USAGE, "aws.s3_bucket is a placeholder");
    }

    @Test
    void missingBucketIsAUsageError() throws IOException {
        assertOneLineError(run(server.secretKey(), "no-such-bucket", proxy.endpoint().toString(), tree("nb", 1)),
                ExitCodes.USAGE, "does not exist");
    }

    @Test
    void unreachableEndpointIsOneLine() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertOneLineError(run(server.secretKey(), "bucket", "http://127.0.0.1:" + closed, tree("un", 1)),
                ExitCodes.USAGE, "cannot reach");
    }

    @Test
    void wrongSecretIsACredentialsError() throws IOException {
        CliRun.Result r = run("wrong-" + server.secretKey().substring(6), "bucket", proxy.endpoint().toString(), tree("ws", 1));
        assertOneLineError(r, ExitCodes.CREDENTIALS, "rejected");
    }

    @Test
    void symlinkLoopAndBrokenLinkAreReportedAndTheRestUploaded() throws IOException {
        Path src = tree("loop", 2);
        Files.createDirectories(src.resolve("sub"));
        Files.createSymbolicLink(src.resolve("sub/back"), src);
        Files.createSymbolicLink(src.resolve("dangling.jpg"), src.resolve("gone.jpg"));
        CliRun.Result r = run(src, "--prefix", "loop");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(r.err()).contains("symbolic link loop").contains("dangling.jpg");
        assertThat(r.out()).contains("2 uploaded");
    }

    @Test
    void unreadableFileFailsOnlyThatFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "skipped: root reads any file");
        Path src = tree("unreadable", 2);
        Path locked = UploadTree.file(src, "locked.jpg", 100, 1);
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        CliRun.Result r = run(src, "--prefix", "unreadable");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(r.err()).contains("locked.jpg").contains("permission denied");
    }

    @Test
    void fileDeletedMidRunFailsOnlyThatFile() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("vanish"));
        for (int i = 0; i < 12; i++) {
            UploadTree.file(src, "v" + i + ".jpg", 256 * 1024, i);
        }
        proxy.throttle(512 * 1024);
        try {
            CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(src, "--prefix", "vanish", "--concurrency", "1");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(1500);
            List<String> there = server.s3().listObjectsV2(b -> b.bucket("bucket").prefix("vanish/")).contents().stream()
                    .map(o -> o.key().substring("vanish/".length())).toList();
            int deleted = 0;
            for (int i = 11; i >= 0 && deleted < 3; i--) {
                if (!there.contains("v" + i + ".jpg")) {
                    Files.delete(src.resolve("v" + i + ".jpg"));
                    deleted++;
                }
            }
            CliRun.Result r = running.get();
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(r.err()).contains("vanished");
        } finally {
            proxy.throttle(0);
        }
    }

    @Test
    void cancelFileStopsWith130AbortsMultipartAndKeepsTheJournalTrue() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("cancel"));
        for (int i = 0; i < 6; i++) {
            UploadTree.file(src, "big" + i + ".jpg", 24 << 20, i);
        }
        UploadTree.file(src, "small.jpg", 1000, 99);
        proxy.throttle(2L << 20);
        try {
            CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(src, "--prefix", "cancel", "--concurrency", "2");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(3000);
            Files.writeString(src.resolve(UploadOptions.CANCEL_FILE), "stop");
            CliRun.Result r = running.get(90, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CANCELLED);
            assertThat(r.out()).contains("cancelled (cancel_copy.txt found");
        } finally {
            proxy.throttle(0);
        }
        assertThat(server.s3().listMultipartUploads(b -> b.bucket("bucket").prefix("cancel/")).uploads()).isEmpty();
        List<String> objects = server.s3().listObjectsV2(b -> b.bucket("bucket").prefix("cancel/")).contents().stream()
                .map(o -> o.key()).toList();
        try (var journal = com.rmi360.agent.journal.Journal.open(journalOf(src), "x", java.time.Duration.ofSeconds(1))) {
            // journaled ⊆ in the bucket; at most the 2 files in flight completed unseen
            assertThat(journal.size()).isBetween(objects.size() - 2, objects.size());
        }
        Files.delete(src.resolve(UploadOptions.CANCEL_FILE));
        CliRun.Result resumed = run(src, "--prefix", "cancel");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains(" skipped (journal)");
        UploadIT.assertBucketEqualsSource(server.s3(), "bucket", "cancel", src);
    }

    static Path journalOf(Path src) throws IOException {
        try (var files = Files.list(src.resolve(ImageWalker.STATE_DIR))) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal_") && p.toString().endsWith(".log"))
                    .findFirst().orElseThrow();
        }
    }
}

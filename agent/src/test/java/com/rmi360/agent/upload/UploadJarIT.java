package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.agent.testsupport.S3ProxyExtension;

/** The packaged jar as a subprocess: killed with SIGKILL and resumed; interrupted with SIGINT. */
class UploadJarIT {

    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();
    static CountingProxy proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        proxy = new CountingProxy(server.endpoint(), 0);
        server.createBucket("jar");
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
    }

    Map<String, String> env() {
        return server.awsEnv(tmp);
    }

    List<String> command(Path src, String prefix) {
        return List.of(Processes.java(), "-jar", Processes.agentJar().toString(), "upload", "--bucket", "jar",
                "--slug", prefix, "--prefix", prefix, "--endpoint-url", proxy.endpoint().toString(), "--no-monitor",
                "--progress", "plain", "--concurrency", "4", src.toString());
    }

    Process launch(Path src, String prefix, Path out, Path err) throws IOException {
        ProcessBuilder b = new ProcessBuilder(Processes.withSigint(command(src, prefix))).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        env().forEach((k, v) -> {
            if (v == null) {
                b.environment().remove(k);
            } else {
                b.environment().put(k, v);
            }
        });
        return b.start();
    }

    int objects(String prefix) {
        return server.s3().listObjectsV2(b -> b.bucket("jar").prefix(prefix + "/")).keyCount();
    }

    void awaitObjects(String prefix, int atLeast, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (objects(prefix) < atLeast) {
            assertThat(p.isAlive()).as("still running").isTrue();
            assertThat(System.nanoTime()).as("objects appear").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void killedWithSigkillThenRerunLeavesBucketEqualToSource() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("kill"));
        for (int i = 0; i < 40; i++) {
            UploadTree.file(src, "d" + (i % 4) + "/k" + i + ".jpg", 1 << 20, i);
        }
        UploadTree.file(src, "d0/huge.jpg", 40 << 20, 1000);
        proxy.throttle(1L << 20);
        Process p = launch(src, "KILL", tmp.resolve("o1"), tmp.resolve("e1"));
        try {
            awaitObjects("KILL", 5, p);
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
        } finally {
            proxy.throttle(0);
            p.destroyForcibly();
        }
        int before = objects("KILL");
        CliRun.Result rerun = Processes.run(command(src, "KILL"), env(), tmp, 180);
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("skipped (journal)");
        String uploaded = rerun.out().replaceAll("(?s).*?(\\d+) uploaded.*", "$1");
        assertThat(Integer.parseInt(uploaded)).as("resumed, not restarted").isLessThanOrEqualTo(41 - before + 4);
        UploadIT.assertBucketEqualsSource(server.s3(), "jar", "KILL", src);
        // the killed run's multipart uploads (huge.jpg) are aborted by the rerun before it starts
        assertThat(server.s3().listMultipartUploads(b -> b.bucket("jar").prefix("KILL/")).uploads()).isEmpty();
        assertThat(rerun.all()).doesNotContain(server.secretKey());
    }

    @Test
    void sigintExits130WithJournalFlushedAndNoOrphanedParts() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("int"));
        for (int i = 0; i < 6; i++) {
            UploadTree.file(src, "big" + i + ".jpg", 24 << 20, i);
        }
        for (int i = 0; i < 10; i++) {
            UploadTree.file(src, "small" + i + ".jpg", 100_000, 100 + i);
        }
        proxy.throttle(2L << 20);
        Path out = tmp.resolve("o2");
        Path err = tmp.resolve("e2");
        Process p = launch(src, "INT", out, err);
        try {
            awaitObjects("INT", 1, p);
            Thread.sleep(1000);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops after SIGINT").isTrue();
        } finally {
            proxy.throttle(0);
            p.destroyForcibly();
        }
        String all = Files.readString(out) + Files.readString(err);
        assertThat(p.exitValue()).as(all).isEqualTo(ExitCodes.CANCELLED);
        assertThat(Files.readString(out)).contains("cancelled (interrupted)");
        assertThat(server.s3().listMultipartUploads(b -> b.bucket("jar").prefix("INT/")).uploads()).isEmpty();
        List<String> keys = server.s3().listObjectsV2(b -> b.bucket("jar").prefix("INT/")).contents().stream().map(o -> o.key()).toList();
        try (Journal journal = Journal.open(UploadFailuresIT.journalOf(src), "x", Duration.ofSeconds(1))) {
            // every journaled key is in the bucket; at most the files in flight (4) are in S3 but not journaled
            assertThat(journal.size()).isBetween(keys.size() - 4, keys.size());
            for (String k : keys) {
                if (journal.get(k).isEmpty()) {
                    continue;
                }
                assertThat(journal.get(k).orElseThrow().checksum()).startsWith("CRC64NVME:");
            }
        }
        assertThat(all).doesNotContain(server.secretKey());
        CliRun.Result resumed = Processes.run(command(src, "INT"), env(), tmp, 180);
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        UploadIT.assertBucketEqualsSource(server.s3(), "jar", "INT", src);
    }
}

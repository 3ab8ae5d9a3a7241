package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.MachineView;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One project from several machines at once: real agent processes (the shaded jar) against one
 * S3Proxy, the monitor ticking in this process between and after the runs. EventBridge is not
 * there (S3Proxy answers the rule calls with an error, a warning): manifests, heartbeats, the
 * progress document and the pages are the real ones. Conditional writes: S3Proxy 4.1 honours
 * {@code If-None-Match: *} (see ConditionalWriteIT), so these runs take the 412-then-HEAD path.
 */
class MultiMachineIT {

    private static final String BUCKET = "machines";
    private static final String SLUG = "MM1";

    @TempDir
    Path tmp;

    @Test
    void threeMachinesMakeOneProjectCompleteExactlyWhenAllAreDone() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        for (int i = 0; i < 5; i++) {
            UploadTree.file(a, "day1/IMG_" + i + ".jpg", 20_000, i);
            UploadTree.file(b, "day2/IMG_" + i + ".jpg", 20_000, 100 + i);
        }
        for (int i = 0; i < 3; i++) { // overlapping, identical
            UploadTree.file(a, "shared/S_" + i + ".jpg", 30_000, 200 + i);
            UploadTree.file(b, "shared/S_" + i + ".jpg", 30_000, 200 + i);
        }
        for (int i = 0; i < 12; i++) {
            UploadTree.file(c, "day3/IMG_" + i + ".jpg", 256 * 1024, 300 + i);
        }
        UploadTree.file(c, "shared/S_0.jpg", 30_000, 999); // same key, other bytes: a conflict

        try (S3ProxyServer server = S3ProxyServer.start(); S3Client s3 = server.client();
             CountingProxy slow = new CountingProxy(server.endpoint(), 256 * 1024)) {
            server.createBucket(BUCKET);
            ProgressMonitor monitor = new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3),
                    (rule, region) -> { }, MonitorSettings.defaults(), Clock.systemUTC());
            MonitorEvent event = new MonitorEvent(SLUG, BUCKET, SLUG, null, null, "us-east-1");

            // Two machines at once: disjoint folders plus an identical overlap.
            List<CompletableFuture<CliRun.Result>> two = List.of(upload(server, server.endpoint(), a, "alpha"),
                    upload(server, server.endpoint(), b, "beta"));
            for (CompletableFuture<CliRun.Result> run : two) {
                CliRun.Result r = run.get(120, TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(r.toString()).isZero();
            }
            assertThat(s3.listObjectsV2(x -> x.bucket(BUCKET).prefix(SLUG + "/")).keyCount()).isEqualTo(13);
            TickReport t1 = monitor.tick(event);
            ProgressDocument d1 = progress(s3);
            assertThat(t1.status()).as("13 distinct images over two manifests of 8").isEqualTo(UploadStatus.COMPLETE);
            assertThat(d1.expectedTotal()).isEqualTo(13);
            assertThat(d1.machines()).extracting(MachineView::machine, MachineView::done, MachineView::files,
                    MachineView::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("alpha", 8L, 8L, MachineView.State.DONE),
                    org.assertj.core.groups.Tuple.tuple("beta", 8L, 8L, MachineView.State.DONE));

            // Three at once: alpha and beta again (nothing to send) and gamma, slowed down and killed mid-run.
            List<CompletableFuture<CliRun.Result>> again = List.of(upload(server, server.endpoint(), a, "alpha"),
                    upload(server, server.endpoint(), b, "beta"));
            Process gamma = start(server, slow.endpoint(), c, "gamma");
            for (CompletableFuture<CliRun.Result> run : again) {
                CliRun.Result r = run.get(120, TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).contains("0 uploaded");
            }
            // (S3Proxy lists an object being written under a temporary name, KEY-<uuid>: only .jpg keys count)
            waitFor(() -> s3.listObjectsV2(x -> x.bucket(BUCKET).prefix(SLUG + "/day3/")).contents().stream()
                    .filter(o -> o.key().endsWith(".jpg")).count() >= 2);
            gamma.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            TickReport t2 = monitor.tick(event);
            ProgressDocument d2 = progress(s3);
            assertThat(t2.status()).as("gamma's manifest is not covered").isEqualTo(UploadStatus.IN_PROGRESS);
            assertThat(d2.expectedTotal()).isEqualTo(25);
            assertThat(d2.count()).as(s3.listObjectsV2(x -> x.bucket(BUCKET).prefix(SLUG + "/")).contents().toString())
                    .isBetween(15L, 24L); // 13 + at least 2 of gamma's 12 new ones, not all
            assertThat(html(s3)).contains("data-machine=\"gamma\"").contains("/ 13");

            // gamma resumed: the rest goes up, the conflicting file is left alone and reported.
            CliRun.Result resumed = upload(server, server.endpoint(), c, "gamma").get(120, TimeUnit.SECONDS);
            assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(1);
            assertThat(resumed.out()).contains("1 conflicts (not replaced; --overwrite replaces)");
            assertThat(Files.readString(c.resolve(".rmi360/upload_log_" + SLUG + ".csv")))
                    .contains(SLUG + "/shared/S_0.jpg,conflict,");
            assertThat(s3.getObjectAsBytes(x -> x.bucket(BUCKET).key(SLUG + "/shared/S_0.jpg")).asByteArray())
                    .isEqualTo(Files.readAllBytes(a.resolve("shared/S_0.jpg")));
            TickReport t3 = monitor.tick(event);
            assertThat(t3.status()).as("every image is there but gamma reports a conflict").isEqualTo(UploadStatus.IN_PROGRESS);
            assertThat(progress(s3).machines().get(2).state()).isEqualTo(MachineView.State.CONFLICT);

            CliRun.Result overwrite = upload(server, server.endpoint(), c, "gamma", "--overwrite").get(120, TimeUnit.SECONDS);
            assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
            assertThat(s3.getObjectAsBytes(x -> x.bucket(BUCKET).key(SLUG + "/shared/S_0.jpg")).asByteArray())
                    .isEqualTo(Files.readAllBytes(c.resolve("shared/S_0.jpg")));
            TickReport t4 = monitor.tick(event);
            assertThat(t4.status()).isEqualTo(UploadStatus.COMPLETE);
            assertThat(progress(s3).count()).isEqualTo(25);
            assertThat(new S3StatusStore(s3).keys(BUCKET, StatusKeys.PROGRESS_PREFIX))
                    .containsExactly(StatusKeys.progress(SLUG));
        }
    }

    private static ProgressDocument progress(S3Client s3) {
        return ProgressCodec.decode(s3.getObjectAsBytes(x -> x.bucket(BUCKET).key(StatusKeys.progress(SLUG))).asUtf8String());
    }

    private static String html(S3Client s3) {
        return s3.getObjectAsBytes(x -> x.bucket(BUCKET).key(StatusKeys.page(SLUG))).asUtf8String();
    }

    private List<String> command(Path dir, URI endpoint, String machine, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Processes.java(), "-jar", Processes.agentJar().toString(), "upload",
                dir.toString(), "--bucket", BUCKET, "--slug", SLUG, "--prefix", SLUG, "--endpoint-url", endpoint.toString(),
                "--machine", machine, "--progress", "none", "--concurrency", "2", "--heartbeat-seconds", "1",
                "--monitor-function-arn", "arn:aws:lambda:us-east-1:000000000000:function:ProgressMonitor"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private Map<String, String> env(S3ProxyServer server) {
        Map<String, String> env = S3ProxyExtension.awsEnv(server, tmp);
        env.put("AWS_MAX_ATTEMPTS", "1");
        return env;
    }

    private CompletableFuture<CliRun.Result> upload(S3ProxyServer server, URI endpoint, Path dir, String machine,
                                                    String... extra) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Processes.run(command(dir, endpoint, machine, extra), env(server), tmp, 120);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Process start(S3ProxyServer server, URI endpoint, Path dir, String machine) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(dir, endpoint, machine)).directory(tmp.toFile())
                .redirectOutput(tmp.resolve(machine + ".out").toFile()).redirectError(tmp.resolve(machine + ".err").toFile());
        env(server).forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb.start();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(end);
            Thread.sleep(100);
        }
    }
}

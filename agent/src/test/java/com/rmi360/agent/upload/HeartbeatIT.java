package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.report.CsvLog;
import com.rmi360.agent.upload.report.UploadReport;
import com.rmi360.agent.upload.scan.Scan;
import com.rmi360.agent.upload.transport.S3Transport;
import com.rmi360.monitor.model.Heartbeat;
import com.rmi360.monitor.model.HeartbeatCodec;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.rmi360.testing.S3ProxyServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The engine on its own: heartbeats at the configured interval while uploading, plain progress lines. */
class HeartbeatIT {

    @TempDir
    Path tmp;

    @Test
    void writesHeartbeatsWhileUploadingAndPlainProgress() throws Exception {
        List<Heartbeat> beats = new CopyOnWriteArrayList<>();
        StatusStore store = new StatusStore() {
            @Override
            public Optional<String> read(String bucket, String key) {
                return Optional.empty();
            }

            @Override
            public void write(String bucket, String key, String body, String contentType) {
                assertThat(key).isEqualTo(StatusKeys.machineHeartbeat("HB", "hb-1"));
                assertThat(contentType).isEqualTo(StatusStore.JSON);
                beats.add(HeartbeatCodec.decode(body));
            }

            @Override
            public List<String> keys(String bucket, String prefix) {
                return List.of();
            }
        };
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 8; i++) {
            UploadTree.file(src, "h" + i + ".jpg", 512 * 1024, i);
        }
        try (S3ProxyServer server = S3ProxyServer.start();
             CountingProxy proxy = new CountingProxy(server.endpoint(), 512 * 1024);
             S3Client s3 = server.client()) {
            server.createBucket("hbt");
            AwsContext ctx = new AwsContext(Region.US_EAST_1, Optional.of(proxy.endpoint()), server.credentials(), "test");
            UploadOptions opts = new UploadOptions(src, "hbt", "HB", "HB", 2, 3, false, true, false,
                    UploadOptions.ProgressMode.PLAIN, Duration.ofSeconds(1), true, tmp.resolve("state"), "hb-1", false);
            StringWriter err = new StringWriter();
            UploadReport report;
            try (S3Transport transport = S3Transport.create(ctx, 2, 3, false, line -> { });
                 Journal journal = Journal.open(tmp.resolve("state/j.log"), "x", Duration.ofSeconds(1));
                 CsvLog csv = CsvLog.open(tmp.resolve("state"), "HB")) {
                Scan scan = Scan.of(src, opts.keys(), journal, true);
                report = new UploadEngine(opts, transport, s3, store, new CancelSignal(), new PrintWriter(err, true))
                        .run(journal, csv, scan, null);
            }
            assertThat(report.uploaded()).isEqualTo(8);
            assertThat(report.elapsed()).isGreaterThan(Duration.ofSeconds(2));
            assertThat(beats.size()).as("one at start, about one a second, one at the end")
                    .isGreaterThanOrEqualTo((int) report.elapsed().toSeconds());
            assertThat(beats.get(beats.size() - 1).filesDone()).isEqualTo(8);
            assertThat(beats.get(beats.size() - 1).bytesSent()).isEqualTo(8 * 512 * 1024);
            assertThat(beats.stream().anyMatch(b -> b.bytesInFlight() > 0)).isTrue();
            assertThat(err.toString()).contains("progress: ").contains(" files, ").contains("MiB/s, ETA ");
        }
    }
}

package com.rmi360.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.monitor.aws.LambdaRuleSwitch;
import com.rmi360.monitor.aws.RecordingLambdaClient;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.Heartbeat;
import com.rmi360.monitor.model.HeartbeatCodec;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.Payloads;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.LambdaEvents;
import com.rmi360.testing.MutableClock;
import com.rmi360.testing.ObjectsOnDisk;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * ProgressMonitorHandler through handleRequest, against a real S3 API (S3Proxy, filesystem store, so
 * large listings can be laid out as files instead of thousands of PUTs).
 */
class ProgressMonitorHandlerIT {

    private static final String SLUG = "ABC25101";
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client s3;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final RecordingLambdaClient lambda = new RecordingLambdaClient();
    private final List<String> log = new ArrayList<>();
    private String bucket;

    @TempDir
    static Path storage;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.startOnDisk(storage);
        s3 = server.client();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = server.createBucket("monitor-it-" + BUCKETS.incrementAndGet());
    }

    private ProgressMonitorHandler handler(int stallThreshold) {
        return handler(stallThreshold, new S3StatusStore(s3));
    }

    private ProgressMonitorHandler handler(int stallThreshold, StatusStore store) {
        MonitorSettings settings = new MonitorSettings(stallThreshold, null, null, null, "us-east-1");
        ProgressMonitor monitor = new ProgressMonitor(new S3ObjectListing(s3), store,
                new LambdaRuleSwitch(lambda, settings.disableFunctionName()), settings, clock);
        return new ProgressMonitorHandler(monitor, log::add);
    }

    private Map<String, Object> tick(ProgressMonitorHandler handler, Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("bucket", bucket);
        return handler.handleRequest(LambdaEvents.load("progress-tick.json", all), null);
    }

    private Map<String, Object> tick(ProgressMonitorHandler handler) {
        return tick(handler, Map.of());
    }

    /** Lays the object out in the filesystem store (setup never goes through PUT, only the monitor does). */
    private void put(String key, int size) {
        put(key, new byte[size]);
    }

    private void put(String key, byte[] body) {
        try {
            Path file = storage.resolve(bucket).resolve(key);
            if (key.endsWith("/")) {
                Files.createDirectories(file);
                return;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putText(String key, String text) {
        put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private void putImages(int from, int to) {
        for (int i = from; i < to; i++) {
            put(SLUG + "/day1/IMG_" + i + ".jpg", 100);
        }
    }

    private String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private ProgressDocument progress() {
        return ProgressCodec.decode(text(StatusKeys.progress(SLUG)));
    }

    @Test
    void firstTickWithoutAProgressFileCreatesItAndBothPages() {
        putImages(0, 2);

        Map<String, Object> result = tick(handler(6));

        ProgressDocument doc = progress();
        assertThat(doc.projectSlug()).isEqualTo(SLUG);
        assertThat(doc.count()).isEqualTo(2);
        assertThat(doc.bytes()).isEqualTo(200);
        assertThat(doc.expectedTotal()).isEqualTo(3);
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(doc.cloudInfo().bucket()).isEqualTo(bucket);
        assertThat(doc.startTime()).isNotNull();
        assertThat(text(StatusKeys.page(SLUG))).contains("2 of 3 images (66.7%)");
        assertThat(text(StatusKeys.INDEX_PAGE)).contains("href=\"ABC25101.html\"");
        assertThat(result).containsEntry("count", 2L).containsEntry("status", "In Progress").containsKey("list_calls");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).startsWith("{\"level\":\"INFO\",\"msg\":\"tick\",\"slug\":\"ABC25101\",\"count\":2,")
                .contains("\"expected\":3", "\"status\":\"In Progress\"", "\"list_calls\":", "\"ms\":");
    }

    @Test
    void writesPagesAndJsonWithCharsetAndNoCache() {
        tick(handler(6));

        for (String key : List.of(StatusKeys.page(SLUG), StatusKeys.INDEX_PAGE)) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            // S3Proxy (Jetty) drops the space after ';'; real S3 returns the header as sent.
            assertThat(head.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
            assertThat(head.cacheControl()).isEqualTo("no-cache");
        }
        HeadObjectResponse json = s3.headObject(b -> b.bucket(bucket).key(StatusKeys.progress(SLUG)));
        assertThat(json.contentType().replace(" ", "")).isEqualTo("application/json;charset=utf-8");
        assertThat(json.cacheControl()).isEqualTo("no-cache");
    }

    @Test
    void countsProgressBetweenTicks() {
        ProgressMonitorHandler handler = handler(6);
        putImages(0, 1);
        tick(handler, Map.of("expected_total", 10));
        clock.advance(TICK);
        putImages(1, 4);

        tick(handler, Map.of("expected_total", 10));

        ProgressDocument doc = progress();
        assertThat(doc.count()).isEqualTo(4);
        assertThat(doc.stalls()).isZero();
        assertThat(doc.history()).hasSize(2);
        assertThat(doc.etaSeconds()).isEqualTo(600);
        assertThat(doc.percentComplete()).isEqualTo(40.0);
    }

    @Test
    void countsStallsAndAFreshHeartbeatResetsThem() {
        ProgressMonitorHandler handler = handler(6);
        putImages(0, 1);
        tick(handler, Map.of("expected_total", 10));
        for (int i = 0; i < 3; i++) {
            clock.advance(TICK);
            tick(handler, Map.of("expected_total", 10));
        }
        assertThat(progress().stalls()).isEqualTo(3);

        Heartbeat beat = new Heartbeat(SLUG, clock.instant().plusSeconds(60), 1, 4_000_000_000L, 3_000_000_000L);
        putText(StatusKeys.heartbeat(SLUG), HeartbeatCodec.encode(beat));
        clock.advance(TICK);
        tick(handler, Map.of("expected_total", 10));

        ProgressDocument doc = progress();
        assertThat(doc.stalls()).isZero();
        assertThat(doc.heartbeat()).isEqualTo(beat);
        assertThat(text(StatusKeys.page(SLUG))).contains("Last heartbeat", "2.79 GiB");

        clock.advance(TICK);
        tick(handler, Map.of("expected_total", 10));
        assertThat(progress().stalls()).isEqualTo(1);
    }

    @Test
    void marksFailedAtTheThresholdAndAsksForTheDisableAgainWhenTheRuleStillFires() {
        ProgressMonitorHandler handler = handler(3);
        putImages(0, 1);
        tick(handler, Map.of("expected_total", 10));
        for (int i = 0; i < 3; i++) {
            clock.advance(TICK);
            tick(handler, Map.of("expected_total", 10));
        }

        ProgressDocument doc = progress();
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.FAILED);
        assertThat(doc.stalls()).isEqualTo(3);
        assertThat(doc.disablePending()).isFalse();
        assertThat(doc.ruleDisabledAt()).isEqualTo(clock.instant());
        assertThat(lambda.invokes()).singleElement().satisfies(this::isAsyncDisableOfTheProjectRule);
        assertThat(text(StatusKeys.page(SLUG))).contains("pill failed");

        clock.advance(TICK);
        putImages(1, 3);
        Map<String, Object> later = tick(handler, Map.of("expected_total", 10));
        assertThat(later).containsEntry("status", "Failed").containsEntry("list_calls", 0)
                .containsEntry("disable_requested", true);
        assertThat(progress().count()).isEqualTo(1);
        assertThat(lambda.invokes()).hasSize(2).allSatisfy(this::isAsyncDisableOfTheProjectRule);
    }

    private void isAsyncDisableOfTheProjectRule(InvokeRequest request) {
        assertThat(request.functionName()).isEqualTo("DisableUploadMonitorRule");
        assertThat(request.invocationType()).isEqualTo(InvocationType.EVENT);
        assertThat(request.payload().asUtf8String())
                .isEqualTo("{\"rule_name\":\"UploadMonitorRule-ABC25101\",\"region\":\"us-east-1\"}");
    }

    @Test
    void completesWhenTheExpectedTotalIsReachedAndDisablesTheRule() {
        putImages(0, 3);

        Map<String, Object> result = tick(handler(6));

        assertThat(result).containsEntry("status", "Complete").containsEntry("disable_requested", true);
        ProgressDocument doc = progress();
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(doc.endTime()).isEqualTo(clock.instant());
        assertThat(lambda.invokes()).singleElement().satisfies(this::isAsyncDisableOfTheProjectRule);
        assertThat(text(StatusKeys.page(SLUG))).contains("pill complete", "3 of 3 images (100.0%)");
    }

    @Test
    void retriesTheDisableOnTheNextTickWhenTheInvokeFailed() {
        ProgressMonitorHandler handler = handler(6);
        putImages(0, 3);
        lambda.failNext(1);

        tick(handler);

        assertThat(progress().disablePending()).isTrue();
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("{\"level\":\"ERROR\"")
                .contains("disabling rule UploadMonitorRule-ABC25101 failed, retrying next tick"));
        assertThat(text(StatusKeys.page(SLUG))).contains("stop pending");

        clock.advance(TICK);
        tick(handler);

        assertThat(lambda.invokes()).hasSize(2);
        assertThat(progress().disablePending()).isFalse();
        assertThat(progress().uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
    }

    @Test
    void expectedTotalZeroIsNeverCompleteAndShowsADash() {
        putImages(0, 5);

        tick(handler(6), Map.of("expected_total", 0));

        assertThat(progress().uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(text(StatusKeys.page(SLUG))).contains("5 images (expected total unknown, —)");
        assertThat(lambda.invokes()).isEmpty();
    }

    @Test
    void countsOnlyImagesUnderThePrefixAndNeverStatusObjects() {
        put(SLUG + "/a.jpg", 10);
        put(SLUG + "/deep/er/b.JPG", 20);
        put(SLUG + "/c.Jpeg", 30);
        put(SLUG + "/d.png", 1000);
        put(SLUG + "/notes.txt", 1000);
        put(SLUG + "/folder.jpg/", 0);
        put(SLUG + "2/other-project.jpg", 1000);
        put("status/progress_junk.jpg", 1000);

        tick(handler(6), Map.of("expected_total", 100));
        assertThat(progress().count()).isEqualTo(3);
        assertThat(progress().bytes()).isEqualTo(60);

        clock.advance(TICK);
        tick(handler(6), Map.of("expected_total", 100, "prefix", ""));
        assertThat(progress().count()).isEqualTo(4);
    }

    @Test
    void pagesThroughMoreThan2500Objects() throws IOException {
        ObjectsOnDisk.images(storage.resolve(bucket), SLUG + "/batch", 2_600, 2_600);

        Map<String, Object> result = tick(handler(6), Map.of("expected_total", 5_000));

        assertThat(result).containsEntry("count", 2_600L);
        assertThat((Integer) result.get("list_calls")).isGreaterThanOrEqualTo(3);
        assertThat(progress().count()).isEqualTo(2_600);
    }

    @Test
    void twoProjectsEachGetTheirPageAndTheIndexListsBoth() {
        ProgressMonitorHandler handler = handler(6);
        putImages(0, 2);
        put("XYZ999/IMG_1.jpg", 5);
        tick(handler);
        tick(handler, Map.of("project_slug", "XYZ999", "prefix", "XYZ999", "rule_name", "UploadMonitorRule-XYZ999"));

        String index = text(StatusKeys.INDEX_PAGE);
        assertThat(index).contains("href=\"ABC25101.html\"", "href=\"XYZ999.html\"", "2 of 3 images", "1 of 3 images");
        assertThat(text(StatusKeys.page(SLUG))).contains("2 of 3 images");
        assertThat(text(StatusKeys.page("XYZ999"))).contains("1 of 3 images");
    }

    @Test
    void keepsACorruptProgressFileAsideAndStartsAFreshOne() {
        String broken = "{\"project_slug\": \"ABC25101\", \"count\": 12, ";
        putText(StatusKeys.progress(SLUG), broken);
        putImages(0, 1);

        tick(handler(6));

        String aside = StatusKeys.corruptCopy(SLUG, clock.instant());
        assertThat(text(aside)).isEqualTo(broken);
        assertThat(progress().count()).isEqualTo(1);
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("{\"level\":\"ERROR\"")
                .contains("corrupt status/progress_ABC25101.json kept as " + aside));
        assertThat(text(StatusKeys.INDEX_PAGE)).doesNotContain("corrupt");
    }

    @Test
    void payloadsInTheProgressFileRenderInert() {
        ProgressDocument hostile = Payloads.hostile(SLUG, clock.instant().minusSeconds(300));
        putText(StatusKeys.progress(SLUG), ProgressCodec.encode(hostile));

        tick(handler(6), Map.of("expected_total", 200));

        for (String key : List.of(StatusKeys.page(SLUG), StatusKeys.INDEX_PAGE)) {
            assertThat(text(key)).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;");
        }
    }

    @Test
    void oneFailedWriteDoesNotStopTheOthers() {
        S3StatusStore real = new S3StatusStore(s3);
        StatusStore failingDetailPage = new StatusStore() {
            @Override
            public java.util.Optional<String> read(String b, String key) {
                return real.read(b, key);
            }

            @Override
            public void write(String b, String key, String body, String contentType) {
                if (key.equals(StatusKeys.page(SLUG))) {
                    throw new IllegalStateException("simulated PutObject failure");
                }
                real.write(b, key, body, contentType);
            }

            @Override
            public List<String> keys(String b, String prefix) {
                return real.keys(b, prefix);
            }
        };
        putImages(0, 1);

        tick(handler(6, failingDetailPage));

        assertThat(progress().count()).isEqualTo(1);
        assertThat(text(StatusKeys.INDEX_PAGE)).contains("ABC25101");
        assertThatThrownBy(() -> text(StatusKeys.page(SLUG))).isInstanceOf(NoSuchKeyException.class);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("writing status/ABC25101.html failed: simulated"));
    }

    @Test
    void rejectsAnEventWithoutABucketAndLogsWhy() {
        ProgressMonitorHandler handler = handler(6);
        Map<String, Object> event = LambdaEvents.load("progress-tick-minimal.json", Map.of("project_slug", "bad slug!"));

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid project slug");
        assertThat(log).singleElement().satisfies(line -> assertThat(line).contains("\"level\":\"ERROR\"", "tick failed"));
    }
}

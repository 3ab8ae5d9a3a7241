package com.rmi360.monitor.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.Fault;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.MutableClock;
import com.rmi360.testing.S3Operation;
import com.rmi360.testing.S3ProxyServer;
import com.rmi360.testing.S3Request;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The ProgressMonitor (the Lambda's tick, with the production S3 client: url-connection, default
 * retries) under S3 faults injected by {@link FaultProxy} between it and S3Proxy. Setup and every
 * check go straight to S3Proxy, never through the proxy.
 */
class ProgressMonitorFaultsIT {

    private static final String SLUG = "FLT2611";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client direct;
    private static FaultProxy proxy;
    private static S3Client viaProxy;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final List<String> disableCalls = new ArrayList<>();
    private String bucket;
    private int images;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        direct = server.client();
        proxy = FaultProxy.start(server.endpoint(), FaultPlan.none(), 2611);
        viaProxy = new AwsClients(S3ProxyServer.REGION, proxy.endpoint(), server.credentials()).s3();
    }

    @AfterAll
    static void stop() {
        viaProxy.close();
        proxy.close();
        direct.close();
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        proxy.plan(FaultPlan.none());
        bucket = server.createBucket("monitor-faults-" + BUCKETS.incrementAndGet());
        images = 0;
    }

    private ProgressMonitor monitor() {
        MonitorSettings settings = new MonitorSettings(6, null, null, null, S3ProxyServer.REGION);
        return new ProgressMonitor(new S3ObjectListing(viaProxy), new S3StatusStore(viaProxy),
                (rule, region) -> disableCalls.add(rule), settings, clock);
    }

    private MonitorEvent event(long expected) {
        return MonitorEvent.fromMap(Map.of("project_slug", SLUG, "bucket", bucket, "prefix", SLUG,
                "expected_total", expected, "rule_name", StatusKeys.ruleName(SLUG), "region", S3ProxyServer.REGION));
    }

    private void addImages(int n) {
        IntStream.range(images, images + n).parallel().forEach(i -> direct.putObject(
                b -> b.bucket(bucket).key(SLUG + "/d" + (i % 4) + "/IMG_" + i + ".jpg"), RequestBody.fromBytes(new byte[10])));
        images += n;
    }

    private Optional<String> text(String key) {
        try {
            return Optional.of(direct.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private ProgressDocument progress() {
        return ProgressCodec.decode(text(StatusKeys.progress(SLUG)).orElseThrow());
    }

    private List<String> corruptCopies() {
        return direct.listObjectsV2(b -> b.bucket(bucket).prefix(StatusKeys.PROGRESS_PREFIX)).contents().stream()
                .map(S3Object::key).filter(k -> k.contains(".corrupt-")).toList();
    }

    /** One tick five minutes after the last; whatever it throws fails the test. */
    private TickReport tick(long expected) {
        clock.advance(Duration.ofMinutes(5));
        return monitor().tick(event(expected));
    }

    /**
     * One tick five minutes after the last, under faults that may make it fail: its report, or the
     * SDK error (or short read) an injected fault turned into. Anything else it throws is a bug and
     * propagates, failing the test.
     */
    private Outcome tickUnderFaults(long expected) {
        try {
            return new Outcome(tick(expected), null);
        } catch (SdkException | S3StatusStore.ShortReadException e) {
            return new Outcome(null, e);
        }
    }

    /** A tick's report, or the fault-born exception that stopped it (exactly one is non-null). */
    private record Outcome(TickReport report, RuntimeException failure) {
        boolean failed() {
            return failure != null;
        }
    }

    @Test
    void throttledListingNeverLeavesTheJsonInconsistentAndAFailedTickWritesNothing() {
        addImages(1_100); // two ListObjectsV2 pages
        tick(5_000);
        assertThat(progress().count()).isEqualTo(1_100);

        // Every listing throttled: the tick fails with the SlowDown error and writes nothing at all.
        proxy.plan(FaultPlan.builder().rate(Fault.SLOW_DOWN, 1.0)
                .only(S3Request.operation(S3Operation.LIST_OBJECTS_V2), "ListObjectsV2").build());
        addImages(50);
        String json = text(StatusKeys.progress(SLUG)).orElseThrow();
        String page = text(StatusKeys.page(SLUG)).orElseThrow();
        String index = text(StatusKeys.INDEX_PAGE).orElseThrow();
        Outcome throttled = tickUnderFaults(5_000);
        assertThat(throttled.failed()).isTrue();
        assertThat(throttled.failure()).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
        });
        assertThat(text(StatusKeys.progress(SLUG))).contains(json);
        assertThat(text(StatusKeys.page(SLUG))).contains(page);
        assertThat(text(StatusKeys.INDEX_PAGE)).contains(index);

        // 30 % of listings throttled: the SDK's retries carry most ticks; whatever happens, the JSON
        // always decodes, its count is the true count after a good tick, and it never goes down.
        proxy.plan(FaultPlan.builder().rate(Fault.SLOW_DOWN, 0.3)
                .only(S3Request.operation(S3Operation.LIST_OBJECTS_V2), "ListObjectsV2").build());
        long before = progress().count();
        int good = 0;
        for (int t = 0; t < 5; t++) {
            addImages(25);
            Outcome outcome = tickUnderFaults(5_000);
            ProgressDocument doc = progress();
            assertThat(doc.count()).isGreaterThanOrEqualTo(before);
            assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
            if (!outcome.failed()) {
                good++;
                assertThat(doc.count()).isEqualTo(images);
                assertThat(outcome.report().count()).isEqualTo(images);
            } else {
                assertThat(outcome.failure()).isInstanceOf(S3Exception.class);
                assertThat(doc.count()).isEqualTo(before);
            }
            before = doc.count();
        }
        assertThat(good).isPositive();
        assertThat(proxy.stats().faults(Fault.SLOW_DOWN)).isGreaterThan(3);
        assertThat(corruptCopies()).isEmpty();
    }

    @Test
    void aFailedPagePutIsReportedAndTheJsonStaysConsistent() {
        addImages(40);

        // The detail page cannot be written: reported, while the JSON and the index are written.
        proxy.plan(FaultPlan.builder().rate(Fault.INTERNAL_ERROR, 1.0)
                .only(S3Request.operation(S3Operation.PUT_OBJECT).and(r -> r.key().equals(StatusKeys.page(SLUG))), "page PUT")
                .build());
        TickReport report = tick(100); // the tick goes on despite the failed page put
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("writing " + StatusKeys.page(SLUG) + " failed"));
        assertThat(progress().count()).isEqualTo(40);
        assertThat(text(StatusKeys.page(SLUG))).isEmpty();
        assertThat(text(StatusKeys.INDEX_PAGE)).hasValueSatisfying(html -> assertThat(html).contains(SLUG));

        // The JSON cannot be written: reported; the pages move on, the JSON keeps the last good state.
        proxy.plan(FaultPlan.builder().rate(Fault.SLOW_DOWN, 1.0)
                .only(S3Request.operation(S3Operation.PUT_OBJECT).and(r -> r.key().equals(StatusKeys.progress(SLUG))), "json PUT")
                .build());
        addImages(10);
        String jsonBefore = text(StatusKeys.progress(SLUG)).orElseThrow();
        report = tick(100);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("writing " + StatusKeys.progress(SLUG) + " failed"));
        assertThat(text(StatusKeys.progress(SLUG))).contains(jsonBefore);
        assertThat(text(StatusKeys.page(SLUG))).hasValueSatisfying(html -> assertThat(html).contains("50 of 100"));

        // Faults gone: the next tick catches up.
        proxy.plan(FaultPlan.none());
        report = tick(100);
        assertThat(report.problems()).isEmpty();
        assertThat(progress().count()).isEqualTo(50);
        assertThat(corruptCopies()).isEmpty();
        assertThat(proxy.stats().upstreamErrors()).isZero();
    }

    @Test
    void completeNeverGoesBackwardsUnderResetsAndErrors() {
        addImages(30);
        tick(30);
        ProgressDocument complete = progress();
        assertThat(complete.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(disableCalls).hasSize(1);

        proxy.plan(FaultPlan.standardMix().rate(Fault.RESET, 0.15).rate(Fault.SLOW_DOWN, 0.15)
                .rate(Fault.INTERNAL_ERROR, 0.10).forwardBeforeError(true).build());
        int failedTicks = 0;
        for (int t = 0; t < 8; t++) {
            if (t % 3 == 0) {
                addImages(1); // late arrivals do not reopen a finished project
            }
            if (tickUnderFaults(30).failed()) {
                failedTicks++;
            }
            ProgressDocument doc = progress();
            assertThat(doc.uploadStatus()).as("tick %d", t).isEqualTo(UploadStatus.COMPLETE);
            assertThat(doc.startTime()).isEqualTo(complete.startTime());
            assertThat(doc.endTime()).isEqualTo(complete.endTime());
            assertThat(doc.count()).isEqualTo(complete.count());
        }
        System.out.printf("ProgressMonitorFaultsIT complete: %d of 8 ticks failed, proxy %s%n", failedTicks, proxy.stats());
        // Every tick that got past reading the document asked for the disable again (the rule still fired).
        assertThat(disableCalls).hasSize(1 + 8 - failedTicks).containsOnly(disableCalls.get(0));
        assertThat(corruptCopies()).isEmpty();
        assertThat(text(StatusKeys.page(SLUG))).hasValueSatisfying(html -> assertThat(html).contains("Complete"));
    }

    @Test
    void aTruncatedReadOfTheProgressFileIsNotTakenForCorruption() {
        addImages(30);
        tick(30);
        ProgressDocument complete = progress();
        assertThat(complete.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);

        // The progress JSON's body is cut after a complete head. The SDK's url-connection transport
        // hands the short body over without an error (see FaultProxyTest), so the store must notice
        // (length vs Content-Length) and fail or retry the read, not start a fresh document.
        proxy.plan(FaultPlan.builder().rate(Fault.TRUNCATE, 1.0).maxFaults(1)
                .only(S3Request.operation(S3Operation.GET_OBJECT).and(r -> r.key().equals(StatusKeys.progress(SLUG))), "progress GET")
                .build());
        tick(30); // the store reads the cut object again: the tick itself succeeds
        assertThat(proxy.stats().faults(Fault.TRUNCATE)).isEqualTo(1);
        ProgressDocument doc = progress();
        assertThat(corruptCopies()).as("a cut read kept aside as corrupt").isEmpty();
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(doc.startTime()).isEqualTo(complete.startTime());
        assertThat(disableCalls).hasSize(2); // the finishing tick, and this one: its rule still fired
    }
}

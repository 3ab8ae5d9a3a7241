package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.scan.FileTask;
import com.rmi360.testing.Fault;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.S3Operation;
import com.rmi360.testing.S3ProxyServer;
import com.rmi360.testing.S3Request;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The small files' PUTs made on the CRT without the SDK ({@link NativePuts}), against S3Proxy: the
 * object S3 keeps (bytes, content type, checksum), a wrong checksum refused, a conditional PUT on an
 * existing key answered 412 as the SDK's S3Exception, and retries counted for the adaptive limit.
 */
class NativePutsIT {

    @TempDir
    Path tmp;

    static final Region REGION = Region.US_EAST_1;

    Path file(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(tmp.resolve(name), bytes);
    }

    static PutObjectRequest put(UploadRequests requests, Path f, String key, boolean conditional) throws Exception {
        FileChecksum sum = FileChecksum.compute(f, ChecksumKind.CRC64NVME, TransferSizes.PART_SIZE, TransferSizes.MULTIPART_THRESHOLD);
        return requests.put(FileTask.found(f, key, Files.size(f), 1), sum, conditional);
    }

    @Test
    void sendsTheFileWithItsChecksumAndTheSdksAnswersForAConditionalPut() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(); S3Client s3 = server.client()) {
            server.createBucket("native");
            Progress progress = new Progress(2, 8192);
            UploadRequests requests = new UploadRequests("native", ChecksumKind.CRC64NVME, b -> b.storageClass("STANDARD_IA"), progress);
            Path f = file("a b.jpg", 4096);
            try (FaultProxy wire = FaultProxy.start(server.endpoint(), FaultPlan.none());
                 NativePuts puts = new NativePuts(REGION, Optional.of(wire.endpoint()), true, false, server.credentials(),
                         Optional.empty(), 8, 2)) {
                PutObjectRequest put = put(requests, f, "p/dir/a b+ü.jpg", true);
                AtomicLong seen = new AtomicLong();
                PutObjectResponse r = puts.start(put, f, 4096, progress, seen).response().join();
                assertThat(r.eTag()).isNotBlank();
                assertThat(progress.bytesSent()).isEqualTo(4096);
                HeadObjectResponse head = s3.headObject(b -> b.bucket("native").key("p/dir/a b+ü.jpg"));
                assertThat(head.contentType()).isEqualTo("image/jpeg");
                assertThat(head.contentLength()).isEqualTo(4096);
                assertThat(s3.getObjectAsBytes(b -> b.bucket("native").key("p/dir/a b+ü.jpg")).asByteArray())
                        .isEqualTo(Files.readAllBytes(f));

                Throwable again = unwrap(catchThrowable(() -> puts.start(put, f, 4096, progress, new AtomicLong()).response().join()));
                assertThat(again).as("If-None-Match: * on an existing key").isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(412));
                assertThat(FileRetry.retryable(again)).isFalse();

                // the headers the SDK sent for such a PUT; the checksum is the file's own value, which S3 checks
                assertThat(wire.requestHeads()).hasSize(2).allSatisfy(h -> assertThat(h)
                        .containsPattern("(?im)^PUT /native/p/dir/a%20b%2B%C3%BC.jpg HTTP/1.1$")
                        .containsPattern("(?im)^x-amz-checksum-crc64nvme: " + java.util.regex.Pattern.quote(put.checksumCRC64NVME()) + "$")
                        .containsPattern("(?im)^If-None-Match: \\*$")
                        .containsPattern("(?im)^x-amz-storage-class: STANDARD_IA$")
                        .containsPattern("(?im)^Authorization: AWS4-HMAC-SHA256 ")
                        .doesNotContainPattern("(?im)^Expect:"));

                PutObjectRequest wrong = put.toBuilder().key("p/wrong.jpg").ifNoneMatch(null)
                        .checksumCRC64NVME(put(requests, file("other.jpg", 4096), "x", false).checksumCRC64NVME()).build();
                Throwable refused = unwrap(catchThrowable(() -> puts.start(wrong, f, 4096, progress, new AtomicLong()).response().join()));
                assertThat(refused).as("S3 refuses bytes that do not match the checksum: %s", refused).isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400)); // BadDigest
                assertThat(s3.listObjectsV2(b -> b.bucket("native").prefix("p/wrong")).contents()).isEmpty();
            }
        }
    }

    @Test
    void countsEachRetriedRequestAndGivesUpWithTheSdksException() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(); S3Client s3 = server.client()) {
            server.createBucket("retried");
            FaultPlan plan = FaultPlan.builder().rate(Fault.SLOW_DOWN, 1.0).only(S3Request.operation(S3Operation.PUT_OBJECT))
                    .maxFaults(2).build();
            Progress progress = new Progress(2, 8192);
            UploadRequests requests = new UploadRequests("retried", ChecksumKind.CRC64NVME, b -> { }, progress);
            Path f = file("a.jpg", 4096);
            try (FaultProxy proxy = FaultProxy.start(server.endpoint(), plan);
                 NativePuts puts = new NativePuts(REGION, Optional.of(proxy.endpoint()), true, false, server.credentials(),
                         Optional.empty(), 8, 3)) {
                puts.start(put(requests, f, "p/a.jpg", false), f, 4096, progress, new AtomicLong()).response().join();
                assertThat(puts.retries()).as("two 503s, then the object").isEqualTo(2);
                assertThat(s3.headObject(b -> b.bucket("retried").key("p/a.jpg")).contentLength()).isEqualTo(4096);

                proxy.plan(FaultPlan.builder().rate(Fault.SLOW_DOWN, 1.0).only(S3Request.operation(S3Operation.PUT_OBJECT)).build());
                Throwable failed = unwrap(catchThrowable(() ->
                        puts.start(put(requests, f, "p/b.jpg", false), f, 4096, progress, new AtomicLong()).response().join()));
                assertThat(failed).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                });
                assertThat(FileRetry.retryable(failed)).as("the file is sent again later").isTrue();
                assertThat(puts.retries()).as("3 more retries").isEqualTo(5);
            }
        }
    }

    @Test
    void theTransportSendsSmallFilesThisWayAndCountsTheirRetries() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            AwsContext ctx = new AwsContext(REGION, Optional.of(server.endpoint()), server.credentials(), "test");
            try (S3Transport crt = S3Transport.create(ctx, 4, 2, false, line -> { });
                 S3Transport java = S3Transport.create(ctx, 4, 2, true, line -> { })) {
                assertThat(crt.singlePuts(TransferSizes.SINGLE_PUT_BELOW - 1)).isNotNull();
                assertThat(crt.singlePuts(TransferSizes.SINGLE_PUT_BELOW)).isNull();
                assertThat(java.singlePuts(1)).as("the Java fallback").isNull();
            }
        }
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}

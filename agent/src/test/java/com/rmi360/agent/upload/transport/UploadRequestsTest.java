package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.scan.FileTask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.TransferObjectRequest;
import software.amazon.awssdk.transfer.s3.model.Upload;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;
import software.amazon.awssdk.transfer.s3.progress.TransferProgressSnapshot;

class UploadRequestsTest {

    final Progress progress = new Progress(1, 100);
    final Path file = Path.of("/src/a.jpg");

    @TempDir
    Path tmp;

    UploadRequests requests(ChecksumKind kind) {
        return new UploadRequests("bucket", kind, b -> b.cacheControl("customized"), progress);
    }

    static FileChecksum sum(ChecksumKind kind, long size) {
        return new FileChecksum(kind, "FULL==", size >= TransferSizes.MULTIPART_THRESHOLD ? "COMPOSITE==-3" : null, size);
    }

    @Test
    void aSinglePutCarriesTheFilesOwnChecksum() {
        UploadFileRequest r = requests(ChecksumKind.CRC64NVME).request(FileTask.found(file, "p/a.jpg", 100, 1),
                sum(ChecksumKind.CRC64NVME, 100), new AtomicLong(), false);
        PutObjectRequest put = r.putObjectRequest();
        assertThat(put.ifNoneMatch()).isNull();
        assertThat(r.source()).isEqualTo(file);
        assertThat(put.bucket()).isEqualTo("bucket");
        assertThat(put.key()).isEqualTo("p/a.jpg");
        assertThat(put.contentType()).isEqualTo("image/jpeg");
        assertThat(put.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC64_NVME);
        assertThat(put.checksumCRC64NVME()).isEqualTo("FULL==");
        assertThat(put.checksumCRC32()).isNull();
        assertThat(put.cacheControl()).isEqualTo("customized");

        PutObjectRequest crc32 = requests(ChecksumKind.CRC32).request(FileTask.found(file, "p/a.jpg", 100, 1),
                sum(ChecksumKind.CRC32, 100), new AtomicLong(), true).putObjectRequest();
        assertThat(crc32.ifNoneMatch()).as("a key the journal does not know is sent only if absent").isEqualTo("*");
        assertThat(crc32.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(crc32.checksumCRC32()).isEqualTo("FULL==");
        assertThat(crc32.checksumCRC64NVME()).isNull();
    }

    @Test
    void aMultipartSizedFileNamesTheAlgorithmButSendsNoValue() {
        long size = TransferSizes.MULTIPART_THRESHOLD;
        PutObjectRequest put = requests(ChecksumKind.CRC64NVME).request(FileTask.found(file, "p/a.jpg", size, 1),
                sum(ChecksumKind.CRC64NVME, size), new AtomicLong(), true).putObjectRequest();
        assertThat(put.ifNoneMatch()).as("multipart-sized: a HEAD check instead").isNull();
        assertThat(put.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC64_NVME);
        assertThat(put.checksumCRC64NVME()).isNull();
        assertThat(put.checksumCRC32()).isNull();
        assertThat(put.cacheControl()).isEqualTo("customized");
    }

    @Test
    void theListenerAddsBytesSentAndRewindTakesAnAttemptsBytesBack() {
        UploadRequests requests = requests(ChecksumKind.CRC64NVME);
        progress.bytesSent.set(1000); // other files
        AtomicLong seen = new AtomicLong();
        TransferListener listener = requests.request(FileTask.found(file, "p/a.jpg", 100, 1),
                sum(ChecksumKind.CRC64NVME, 100), seen, false).transferListeners().get(0);
        listener.bytesTransferred(transferred(30));
        listener.bytesTransferred(transferred(70));
        assertThat(progress.bytesSent()).isEqualTo(1070);
        assertThat(seen.get()).isEqualTo(70);
        requests.rewind(seen);
        assertThat(progress.bytesSent()).isEqualTo(1000);
        assertThat(seen.get()).isZero();
    }

    /** A transfer manager that records what it was asked to upload and returns transfers that never finish. */
    static S3TransferManager recording(List<Object> asked) {
        return (S3TransferManager) Proxy.newProxyInstance(UploadRequestsTest.class.getClassLoader(),
                new Class<?>[] {S3TransferManager.class}, (proxy, method, args) -> {
                    asked.add(args[0]);
                    Class<?> type = method.getReturnType();
                    return Proxy.newProxyInstance(UploadRequestsTest.class.getClassLoader(), new Class<?>[] {type},
                            (p, m, a) -> m.getName().equals("completionFuture") ? new CompletableFuture<>() : null);
                });
    }

    @Test
    void withoutACapTheClientReadsTheFilePathAndWithOneAThrottledBodyOfTheSameLength() throws Exception {
        Path real = Files.write(tmp.resolve("a.jpg"), new byte[5000]);
        FileTask task = FileTask.found(real, "p/a.jpg", 5000, 1);
        List<Object> asked = new ArrayList<>();
        Attempt plain = requests(ChecksumKind.CRC64NVME)
                .start(recording(asked), task, sum(ChecksumKind.CRC64NVME, 5000), new AtomicLong(), false);
        assertThat(asked).singleElement().isInstanceOfSatisfying(UploadFileRequest.class,
                r -> assertThat(r.source()).isEqualTo(real));
        assertThat(plain.transfer()).isInstanceOf(FileUpload.class);

        asked.clear();
        try (BandwidthThrottle throttle = new BandwidthThrottle(1 << 20)) {
            UploadRequests capped = new UploadRequests("bucket", ChecksumKind.CRC64NVME, b -> b.cacheControl("customized"),
                    progress, throttle);
            Attempt attempt = capped.start(recording(asked), task, sum(ChecksumKind.CRC64NVME, 5000),
                    new AtomicLong(), true);
            assertThat(attempt.transfer()).isInstanceOf(Upload.class);
            UploadRequest r = (UploadRequest) asked.get(0);
            assertThat(r.requestBody()).isInstanceOf(ThrottledBody.class);
            assertThat(r.requestBody().contentLength()).contains(5000L);
            assertThat(r.putObjectRequest().contentLength()).isEqualTo(5000L);
            assertThat(r.putObjectRequest().checksumCRC64NVME()).isEqualTo("FULL==");
            assertThat(r.putObjectRequest().ifNoneMatch()).isEqualTo("*");
            assertThat(r.putObjectRequest().cacheControl()).isEqualTo("customized");
            assertThat(r.transferListeners()).hasSize(1);
        }
    }

    static TransferListener.Context.BytesTransferred transferred(long bytes) {
        TransferProgressSnapshot snapshot = new TransferProgressSnapshot() {
            @Override
            public long transferredBytes() {
                return bytes;
            }

            @Override
            public OptionalLong totalBytes() {
                return OptionalLong.empty();
            }

            @Override
            public Optional<SdkResponse> sdkResponse() {
                return Optional.empty();
            }

            @Override
            public OptionalDouble ratioTransferred() {
                return OptionalDouble.empty();
            }

            @Override
            public OptionalLong remainingBytes() {
                return OptionalLong.empty();
            }
        };
        return new TransferListener.Context.BytesTransferred() {
            @Override
            public TransferObjectRequest request() {
                return null;
            }

            @Override
            public TransferProgressSnapshot progressSnapshot() {
                return snapshot;
            }
        };
    }
}

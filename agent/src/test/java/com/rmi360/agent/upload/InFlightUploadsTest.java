package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.transport.TransferSizes;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.ResumableFileUpload;
import software.amazon.awssdk.transfer.s3.progress.TransferProgress;

class InFlightUploadsTest {

    static final long BIG = TransferSizes.MULTIPART_THRESHOLD;

    final Progress progress = new Progress(3, 3 * BIG);
    final InFlightUploads inFlight = new InFlightUploads(progress);
    final StringWriter err = new StringWriter();

    record FakeUpload(CompletableFuture<CompletedFileUpload> completionFuture) implements FileUpload {
        FakeUpload() {
            this(new CompletableFuture<>());
        }

        @Override
        public ResumableFileUpload pause() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TransferProgress progress() {
            throw new UnsupportedOperationException();
        }
    }

    /** Lists the multipart uploads given (by prefix, one page) and records the aborts; {@code fail} makes listing throw. */
    static final class FakeS3 implements S3Client {
        final List<MultipartUpload> uploads = new ArrayList<>();
        final List<String> listed = new ArrayList<>();
        final List<String> aborted = new ArrayList<>();
        boolean fail;

        @Override
        public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest r) {
            listed.add(r.prefix());
            if (fail) {
                throw S3Exception.builder().statusCode(403).message("Access Denied\nmore detail").build();
            }
            return ListMultipartUploadsResponse.builder().isTruncated(false)
                    .uploads(uploads.stream().filter(u -> u.key().startsWith(r.prefix())).toList()).build();
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest r) {
            aborted.add(r.bucket() + "/" + r.key() + "#" + r.uploadId());
            return AbortMultipartUploadResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    static MultipartUpload upload(String key, String id) {
        return MultipartUpload.builder().key(key).uploadId(id).build();
    }

    @Test
    void bytesCountAsInFlightUntilRemoved() {
        InFlightUploads.Entry a = inFlight.add("p/a.jpg", 10);
        InFlightUploads.Entry b = inFlight.add("p/b.jpg", BIG);
        assertThat(progress.bytesInFlight()).isEqualTo(10 + BIG);
        inFlight.remove(b);
        assertThat(progress.bytesInFlight()).isEqualTo(10);
        inFlight.remove(a);
        assertThat(progress.bytesInFlight()).isZero();
    }

    @Test
    void cancelAllCancelsStartedUploadsAndLeftoversAreAbortedForMultipartSizedKeysOnly() {
        FakeUpload small = new FakeUpload();
        FakeUpload big = new FakeUpload();
        inFlight.add("p/small.jpg", BIG - 1).upload = small;
        inFlight.add("p/big.jpg", BIG).upload = big;
        inFlight.add("p/hashing.jpg", BIG); // no upload started yet
        inFlight.cancelAll();
        assertThat(small.completionFuture().isCancelled()).isTrue();
        assertThat(big.completionFuture().isCancelled()).isTrue();

        FakeS3 s3 = new FakeS3();
        s3.uploads.add(upload("p/big.jpg", "1"));
        s3.uploads.add(upload("p/big.jpg.other", "2")); // listed by the prefix, but another key
        s3.uploads.add(upload("p/hashing.jpg", "3"));
        s3.uploads.add(upload("p/small.jpg", "4"));
        inFlight.abortLeftovers(s3, "b", new PrintWriter(err, true));
        assertThat(s3.listed).containsExactlyInAnyOrder("p/big.jpg", "p/hashing.jpg");
        assertThat(s3.aborted).containsExactlyInAnyOrder("b/p/big.jpg#1", "b/p/hashing.jpg#3");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutACancelNothingIsAborted() {
        inFlight.add("p/big.jpg", BIG);
        FakeS3 s3 = new FakeS3();
        s3.uploads.add(upload("p/big.jpg", "1"));
        inFlight.abortLeftovers(s3, "b", new PrintWriter(err, true));
        assertThat(s3.listed).isEmpty();
        assertThat(s3.aborted).isEmpty();
    }

    @Test
    void aRefusedListingIsOneWarningAndEndsTheAborts() {
        inFlight.add("p/big1.jpg", BIG);
        inFlight.add("p/big2.jpg", BIG);
        inFlight.cancelAll();
        FakeS3 s3 = new FakeS3();
        s3.fail = true;
        inFlight.abortLeftovers(s3, "b", new PrintWriter(err, true));
        assertThat(s3.listed).hasSize(1);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .matches("warning: could not abort the incomplete multipart upload of p/big[12]\\.jpg \\(Access Denied\\); "
                        + "the bucket's lifecycle rule removes incomplete uploads"));
    }
}

package com.rmi360.agent.upload.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.scan.FileTask;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.Upload;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * The request for one attempt at a file (through the Transfer Manager, or, for a small file, as a
 * plain PutObject: {@link TransferSizes#SINGLE_PUT_BELOW}): bucket, key, content type, the checksum
 * algorithm and, for a single PUT, the file's own checksum value; its listener adds the bytes sent
 * to {@link Progress}, and {@link #rewind} takes them back when the attempt is retried. With a
 * bandwidth cap ({@link BandwidthThrottle}), {@link #start} sends the file as a throttled body;
 * without one, as a file path the client reads natively (no cost).
 */
public final class UploadRequests {

    private final String bucket;
    private final ChecksumKind kind;
    private final ObjLongConsumer<PutObjectRequest.Builder> customizer;
    private final Progress progress;
    private final BandwidthThrottle throttle;

    /** @param customizer last touches to every PutObject, whatever the file's size */
    UploadRequests(String bucket, ChecksumKind kind, Consumer<PutObjectRequest.Builder> customizer, Progress progress) {
        this(bucket, kind, customizer, progress, null);
    }

    /** @param throttle the run's bandwidth cap, or null for none */
    UploadRequests(String bucket, ChecksumKind kind, Consumer<PutObjectRequest.Builder> customizer, Progress progress,
                   BandwidthThrottle throttle) {
        this(bucket, kind, (put, size) -> customizer.accept(put), progress, throttle);
    }

    /**
     * @param customizer last touches to every PutObject, given the file's size (see {@link S3Transport#customize})
     * @param throttle   the run's bandwidth cap, or null for none
     */
    public UploadRequests(String bucket, ChecksumKind kind, ObjLongConsumer<PutObjectRequest.Builder> customizer, Progress progress,
                   BandwidthThrottle throttle) {
        this.bucket = bucket;
        this.kind = kind;
        this.customizer = customizer;
        this.progress = progress;
        this.throttle = throttle;
    }

    /**
     * Starts one attempt at a file on {@code transport}: below {@link TransferSizes#SINGLE_PUT_BELOW}
     * bytes as one PutObject without the SDK ({@link NativePuts}) when it can and there is no bandwidth
     * cap (the CRT reads the file itself: no throttled body), else through its Transfer Manager.
     */
    public Attempt start(S3Transport transport, FileTask t, FileChecksum sum, AtomicLong seen, boolean conditional) {
        NativePuts single = throttle == null ? transport.singlePuts(t.size()) : null;
        return single == null ? start(transport.transferManager(), t, sum, seen, conditional)
                : single.start(put(t, sum, conditional), t.file(), t.size(), progress, seen);
    }

    /**
     * Starts one attempt at a file through the Transfer Manager ({@link #request}): from the file path, or, under a bandwidth cap,
     * from a body whose bytes the throttle releases (same bytes, same content length, same checksums).
     */
    Attempt start(S3TransferManager tm, FileTask t, FileChecksum sum, AtomicLong seen, boolean conditional) {
        UploadFileRequest file = request(t, sum, seen, conditional);
        if (throttle == null) {
            FileUpload upload = tm.uploadFile(file);
            return new Attempt(upload, upload.completionFuture().thenApply(CompletedFileUpload::response));
        }
        AsyncRequestBody body = ThrottledBody.of(t.file(), throttle);
        Upload upload = tm.upload(UploadRequest.builder()
                .putObjectRequest(file.putObjectRequest().toBuilder().contentLength(body.contentLength().orElse(t.size())).build())
                .requestBody(body).transferListeners(file.transferListeners()).build());
        return new Attempt(upload, upload.completionFuture().thenApply(CompletedUpload::response));
    }

    /**
     * The Transfer Manager's request: the file's PutObject ({@link #put}) and a listener counting its bytes.
     *
     * @param seen bytes this attempt's listener has counted so far (starts at 0)
     */
    UploadFileRequest request(FileTask t, FileChecksum sum, AtomicLong seen, boolean conditional) {
        TransferListener listener = new TransferListener() {
            @Override
            public void bytesTransferred(Context.BytesTransferred context) {
                long now = context.progressSnapshot().transferredBytes();
                progress.bytesSent.addAndGet(now - seen.getAndSet(now));
            }
        };
        return UploadFileRequest.builder().source(t.file()).putObjectRequest(put(t, sum, conditional)).addTransferListener(listener).build();
    }

    /**
     * The PutObject for a file, whichever client sends it.
     *
     * @param conditional send {@code If-None-Match: *} on a single PUT: S3 answers 412 instead of
     *                    replacing an existing object. Not on multipart-sized files: the CRT puts the
     *                    header on CreateMultipartUpload, where S3Proxy refuses it (see
     *                    ConditionalWriteIT); those are checked with a HEAD first ({@link FilePipeline})
     */
    PutObjectRequest put(FileTask t, FileChecksum sum, boolean conditional) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(t.key())
                .contentType("image/jpeg").checksumAlgorithm(kind.algorithm());
        boolean single = t.size() < TransferSizes.MULTIPART_THRESHOLD;
        if (single) {
            // One PUT: send our own value, so S3 rejects the object unless the bytes it got match the file.
            if (sum.kind() == ChecksumKind.CRC64NVME) {
                put.checksumCRC64NVME(sum.full());
            } else {
                put.checksumCRC32(sum.full());
            }
        }
        if (conditional && single) {
            put.ifNoneMatch("*");
        }
        customizer.accept(put, t.size());
        return put.build();
    }

    /** Takes the bytes an attempt's listener counted ({@code seen}) back off the progress, before a retry. */
    public void rewind(AtomicLong seen) {
        progress.bytesSent.addAndGet(-seen.getAndSet(0));
    }
}

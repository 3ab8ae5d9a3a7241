package com.rmi360.agent.upload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * The Transfer Manager request for one attempt at a file: bucket, key, content type, the checksum
 * algorithm and, for a single PUT, the file's own checksum value; its listener adds the bytes sent
 * to {@link Progress}, and {@link #rewind} takes them back when the attempt is retried.
 */
final class UploadRequests {

    private final String bucket;
    private final ChecksumKind kind;
    private final ObjLongConsumer<PutObjectRequest.Builder> customizer;
    private final Progress progress;

    /** @param customizer last touches to every PutObject, whatever the file's size */
    UploadRequests(String bucket, ChecksumKind kind, Consumer<PutObjectRequest.Builder> customizer, Progress progress) {
        this(bucket, kind, (put, size) -> customizer.accept(put), progress);
    }

    /** @param customizer last touches to every PutObject, given the file's size (see {@link S3Transport#customize}) */
    UploadRequests(String bucket, ChecksumKind kind, ObjLongConsumer<PutObjectRequest.Builder> customizer, Progress progress) {
        this.bucket = bucket;
        this.kind = kind;
        this.customizer = customizer;
        this.progress = progress;
    }

    /**
     * @param seen        bytes this attempt's listener has counted so far (starts at 0)
     * @param conditional send {@code If-None-Match: *} on a single PUT: S3 answers 412 instead of
     *                    replacing an existing object. Not on multipart-sized files: the CRT puts the
     *                    header on CreateMultipartUpload, where S3Proxy refuses it (see
     *                    ConditionalWriteIT); those are checked with a HEAD first ({@link FilePipeline})
     */
    UploadFileRequest request(FileTask t, FileChecksum sum, AtomicLong seen, boolean conditional) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(t.key())
                .contentType("image/jpeg").checksumAlgorithm(kind.algorithm());
        if (t.size() < S3Transport.MULTIPART_THRESHOLD) {
            // One PUT: send our own value, so S3 rejects the object unless the bytes it got match the file.
            if (sum.kind() == ChecksumKind.CRC64NVME) {
                put.checksumCRC64NVME(sum.full());
            } else {
                put.checksumCRC32(sum.full());
            }
        }
        if (conditional && t.size() < S3Transport.MULTIPART_THRESHOLD) {
            put.ifNoneMatch("*");
        }
        customizer.accept(put, t.size());
        TransferListener listener = new TransferListener() {
            @Override
            public void bytesTransferred(Context.BytesTransferred context) {
                long now = context.progressSnapshot().transferredBytes();
                progress.bytesSent.addAndGet(now - seen.getAndSet(now));
            }
        };
        return UploadFileRequest.builder().source(t.file()).putObjectRequest(put.build()).addTransferListener(listener).build();
    }

    /** Takes the bytes an attempt's listener counted ({@code seen}) back off the progress, before a retry. */
    void rewind(AtomicLong seen) {
        progress.bytesSent.addAndGet(-seen.getAndSet(0));
    }
}

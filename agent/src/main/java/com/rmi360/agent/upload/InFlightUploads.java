package com.rmi360.agent.upload;

import static com.rmi360.agent.error.Errors.firstLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.transport.TransferSizes;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.model.ObjectTransfer;

/**
 * The files being sent right now (their bytes count as in flight on {@link Progress}). On cancel,
 * {@link #cancelAll()} cancels their uploads (the client aborts their multipart uploads) and
 * remembers the multipart-sized keys, whose leftovers {@link #abortLeftovers} aborts explicitly.
 * Thread-safe.
 */
final class InFlightUploads {

    /** One file in flight; its current attempt's upload once started. */
    static final class Entry {
        final String key;
        final long size;
        volatile ObjectTransfer upload;

        Entry(String key, long size) {
            this.key = key;
            this.size = size;
        }
    }

    private final Progress progress;
    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();
    /** Keys of multipart-sized files that were in flight when the run was cancelled. */
    private final Set<String> abortCandidates = ConcurrentHashMap.newKeySet();

    InFlightUploads(Progress progress) {
        this.progress = progress;
    }

    Entry add(String key, long size) {
        Entry e = new Entry(key, size);
        entries.add(e);
        progress.bytesInFlight.addAndGet(size);
        return e;
    }

    void remove(Entry e) {
        entries.remove(e);
        progress.bytesInFlight.addAndGet(-e.size);
    }

    /** Cancels every upload in flight (the client aborts their multipart uploads). */
    void cancelAll() {
        for (Entry f : entries) {
            ObjectTransfer u = f.upload;
            if (f.size >= TransferSizes.MULTIPART_THRESHOLD) {
                abortCandidates.add(f.key);
            }
            if (u != null) {
                u.completionFuture().cancel(true);
            }
        }
    }

    /** After a cancel: aborts multipart uploads left under the keys that were in flight; the first failure ends it with a warning. */
    void abortLeftovers(S3Client s3, String bucket, PrintWriter err) {
        if (abortCandidates.isEmpty()) {
            return;
        }
        List<String> candidateKeys = new ArrayList<>(abortCandidates);
        for (String key : candidateKeys) {
            try {
                s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads().forEach(u -> {
                    if (u.key().equals(key)) {
                        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(u.uploadId()));
                    }
                });
            } catch (SdkException e) {
                err.println("warning: could not abort the incomplete multipart upload of " + key + " ("
                        + firstLine(e.getMessage()) + "); the bucket's lifecycle rule removes incomplete uploads");
                return;
            }
        }
    }
}

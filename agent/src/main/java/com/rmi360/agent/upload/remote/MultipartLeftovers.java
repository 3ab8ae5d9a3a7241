package com.rmi360.agent.upload.remote;

import static com.rmi360.agent.error.Errors.firstLine;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts incomplete multipart uploads the agent left under its prefix (a run killed with SIGKILL
 * never gets to abort its own). Listed before a run starts any upload, so everything listed then
 * is a leftover: the agent owns the project's prefix. Needs s3:ListBucketMultipartUploads and
 * s3:AbortMultipartUpload, which the seed policy lacks: AccessDenied is one warning, and the
 * bucket's lifecycle rule (Terraform) removes incomplete uploads after a few days instead.
 *
 * <p>{@link #list} and {@link #abort} are apart so that the listing can run beside the preflight
 * (one round trip less before the first PUT) while the aborts wait for the preflight to pass.
 */
public final class MultipartLeftovers {

    private final String bucket;
    private final String prefix;
    private final List<MultipartUpload> uploads;
    private final SdkException failure;
    private final Instant listedAt;

    private MultipartLeftovers(String bucket, String prefix, List<MultipartUpload> uploads, SdkException failure,
                               Instant listedAt) {
        this.listedAt = listedAt;
        this.bucket = bucket;
        this.prefix = prefix;
        this.uploads = uploads;
        this.failure = failure;
    }

    /**
     * Lists the incomplete uploads under {@code prefix}; call it before this run starts any. A failure
     * is kept for {@link #abort} to report, so a listing that fails with the preflight prints nothing.
     */
    public static MultipartLeftovers list(S3Client s3, String bucket, String prefix) {
        Instant now = Instant.now();
        try {
            return new MultipartLeftovers(bucket, prefix,
                    s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads().stream().toList(), null, now);
        } catch (SdkException e) {
            return new MultipartLeftovers(bucket, prefix, List.of(), e, now);
        }
    }

    /**
     * Aborts the listed uploads initiated before the listing started (plus 1 s for the server's clock:
     * the listing ended before this run started any upload, the bound is only a second safety), or
     * prints the one warning of a failed listing or abort; returns how many were aborted.
     */
    public int abort(S3Client s3, Consumer<String> warnings) {
        int aborted = 0;
        try {
            if (failure != null) {
                throw failure;
            }
            for (MultipartUpload u : uploads) {
                if (u.initiated() == null || u.initiated().isBefore(listedAt.plusSeconds(1))) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                    aborted++;
                }
            }
        } catch (SdkException e) {
            warnings.accept("warning: incomplete multipart uploads under s3://" + bucket + "/" + prefix
                    + " not checked (" + firstLine(e.getMessage())
                    + "); the bucket's lifecycle rule removes them");
        }
        return aborted;
    }
}

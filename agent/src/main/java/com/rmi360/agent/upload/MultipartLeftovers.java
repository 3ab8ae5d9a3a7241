package com.rmi360.agent.upload;

import static com.rmi360.agent.error.Errors.firstLine;

import java.time.Instant;
import java.util.function.Consumer;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts incomplete multipart uploads the agent left under its prefix (a run killed with SIGKILL
 * never gets to abort its own). Called before a run starts any upload, so everything listed then
 * is a leftover: the agent owns the project's prefix. Needs s3:ListBucketMultipartUploads and
 * s3:AbortMultipartUpload, which the seed policy lacks: AccessDenied is one warning, and the
 * bucket's lifecycle rule (Terraform) removes incomplete uploads after a few days instead.
 */
public final class MultipartLeftovers {

    private MultipartLeftovers() {
    }

    /** Aborts uploads under {@code prefix} initiated before {@code before}; returns how many. */
    public static int abortOlderThan(S3Client s3, String bucket, String prefix, Instant before, Consumer<String> warnings) {
        int aborted = 0;
        try {
            for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                if (u.initiated() == null || u.initiated().isBefore(before.plusSeconds(1))) {
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

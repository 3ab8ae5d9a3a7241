package com.rmi360.monitor.aws;

import java.util.function.Consumer;

import com.rmi360.monitor.model.ObjectEntry;
import com.rmi360.monitor.model.ObjectListing;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectListing} on S3 ListObjectsV2, following continuation tokens (1,000 keys a page). */
public final class S3ObjectListing implements ObjectListing {

    private final S3Client s3;

    public S3ObjectListing(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public int list(String bucket, String prefix, Consumer<ObjectEntry> sink) {
        int calls = 0;
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).continuationToken(token);
            if (prefix != null && !prefix.isEmpty()) {
                request.prefix(prefix);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            calls++;
            for (S3Object object : page.contents()) {
                sink.accept(new ObjectEntry(object.key(), object.size() == null ? 0 : object.size(), object.lastModified()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return calls;
    }
}

package com.rmi360.monitor.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.rmi360.monitor.model.StatusStore;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link StatusStore} on S3: UTF-8 text, the given Content-Type and {@code Cache-Control: no-cache}. */
public final class S3StatusStore implements StatusStore {

    /** Sent with every write: the pages and JSON are served straight from the bucket. */
    public static final String CACHE_CONTROL = "no-cache";

    private final S3Client s3;

    public S3StatusStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<String> read(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void write(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(CACHE_CONTROL),
                RequestBody.fromString(body));
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        new S3ObjectListing(s3).list(bucket, prefix, entry -> keys.add(entry.key()));
        return keys;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}

package com.rmi360.monitor.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.rmi360.monitor.model.StatusStore;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link StatusStore} on S3: UTF-8 text, the given Content-Type and {@code Cache-Control: no-cache}. */
public final class S3StatusStore implements StatusStore {

    /** Sent with every write: the pages and JSON are served straight from the bucket. */
    public static final String CACHE_CONTROL = "no-cache";
    static final int READ_ATTEMPTS = 3;

    private final S3Client s3;

    /** @param s3 built with {@link #plainBodies} in its service configuration */
    public S3StatusStore(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * The setting a client needs for this store's writes: chunked encoding off. A document then goes as
     * one plain body, its checksum (CRC32, which S3 checks) in a header. With it on (the SDK's default)
     * the body goes aws-chunked, each chunk's header and the checksum trailer written apart, and S3Proxy
     * (local mode) answered before the last bytes and closed the connection: the client's last write
     * failed ("Error writing request body to server", all 3 attempts), in 6 of 20 monitor ticks on a
     * busy machine. Against AWS, over HTTPS, the body is unsigned either way; only the framing changes.
     */
    public static S3Configuration.Builder plainBodies(S3Configuration.Builder settings) {
        return settings.chunkedEncodingEnabled(false);
    }

    /**
     * Reads the object, with the SDK's checksum validation on and a length check: a body shorter
     * than its {@code Content-Length} (a connection cut mid-body, which the url-connection transport
     * does not report), or one that does not match the checksum stored with the object (the SDK's
     * validation fails it, as not retryable), is read again, up to {@value #READ_ATTEMPTS} times, then
     * fails; it is never handed over as if it were the whole object.
     */
    @Override
    public Optional<String> read(String bucket, String key) {
        return readVersioned(bucket, key).map(Versioned::text);
    }

    /** As {@link #read}, with the object's ETag as the version. */
    @Override
    public Optional<Versioned> readVersioned(String bucket, String key) {
        try {
            for (int attempt = 1; ; attempt++) {
                String damage;
                try {
                    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                            .checksumMode(ChecksumMode.ENABLED));
                    Long expected = object.response().contentLength();
                    byte[] body = object.asByteArrayUnsafe();
                    if (expected == null || expected == body.length) {
                        return Optional.of(new Versioned(new String(body, StandardCharsets.UTF_8), object.response().eTag()));
                    }
                    damage = "got " + body.length + " of " + expected + " bytes";
                } catch (SdkClientException e) {
                    if (!checksumMismatch(e)) {
                        throw e;
                    }
                    damage = "the body did not match its checksum";
                }
                if (attempt == READ_ATTEMPTS) {
                    throw new ShortReadException("s3://" + bucket + "/" + key + ": " + damage + " in " + READ_ATTEMPTS + " attempts");
                }
            }
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

    /** PutObject with {@code If-Match: <version>}, or {@code If-None-Match: *} when version is null. */
    @Override
    public boolean writeIfUnchanged(String bucket, String key, String body, String contentType, String version) {
        try {
            s3.putObject(b -> {
                b.bucket(bucket).key(key).contentType(contentType).cacheControl(CACHE_CONTROL);
                if (version == null) {
                    b.ifNoneMatch("*");
                } else {
                    b.ifMatch(version);
                }
            }, RequestBody.fromString(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        new S3ObjectListing(s3).list(bucket, prefix, entry -> keys.add(entry.key()));
        return keys;
    }

    /** A GET whose body kept arriving shorter than its Content-Length, or not matching its checksum. */
    public static final class ShortReadException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ShortReadException(String message) {
            super(message);
        }
    }

    /** The SDK's flexible-checksum validation failed the body (it names no type of its own for that). */
    private static boolean checksumMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Data read has a different checksum than expected")) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}

package com.rmi360.monitor.model;

import java.util.List;
import java.util.Optional;

/**
 * Port: small text objects in the bucket's {@code status/} area. Implemented by
 * {@code com.rmi360.monitor.aws.S3StatusStore}. Writes must send the given {@code Content-Type}
 * and {@code Cache-Control: no-cache}, since the pages are served straight from S3.
 */
public interface StatusStore {

    /** Content type of the progress and heartbeat JSON. */
    String JSON = "application/json; charset=utf-8";
    /** Content type of the pages. */
    String HTML = "text/html; charset=utf-8";

    /**
     * The object's text (UTF-8), or empty if there is no such key.
     *
     * @throws RuntimeException on any other failure
     */
    Optional<String> read(String bucket, String key);

    /**
     * Creates or replaces the object.
     *
     * @throws RuntimeException on failure
     */
    void write(String bucket, String key, String body, String contentType);

    /**
     * The object's text and version (S3: its ETag), or empty if there is no such key. By default
     * the version is unknown (null).
     *
     * @throws RuntimeException on any other failure
     */
    default Optional<Versioned> readVersioned(String bucket, String key) {
        return read(bucket, key).map(text -> new Versioned(text, null));
    }

    /**
     * Creates or replaces the object only if nobody wrote it since {@code version} was read (S3: a
     * PutObject with {@code If-Match}; {@code If-None-Match: *} when {@code version} is null, i.e.
     * only if it still does not exist). Of two writers that read the same version, at most one
     * succeeds.
     *
     * @return false if another writer got there first (S3 answers 412, or 409 for a concurrent
     *         conditional write); nothing was written then
     * @throws RuntimeException on any other failure
     * @throws UnsupportedOperationException by default: the store cannot write conditionally
     */
    default boolean writeIfUnchanged(String bucket, String key, String body, String contentType, String version) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write conditionally");
    }

    /**
     * Keys starting with {@code prefix} (all pages), e.g. {@link StatusKeys#PROGRESS_PREFIX}.
     *
     * @throws RuntimeException on failure
     */
    List<String> keys(String bucket, String prefix);

    /**
     * An object's text and the version it was read at.
     *
     * @param version opaque (S3: the ETag, quotes included); null when unknown
     */
    record Versioned(String text, String version) {
    }
}

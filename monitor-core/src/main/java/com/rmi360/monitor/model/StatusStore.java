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
     * Keys starting with {@code prefix} (all pages), e.g. {@link StatusKeys#PROGRESS_PREFIX}.
     *
     * @throws RuntimeException on failure
     */
    List<String> keys(String bucket, String prefix);
}

package com.rmi360.monitor.model;

import java.util.function.Consumer;

/**
 * Port: lists every object under a prefix (S3 ListObjectsV2, all pages). Implemented by
 * {@code com.rmi360.monitor.aws.S3ObjectListing}.
 */
@FunctionalInterface
public interface ObjectListing {

    /**
     * Hands every object whose key starts with {@code prefix} to {@code sink}, in any order.
     *
     * @param prefix may be empty (whole bucket)
     * @return the number of list requests made (for the tick log)
     * @throws RuntimeException if listing fails; the tick then fails without writing anything
     */
    int list(String bucket, String prefix, Consumer<ObjectEntry> sink);
}

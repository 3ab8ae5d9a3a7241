package com.rmi360.agent.upload.remote;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects under the upload prefix as ListObjectsV2 reports them (key → size and ETag), for
 * {@code --verify-remote}: a journal entry counts only if its object is really there, and a file
 * with no journal entry whose object has the same size is checked (MD5 ETag or the S3 checksum)
 * and, when it matches, recorded instead of sent again.
 */
public final class RemoteState {

    /** One listed object. */
    public record Remote(long size, String etag) {
    }

    private final Map<String, Remote> objects;
    private final boolean heal;

    private RemoteState(Map<String, Remote> objects, boolean heal) {
        this.objects = objects;
        this.heal = heal;
    }

    /**
     * Lists every object under {@code listPrefix} (all pages).
     *
     * @param heal also let matching objects stand in for missing journal lines (--verify-remote);
     *             false only checks that journaled objects still exist (after a damaged journal)
     */
    public static RemoteState list(S3Client s3, String bucket, String listPrefix, boolean heal) {
        Map<String, Remote> map = new HashMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listPrefix)).contents()) {
            map.put(o.key(), new Remote(o.size(), o.eTag() == null ? "" : o.eTag().replace("\"", "")));
        }
        return new RemoteState(map, heal);
    }

    /** True when matching objects may replace missing journal lines. */
    public boolean heals() {
        return heal;
    }

    public Remote get(String key) {
        return objects.get(key);
    }

    public boolean contains(String key) {
        return objects.containsKey(key);
    }

    public int size() {
        return objects.size();
    }
}

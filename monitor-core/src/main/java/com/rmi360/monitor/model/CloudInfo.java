package com.rmi360.monitor.model;

/** The legacy {@code cloud_info} block: where the images go. Any field may be null. */
public record CloudInfo(String bucket, String prefix, String region) {

    /** All fields null. */
    public static final CloudInfo EMPTY = new CloudInfo(null, null, null);
}

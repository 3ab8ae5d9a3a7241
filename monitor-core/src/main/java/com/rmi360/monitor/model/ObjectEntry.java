package com.rmi360.monitor.model;

import java.time.Instant;

/** One listed object: key, size in bytes and last-modified time (may be null). */
public record ObjectEntry(String key, long size, Instant lastModified) {
}

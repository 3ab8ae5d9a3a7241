package com.rmi360.monitor.model;

import java.time.Instant;

/**
 * What one listing found: the number of image objects, their total size, and the earliest
 * last-modified time among them (null when none).
 */
public record ImageCount(long count, long bytes, Instant earliest) {
}

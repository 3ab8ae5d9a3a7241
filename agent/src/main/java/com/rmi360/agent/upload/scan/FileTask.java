package com.rmi360.agent.upload.scan;

import java.nio.file.Path;

/**
 * One image on its way through the pipeline: the file, its key, the size and modification time
 * (epoch ms) the walk saw, and when its upload started ({@link System#nanoTime()}; 0 until
 * {@link #started()}).
 */
public record FileTask(Path file, String key, long size, long mtime, long startNanos) {

    /** An image as the walk found it, not started. */
    public static FileTask found(Path file, String key, long size, long mtime) {
        return new FileTask(file, key, size, mtime, 0);
    }

    /** This image, its upload starting now. */
    public FileTask started() {
        return new FileTask(file, key, size, mtime, System.nanoTime());
    }

    /** Seconds since {@link #started()}. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

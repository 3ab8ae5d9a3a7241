package com.rmi360.agent.journal;

import java.util.Objects;

/**
 * One object known to be in the bucket exactly as the local file was when it was sent: the key,
 * the file's size and modification time (epoch milliseconds) at upload, and the checksum S3
 * confirmed, written {@code ALGORITHM:base64} (e.g. {@code CRC64NVME:AAAAAAAAAAA=}).
 */
public record JournalEntry(String key, long size, long mtimeMillis, String checksum) {

    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** True when a local file with this size and mtime is the file this entry describes. */
    public boolean matches(long fileSize, long fileMtimeMillis) {
        return size == fileSize && mtimeMillis == fileMtimeMillis;
    }
}

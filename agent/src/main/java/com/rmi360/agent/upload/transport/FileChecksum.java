package com.rmi360.agent.upload.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Checksum;

/**
 * A file's checksum computed locally in one read: the full-object value, and the composite value
 * S3 reports for a multipart upload with {@code partSize} parts (the checksum of the concatenated
 * part checksums, suffixed {@code -<parts>}), so either form S3 returns can be checked.
 *
 * @param full      base64 full-object checksum
 * @param composite base64 composite checksum with its {@code -N} suffix (null for a single-part size)
 * @param size      bytes read
 */
public record FileChecksum(ChecksumKind kind, String full, String composite, long size) {

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 20));

    /** The journal form: {@code ALGORITHM:base64}. */
    public String journalValue() {
        return kind.name() + ":" + full;
    }

    /**
     * True if {@code returned} (what S3 sent back; null or blank when it sent nothing) matches the
     * full or the composite value. Nothing returned counts as a match: S3 itself validated the
     * checksum the request carried.
     */
    public boolean matches(String returned) {
        if (returned == null || returned.isBlank()) {
            return true;
        }
        return returned.equals(full) || returned.equals(composite);
    }

    /** Reads {@code file} once. */
    public static FileChecksum compute(Path file, ChecksumKind kind, long partSize, long multipartThreshold)
            throws IOException {
        Checksum full = kind.newChecksum();
        Checksum part = kind.newChecksum();
        Checksum composite = kind.newChecksum();
        ByteBuffer buf = BUFFER.get();
        long total = 0;
        long inPart = 0;
        int parts = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buf.clear();
                int limit = (int) Math.min(buf.capacity(), partSize - inPart);
                buf.limit(limit);
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                full.update(buf.array(), 0, n);
                part.update(buf.array(), 0, n);
                total += n;
                inPart += n;
                if (inPart == partSize) {
                    composite.update(kind.raw(part.getValue()), 0, kind.width());
                    part.reset();
                    inPart = 0;
                    parts++;
                }
            }
        }
        if (inPart > 0) {
            composite.update(kind.raw(part.getValue()), 0, kind.width());
            parts++;
        }
        String compositeValue = total >= multipartThreshold && parts > 0
                ? kind.encode(composite.getValue()) + "-" + parts : null;
        return new FileChecksum(kind, kind.encode(full.getValue()), compositeValue, total);
    }
}

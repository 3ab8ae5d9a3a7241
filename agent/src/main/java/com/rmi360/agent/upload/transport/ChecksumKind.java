package com.rmi360.agent.upload.transport;

import java.util.zip.CRC32;
import java.util.zip.Checksum;

import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * The object checksum the agent sends and checks: CRC64NVME (S3's default, full-object even for
 * multipart uploads; computed by the CRT native library) or CRC32 when the CRT cannot load.
 */
public enum ChecksumKind {
    CRC64NVME(ChecksumAlgorithm.CRC64_NVME, 8),
    CRC32(ChecksumAlgorithm.CRC32, 4);

    private final ChecksumAlgorithm algorithm;
    private final int width;

    ChecksumKind(ChecksumAlgorithm algorithm, int width) {
        this.algorithm = algorithm;
        this.width = width;
    }

    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** Bytes in the checksum value (8 for CRC64NVME, 4 for CRC32). */
    public int width() {
        return width;
    }

    /** A fresh checksum engine. */
    public Checksum newChecksum() {
        return this == CRC64NVME ? new software.amazon.awssdk.crt.checksums.CRC64NVME() : new CRC32();
    }

    /** The value as S3 writes it: big-endian bytes, base64. */
    public String encode(long value) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    byte[] raw(long value) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return bytes;
    }
}

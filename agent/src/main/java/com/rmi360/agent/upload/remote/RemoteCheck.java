package com.rmi360.agent.upload.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.rmi360.agent.upload.transport.ChecksumKind;
import com.rmi360.agent.upload.transport.FileChecksum;
import com.rmi360.agent.upload.transport.TransferSizes;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Checks that an object already in S3 holds a local file's bytes, for {@code --verify-remote}:
 * a single-part ETag is the content's MD5, compared with the file's; otherwise HeadObject with
 * checksum mode returns the stored CRC64NVME/CRC32 (full or composite), compared with the file's.
 */
public final class RemoteCheck {

    private RemoteCheck() {
    }

    /** The journal checksum value if the object matches the file, else null. */
    public static String verify(S3Client s3, String bucket, String key, Path file, RemoteState.Remote remote, ChecksumKind kind) {
        try {
            FileChecksum sum = FileChecksum.compute(file, kind, TransferSizes.PART_SIZE, TransferSizes.MULTIPART_THRESHOLD);
            if (remote.etag().matches("[0-9a-fA-F]{32}")) {
                return remote.etag().equalsIgnoreCase(md5(file)) ? sum.journalValue() : null;
            }
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            String stored = kind == ChecksumKind.CRC64NVME ? head.checksumCRC64NVME() : head.checksumCRC32();
            return stored != null && !stored.isBlank() && sum.matches(stored) ? sum.journalValue() : null;
        } catch (IOException | SdkException e) {
            return null;
        }
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

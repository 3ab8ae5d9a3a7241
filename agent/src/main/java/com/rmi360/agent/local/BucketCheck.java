package com.rmi360.agent.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.scan.KeyMapper;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Does the bucket hold exactly the source folder's images? Same keys under the prefix, and for
 * each the same size and the same SHA-256 of the bytes read back through the S3 API.
 */
public final class BucketCheck {

    /** The outcome; {@link #differences()} is empty when the bucket equals the source. */
    public record Result(int images, long bytes, List<String> differences) {

        public boolean equal() {
            return differences.isEmpty();
        }
    }

    private BucketCheck() {
    }

    public static Result compare(Path source, S3Client s3, String bucket, String prefix)
            throws IOException, InterruptedException {
        KeyMapper keys = new KeyMapper(source, prefix);
        Map<String, Path> local = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        ImageWalker.walk(source, new ImageWalker.Sink() {
            @Override
            public void image(Path file, long size, long mtimeMillis) {
                local.put(keys.key(file), file);
            }

            @Override
            public void problem(Path path, String message) {
                differences.add(path + ": " + message);
            }
        }, () -> false);
        Map<String, Long> remote = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keys.listPrefix())).contents()) {
            remote.put(object.key(), object.size());
        }
        long bytes = 0;
        for (Map.Entry<String, Path> entry : local.entrySet()) {
            String key = entry.getKey();
            Long size = remote.remove(key);
            long localSize = Files.size(entry.getValue());
            bytes += localSize;
            if (size == null) {
                differences.add("missing in the bucket: " + key);
            } else if (size != localSize) {
                differences.add("size differs: " + key + " (local " + localSize + ", bucket " + size + ")");
            } else {
                String want;
                try (InputStream in = Files.newInputStream(entry.getValue())) {
                    want = sha256(in);
                }
                String got;
                try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                    got = sha256(in);
                }
                if (!want.equals(got)) {
                    differences.add("bytes differ: " + key);
                }
            }
        }
        remote.keySet().forEach(key -> differences.add("in the bucket but not in the source: " + key));
        return new Result(local.size(), bytes, differences);
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream din = new DigestInputStream(in, digest)) {
                din.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

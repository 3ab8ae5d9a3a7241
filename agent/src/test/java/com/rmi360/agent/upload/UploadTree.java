package com.rmi360.agent.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.scan.KeyMapper;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Builds image trees for the upload tests and compares a bucket with them. Test support. */
final class UploadTree {

    private UploadTree() {
    }

    static Path file(Path root, String relative, int size, long seed) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(p, data);
        return p;
    }

    /** A nested tree: JPEGs of several sizes (one multipart), non-JPEGs, a zero-byte and non-ASCII names. */
    static void nested(Path root) throws IOException {
        file(root, "a.jpg", 300_000, 1);
        file(root, "B.JPEG", 120_000, 2);
        file(root, "notes.txt", 1_000, 3);
        file(root, "cam1/img_0001.jpg", 1 << 20, 4);
        file(root, "cam1/img_0002.jpg", 0, 5);
        file(root, "cam1/thumbs/x.png", 500, 6);
        file(root, "cam2/çà été/ünïcødé 画像.jpg", 70_000, 7);
        file(root, "cam2/big.jpg", 20 << 20, 8);
        file(root, "cam2/deeper/a/b/c/d.jpeg", 1_000, 9);
        file(root, "cam2/with space, comma.jpg", 10_000, 10);
    }

    /** Relative path (forward slashes) → bytes, for every JPEG under root (the agent's folder skipped). */
    static Map<String, byte[]> localImages(Path root) throws IOException {
        Map<String, byte[]> map = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && KeyMapper.isImage(p) && !rel.startsWith(ImageWalker.STATE_DIR + "/")) {
                    map.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return map;
    }

    /** Key without the prefix → bytes, for every object under {@code prefix/}. */
    static Map<String, byte[]> bucket(S3Client s3, String bucket, String prefix) {
        Map<String, byte[]> map = new HashMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()));
            map.put(o.key().substring(prefix.length() + 1), bytes.asByteArray());
        }
        return map;
    }
}

package com.rmi360.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates image objects directly in an S3Proxy filesystem store ({@code S3ProxyServer.startOnDisk}):
 * each file under {@code <dir>/<bucket>/} is an object whose key is its relative path. Far faster
 * than 100,000 PUTs when a test only needs a large listing.
 */
public final class ObjectsOnDisk {

    private ObjectsOnDisk() {
    }

    /** {@code n} small .jpg objects under {@code <prefix>/dNNN/}, 1,000 per folder. */
    public static void images(Path bucketDir, String prefix, int n) throws IOException {
        images(bucketDir, prefix, n, 1000);
    }

    /** {@code n} small .jpg objects under {@code <prefix>/dNNN/}, {@code perFolder} per folder. */
    public static void images(Path bucketDir, String prefix, int n, int perFolder) throws IOException {
        byte[] body = new byte[64];
        for (int i = 0; i < n; i++) {
            Path file = bucketDir.resolve(prefix).resolve(String.format("d%03d", i / perFolder)).resolve("IMG_" + i + ".jpg");
            if (i % perFolder == 0) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, body);
        }
    }
}

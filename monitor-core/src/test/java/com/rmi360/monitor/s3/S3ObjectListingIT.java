package com.rmi360.monitor.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.testing.ObjectsOnDisk;
import com.rmi360.monitor.model.ObjectEntry;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The parallel folder-split listing reports every object exactly once, at any tree shape. */
class S3ObjectListingIT {

    private static S3ProxyServer server;
    private static S3Client s3;

    @TempDir
    static Path storage;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.startOnDisk(storage);
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    /** Lays the objects out in the filesystem store; keys ending in '/' (folder markers) go through PUT. */
    private static Set<String> put(String bucket, List<String> keys) throws IOException {
        server.createBucket(bucket);
        for (String k : keys) {
            if (k.endsWith("/")) {
                s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.empty());
            } else {
                Path file = storage.resolve(bucket).resolve(k);
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[3]);
            }
        }
        return new HashSet<>(keys);
    }

    private static List<String> listed(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        new S3ObjectListing(s3).list(bucket, prefix, (ObjectEntry e) -> keys.add(e.key()));
        return keys;
    }

    @Test
    void reportsEachObjectOnceAcrossLevelsAndManyFolders() throws IOException {
        List<String> keys = new ArrayList<>(List.of("P/top.jpg", "P/a/mid.jpg", "P/a/b/c/d/e/deep.jpg", "P/", "P/a/"));
        IntStream.range(0, 30).forEach(f -> IntStream.range(0, 3).forEach(i -> keys.add("P/s" + f + "/t/IMG_" + i + ".jpg")));
        keys.add("Q/elsewhere.jpg");
        Set<String> expected = put("shapes", keys);
        expected.remove("Q/elsewhere.jpg");

        List<String> got = listed("shapes", "P/");

        assertThat(got).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listsAWideLevelWholeAndTheWholeBucketWithAnEmptyPrefix() throws IOException {
        server.createBucket("wide");
        ObjectsOnDisk.images(storage.resolve("wide"), "W", 300, 1);
        Files.createDirectories(storage.resolve("wide/status"));
        Files.writeString(storage.resolve("wide/status/progress_W.json"), "{}");

        assertThat(listed("wide", "W/")).hasSize(300).doesNotHaveDuplicates();
        assertThat(listed("wide", "")).hasSize(301).doesNotHaveDuplicates().contains("status/progress_W.json");
    }

    @Test
    void pagesThroughFoldersOfMoreThanOneThousandObjects() throws IOException {
        server.createBucket("paged");
        ObjectsOnDisk.images(storage.resolve("paged"), "F/one", 2_100, 2_100);
        ObjectsOnDisk.images(storage.resolve("paged"), "F/two", 1_500, 150);

        List<String> got = listed("paged", "F/");

        assertThat(got).hasSize(3_600).doesNotHaveDuplicates();
        assertThat(got).filteredOn(k -> k.startsWith("F/one/d000/")).hasSize(2_100);
    }
}

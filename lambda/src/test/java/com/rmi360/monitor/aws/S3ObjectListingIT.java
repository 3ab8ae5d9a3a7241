package com.rmi360.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.ObjectEntry;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The parallel folder-split listing reports every object exactly once, at any tree shape. */
class S3ObjectListingIT {

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static Set<String> put(String bucket, List<String> keys) {
        server.createBucket(bucket);
        keys.parallelStream().forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromBytes(new byte[3])));
        return new HashSet<>(keys);
    }

    private static List<String> listed(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        new S3ObjectListing(s3).list(bucket, prefix, (ObjectEntry e) -> keys.add(e.key()));
        return keys;
    }

    @Test
    void reportsEachObjectOnceAcrossLevelsAndManyFolders() {
        List<String> keys = new ArrayList<>(List.of("P/top.jpg", "P/a/mid.jpg", "P/a/b/c/d/e/deep.jpg", "P/", "P/a/"));
        IntStream.range(0, 30).forEach(f -> IntStream.range(0, 40).forEach(i -> keys.add("P/s" + f + "/t/IMG_" + i + ".jpg")));
        keys.add("Q/elsewhere.jpg");
        Set<String> expected = put("shapes", keys);
        expected.remove("Q/elsewhere.jpg");

        List<String> got = listed("shapes", "P/");

        assertThat(got).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listsAWideLevelWholeAndTheWholeBucketWithAnEmptyPrefix() {
        List<String> keys = new ArrayList<>();
        IntStream.range(0, 300).forEach(f -> keys.add("W/f" + f + "/x.jpg"));
        keys.add("status/progress_W.json");
        Set<String> expected = put("wide", keys);

        assertThat(listed("wide", "W/")).hasSize(300);
        assertThat(listed("wide", "")).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void pagesThroughAFolderOfMoreThanOneThousandObjects() {
        List<String> keys = new ArrayList<>();
        IntStream.range(0, 2_100).forEach(i -> keys.add("F/one/IMG_" + i + ".jpg"));
        IntStream.range(0, 10).forEach(f -> IntStream.range(0, 150).forEach(i -> keys.add("F/two/" + f + "/IMG_" + i + ".jpg")));
        Set<String> expected = put("paged", keys);

        List<String> got = listed("paged", "F/");

        assertThat(got).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }
}

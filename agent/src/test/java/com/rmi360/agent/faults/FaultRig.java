package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy with a {@link FaultProxy} in front, the packaged agent's command line, and the checks the
 * fault ITs share: bucket == source by SHA-256, journal consistency, orphaned multipart uploads.
 */
final class FaultRig implements AutoCloseable {

    final S3ProxyServer server;
    final S3Client direct;
    final FaultProxy proxy;

    FaultRig(FaultPlan plan, long seed) {
        server = S3ProxyServer.start();
        direct = server.client();
        proxy = FaultProxy.start(server.endpoint(), plan, seed);
    }

    /** Environment for the agent subprocess: S3Proxy's keys, no profile files, a fixed region. */
    Map<String, String> env(Path tmp) {
        return S3ProxyExtension.awsEnv(server, tmp);
    }

    /** {@code java -jar rmi360-agent.jar upload ...} through the fault proxy, monitor off, plain progress. */
    List<String> upload(Path src, String bucket, String prefix, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", agentJar().toString(),
                "upload", "--bucket", bucket, "--slug", prefix, "--prefix", prefix,
                "--endpoint-url", proxy.endpoint().toString(), "--no-monitor", "--progress", "plain",
                "--concurrency", "8"));
        cmd.addAll(List.of(extra));
        cmd.add(src.toString());
        return cmd;
    }

    /** The packaged agent: target/rmi360-agent.jar, or the copy named by -Dfaults.agentJar (the soak uses one). */
    static Path agentJar() {
        String override = System.getProperty("faults.agentJar");
        Path jar = override != null ? Path.of(override) : Path.of("target", "rmi360-agent.jar").toAbsolutePath();
        assertThat(jar).as("packaged agent (run through mvn verify)").isRegularFile();
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Writes {@code count} JPEG-named files of deterministic random content; sizes drawn in [min, max]. */
    static void tree(Path root, String dir, int count, int min, int max, long seed) {
        Random r = new Random(seed);
        try {
            for (int i = 0; i < count; i++) {
                int size = min + (max > min ? r.nextInt(max - min + 1) : 0);
                byte[] b = new byte[size];
                r.nextBytes(b);
                Path f = root.resolve(dir).resolve(String.format("IMG_%04d%s.jpg", i, i % 9 == 0 ? " (2)" : ""));
                Files.createDirectories(f.getParent());
                Files.write(f, b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every .jpg/.jpeg under {@code src}, keyed as the agent keys them: prefix/relative/path. */
    static Map<String, String> localImages(Path src, String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString().toLowerCase();
                if (Files.isRegularFile(f) && !f.startsWith(src.resolve(ImageWalker.STATE_DIR))
                        && (name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
                    out.put(prefix + "/" + src.relativize(f).toString().replace('\\', '/'), sha256(Files.readAllBytes(f)));
                }
            }
        }
        return out;
    }

    /** SHA-256 of every object under {@code prefix/}. */
    Map<String, String> remoteImages(String bucket, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (S3Object o : direct.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
            out.put(o.key(), sha256(direct.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray()));
        }
        return out;
    }

    /** Lost = in the source, not in the bucket; corrupt = in both with different bytes. */
    record Comparison(int source, int remote, List<String> lost, List<String> corrupt, List<String> extra) {
        boolean identical() {
            return lost.isEmpty() && corrupt.isEmpty() && extra.isEmpty();
        }
    }

    Comparison compare(Path src, String bucket, String prefix) throws IOException {
        Map<String, String> local = localImages(src, prefix);
        Map<String, String> remote = remoteImages(bucket, prefix);
        List<String> lost = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        local.forEach((k, v) -> {
            if (!remote.containsKey(k)) {
                lost.add(k);
            } else if (!remote.get(k).equals(v)) {
                corrupt.add(k);
            }
        });
        List<String> extra = remote.keySet().stream().filter(k -> !local.containsKey(k)).toList();
        return new Comparison(local.size(), remote.size(), lost, corrupt, extra);
    }

    List<MultipartUpload> multipartUploads(String bucket) {
        return direct.listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }

    /** The single journal the agent keeps for this source (state dir DIR/.rmi360). */
    static Path journalOf(Path src) throws IOException {
        try (Stream<Path> files = Files.list(src.resolve(ImageWalker.STATE_DIR))) {
            List<Path> journals = files.filter(f -> f.getFileName().toString().startsWith("journal_")
                    && f.getFileName().toString().endsWith(".log")).toList();
            assertThat(journals).hasSize(1);
            return journals.get(0);
        }
    }

    /**
     * Journal consistency: every entry names an object that is in the bucket with the entry's size, and
     * whose local file has that size; returns the number of entries.
     */
    int assertJournalConsistent(Path src, String bucket, String prefix) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        direct.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()
                .forEach(o -> sizes.put(o.key(), o.size()));
        Path file = journalOf(src);
        Path copy = Files.createTempFile("journal-copy", ".log"); // Journal.open may rewrite: read a copy
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Journal journal = Journal.open(copy, "check", java.time.Duration.ofSeconds(1))) {
            Map<String, String> local = localImages(src, prefix);
            for (String key : local.keySet()) {
                journal.get(key).ifPresent(e -> {
                    assertThat(sizes).as("journaled %s is in the bucket", key).containsKey(key);
                    assertThat(sizes.get(key)).as("size of %s", key).isEqualTo(e.size());
                });
            }
            assertThat(journal.damagedLines()).as("damaged journal lines").isZero();
            return journal.size();
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** As {@link #assertJournalConsistent}, returning -1 instead of failing (for the soak's report). */
    int assertJournalConsistentQuietly(Path src, String bucket, String prefix) {
        try {
            return assertJournalConsistent(src, bucket, prefix);
        } catch (AssertionError | IOException e) {
            System.out.println("journal inconsistent: " + e.getMessage());
            return -1;
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        proxy.close();
        direct.close();
        server.close();
    }
}

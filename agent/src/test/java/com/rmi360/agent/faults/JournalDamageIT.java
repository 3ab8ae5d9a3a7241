package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.testing.FaultPlan;

/**
 * The resume journal truncated, bit-flipped or replaced by garbage between runs: the next run must
 * notice what it can no longer trust, send those files again (or, since the object is there, check
 * its bytes after the conditional PUT's 412 and journal it), and end with bucket == source; a file
 * that is not in S3 must never be skipped because of a damaged journal.
 */
class JournalDamageIT {

    static final int FILES = 40;
    static final AtomicInteger PROJECTS = new AtomicInteger();

    static FaultRig rig;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        rig = new FaultRig(FaultPlan.none(), 7);
        rig.server.createBucket("journal");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    /** In-process CLI with the keys in an in-memory keyring (config auth_mode: keyring). */
    static CliRun cli(FaultRig rig) {
        return CliRun.with().store(new MemorySecretStore()
                .put("rmi360-faults", KeyringCredentials.ID, rig.server.accessKey())
                .put("rmi360-faults", KeyringCredentials.SECRET, rig.server.secretKey()));
    }

    static Path keyringConfig(Path dir) throws IOException {
        Path cfg = dir.resolve("config-keyring.yaml");
        if (!Files.exists(cfg)) {
            Files.writeString(cfg, """
                    project: {number: "26-111", slug: "FAULTS", client: "Client"}
                    camera: {make: Mosaic, model: "Mosaic 51"}
                    aws:
                      region: us-east-1
                      auth_mode: keyring
                      keyring_service_name: rmi360-faults
                    """);
        }
        return cfg;
    }

    CliRun.Result upload(Path src, String prefix, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("upload", "--config", keyringConfig(tmp).toString(),
                "--bucket", "journal", "--slug", prefix, "--prefix", prefix,
                "--endpoint-url", rig.proxy.endpoint().toString(), "--no-monitor", "--progress", "none"));
        args.addAll(List.of(extra));
        args.add(src.toString());
        CliRun.Result r = cli(rig).run(args.toArray(String[]::new));
        assertThat(r.all()).doesNotContain(rig.server.secretKey());
        return r;
    }

    /** A project uploaded once, completely; returns its source folder (named after the prefix). */
    Path uploadedProject() throws IOException {
        String prefix = "JRN-" + PROJECTS.incrementAndGet();
        Path src = Files.createDirectories(tmp.resolve(prefix));
        FaultRig.tree(src, "d", FILES, 1_000, 50_000, PROJECTS.get());
        CliRun.Result first = upload(src, prefix);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains(FILES + " uploaded");
        return src;
    }

    static int uploaded(CliRun.Result r) {
        return Integer.parseInt(r.out().replaceAll("(?s).*?(\\d+) uploaded.*", "$1"));
    }

    static int alreadyInS3(CliRun.Result r) {
        return Integer.parseInt(r.out().replaceAll("(?s).*?(\\d+) skipped \\(already in S3\\).*", "$1"));
    }

    void assertRerunHeals(Path src, int atLeastResent) throws IOException {
        String prefix = src.getFileName().toString();
        CliRun.Result rerun = upload(src, prefix);
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        // Files the journal no longer vouches for are sent again with If-None-Match: *; S3 holds them
        // already, so the 412 and a byte check journal them as "already in S3" instead of a new upload.
        assertThat(uploaded(rerun) + alreadyInS3(rerun)).as(rerun.toString()).isGreaterThanOrEqualTo(atLeastResent);
        FaultRig.Comparison c = rig.compare(src, "journal", prefix);
        assertThat(c.identical()).as("bucket == source: %s", c).isTrue();
        // the run after that trusts the journal again for every file
        CliRun.Result third = upload(src, prefix);
        assertThat(third.out()).as(third.toString()).contains("0 uploaded, " + FILES + " skipped (journal)");
    }

    @Test
    void aJournalCutMidLineLosesOnlyItsTailWhichIsSentAgain() throws Exception {
        Path src = uploadedProject();
        Path journal = FaultRig.journalOf(src);
        byte[] bytes = Files.readAllBytes(journal);
        int cut = bytes.length * 6 / 10;
        while (bytes[cut] == '\n') {
            cut++;
        }
        Files.write(journal, java.util.Arrays.copyOf(bytes, cut));
        long kept = new String(bytes, 0, cut, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).count() - 1;
        assertRerunHeals(src, (int) (FILES - kept));
    }

    @Test
    void bitFlippedLinesAreIgnoredAndTheirFilesSentAgain() throws Exception {
        Path src = uploadedProject();
        Path journal = FaultRig.journalOf(src);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        Random r = new Random(3);
        int flipped = 0;
        for (int i = 1; i < lines.size() && flipped < 8; i += 1 + r.nextInt(4)) {
            char[] c = lines.get(i).toCharArray();
            int at = r.nextInt(c.length);
            c[at] = c[at] == 'x' ? 'y' : 'x'; // a different character somewhere in the line
            lines.set(i, new String(c));
            flipped++;
        }
        Files.write(journal, lines, StandardCharsets.UTF_8);
        assertRerunHeals(src, flipped);
    }

    @Test
    void aJournalOverwrittenWithGarbageMeansEveryFileIsSentAgain() throws Exception {
        Path src = uploadedProject();
        Path journal = FaultRig.journalOf(src);
        byte[] garbage = new byte[(int) Files.size(journal)];
        new Random(9).nextBytes(garbage);
        Files.write(journal, garbage);
        assertRerunHeals(src, FILES);
    }

    @Test
    void anEmptiedJournalMeansEveryFileIsSentAgain() throws Exception {
        Path src = uploadedProject();
        Files.write(FaultRig.journalOf(src), new byte[0]);
        assertRerunHeals(src, FILES);
    }

    @Test
    void verifyRemoteResendsObjectsAJournalStillVouchesFor() throws Exception {
        Path src = uploadedProject();
        String prefix = src.getFileName().toString();
        List<String> keys = rig.direct.listObjectsV2(b -> b.bucket("journal").prefix(prefix + "/")).contents().stream()
                .map(o -> o.key()).limit(7).toList();
        keys.forEach(k -> rig.direct.deleteObject(b -> b.bucket("journal").key(k)));
        CliRun.Result healed = upload(src, prefix, "--verify-remote");
        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        assertThat(uploaded(healed)).isEqualTo(7);
        assertThat(rig.compare(src, "journal", prefix).identical()).isTrue();
    }

    @Test
    void aDamagedJournalIsReported() throws Exception {
        Path src = uploadedProject();
        Path journal = FaultRig.journalOf(src);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        lines.set(3, lines.get(3).replace('\t', ' '));
        Files.write(journal, lines, StandardCharsets.UTF_8);
        CliRun.Result rerun = upload(src, src.getFileName().toString());
        assertThat(rerun.err()).containsIgnoringCase("journal").containsIgnoringCase("damaged");
    }

    @Test
    void aDamagedJournalNeverLetsAMissingObjectBeSkipped() throws Exception {
        Path src = uploadedProject();
        String prefix = src.getFileName().toString();
        Path journal = FaultRig.journalOf(src);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).substring(0, 10)); // damage one line
        Files.write(journal, lines, StandardCharsets.UTF_8);
        // ...and S3 lost objects that intact lines still vouch for: the journal is no longer to be trusted
        String vouched = java.net.URLDecoder.decode(lines.get(1).split("\t")[0], StandardCharsets.UTF_8);
        rig.direct.deleteObject(b -> b.bucket("journal").key(vouched));
        CliRun.Result rerun = upload(src, prefix);
        assertThat(rerun.exitCode()).isZero();
        assertThat(rig.compare(src, "journal", prefix).lost()).as("skipped although not in S3").isEmpty();
    }
}

package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.testing.FaultPlan;

/**
 * One project, the packaged agent killed with SIGKILL at 20 random points of its progress (through
 * the fault proxy at the mix, with a little latency so that work is always in flight), and
 * restarted each time; then one run to the end. Finally: bucket == source, nothing lost or corrupt,
 * the journal consistent, no multipart upload left behind.
 */
class SigkillCampaignIT {

    static final int KILLS = 20;
    static final String PREFIX = "FLT-KILL";

    static FaultRig rig;
    static Path src;
    static int total;
    static final List<String> killLog = new ArrayList<>();
    static UploadUnderFaultsIT.Run finalRun;
    static long campaignMillis;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void campaign() throws Exception {
        rig = new FaultRig(FaultPlan.standardMix().latency(Duration.ofMillis(40)).build(), 2020);
        rig.server.createBucket("kills");
        src = Files.createDirectories(tmp.resolve(PREFIX));
        FaultRig.tree(src, "a", 150, 1_000, 200_000, 11);
        FaultRig.tree(src, "b", 150, 1_000, 200_000, 12);
        FaultRig.tree(src, "pano", 3, 17 << 20, 20 << 20, 13);
        total = FaultRig.localImages(src, PREFIX).size();

        Random random = new Random(20261128);
        int[] thresholds = random.ints(KILLS, 0, total).sorted().toArray();
        long t0 = System.nanoTime();
        for (int i = 0; i < KILLS; i++) {
            Process p = launch(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int seen = count();
            while (p.isAlive() && seen < thresholds[i] && System.nanoTime() < deadline) {
                Thread.sleep(25);
                seen = count();
            }
            Thread.sleep(random.nextInt(400)); // somewhere after the threshold: mid-file, mid-part, mid-journal
            boolean alive = p.isAlive();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            killLog.add(String.format("kill %2d: threshold %3d, %3d objects, %s", i + 1, thresholds[i], count(),
                    alive ? "killed (exit " + p.exitValue() + ")" : "had already exited " + p.exitValue()));
        }
        campaignMillis = (System.nanoTime() - t0) / 1_000_000;
        finalRun = UploadUnderFaultsIT.runAgent(rig, tmp, rig.upload(src, "kills", PREFIX), 300);
        System.out.printf("SigkillCampaignIT: %d files, %d kills in %d ms%n%s%nfinal run: exit %d in %d ms: %s"
                        + "proxy %s%n", total, KILLS, campaignMillis, String.join("\n", killLog), finalRun.exit(),
                finalRun.millis(), finalRun.out(), rig.proxy.stats());
    }

    static Process launch(int i) throws Exception {
        ProcessBuilder b = new ProcessBuilder(rig.upload(src, "kills", PREFIX)).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("kill-out-" + i + ".txt").toFile())
                .redirectError(tmp.resolve("kill-err-" + i + ".txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        rig.env(tmp).forEach((k, v) -> {
            if (v == null) {
                b.environment().remove(k);
            } else {
                b.environment().put(k, v);
            }
        });
        return b.start();
    }

    static int count() {
        return rig.direct.listObjectsV2Paginator(r -> r.bucket("kills").prefix(PREFIX + "/")).contents().stream()
                .mapToInt(o -> 1).sum();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void killsLandAcrossTheWholeProject() {
        long killedWhileRunning = killLog.stream().filter(l -> l.contains("killed (exit 137)")).count();
        assertThat(killedWhileRunning).as(String.join("\n", killLog)).isGreaterThanOrEqualTo(KILLS - 2);
        int firstObjects = Integer.parseInt(killLog.get(0).replaceAll(".*threshold +\\d+, +(\\d+) objects.*", "$1"));
        int lastObjects = Integer.parseInt(killLog.get(KILLS - 1).replaceAll(".*threshold +\\d+, +(\\d+) objects.*", "$1"));
        assertThat(firstObjects).isLessThan(total / 4);
        assertThat(lastObjects).isGreaterThan(total / 2);
    }

    @Test
    void afterTheFinalRunTheBucketEqualsTheSourceWithNothingLostOrCorrupt() throws Exception {
        assertThat(finalRun.exit()).as(finalRun.all()).isZero();
        FaultRig.Comparison c = rig.compare(src, "kills", PREFIX);
        assertThat(c.lost()).as("lost").isEmpty();
        assertThat(c.corrupt()).as("corrupt").isEmpty();
        assertThat(c.extra()).as("extra").isEmpty();
        assertThat(c.remote()).isEqualTo(total);
        assertThat(finalRun.out()).contains("0 failed").contains("skipped (journal)");
    }

    @Test
    void theJournalIsConsistentAndCompleteAfterTheFinalRun() throws Exception {
        assertThat(rig.assertJournalConsistent(src, "kills", PREFIX)).isEqualTo(total);
    }

    @Test
    void noMultipartUploadIsLeftAfterTheFinalRun() {
        assertThat(rig.multipartUploads("kills")).as("orphaned multipart uploads (ListMultipartUploads)").isEmpty();
    }
}

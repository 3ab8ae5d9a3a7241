package com.rmi360.agent.faults;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.rmi360.testing.Fault;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;

/**
 * Soak mode (not in CI: the class name matches neither *Test nor *IT; run it with
 * {@code bench/soak/run-soak.sh}). For {@code -Dsoak.minutes} (default 30): project after project,
 * the packaged agent uploads through the fault proxy (the 5/5/2 mix, plus a little latency)
 * and is killed with SIGKILL at random moments; each project is restarted until a run exits 0, then
 * checked: bucket == source, journal consistent. Reports objects, runs, kills, faults injected,
 * requests, losses and orphaned multipart uploads, one line per project and a total, to stdout and
 * to {@code -Dsoak.report} (default target/soak-report.txt).
 */
class SoakRun {

    @Test
    void soak() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 30));
        Path report = Path.of(System.getProperty("soak.report", "target/soak-report.txt")).toAbsolutePath();
        Files.createDirectories(report.getParent());
        Path work = Files.createTempDirectory("soak");
        Random random = new Random(Long.getLong("soak.seed", 30));
        // a private copy: a rebuild of target/ by someone else during the soak must not change the agent under test
        Path jar = Files.copy(FaultRig.agentJar(), work.resolve("rmi360-agent.jar"));
        System.setProperty("faults.agentJar", jar.toString());
        Instant end = Instant.now().plus(length);
        long objects = 0;
        long bytes = 0;
        long runs = 0;
        long kills = 0;
        long lost = 0;
        long corrupt = 0;
        long orphans = 0;
        int projects = 0;
        try (PrintStream out = new PrintStream(Files.newOutputStream(report), true, StandardCharsets.UTF_8);
             FaultRig rig = new FaultRig(FaultPlan.standardMix().latency(Duration.ofMillis(15)).build(),
                     random.nextLong())) {
            rig.server.createBucket("soak");
            log(out, "soak %s: %d min, agent %s, plan %s", Instant.now(), length.toMinutes(), FaultRig.agentJar(),
                    rig.proxy.plan());
            while (Instant.now().isBefore(end)) {
                projects++;
                String prefix = "SOAK-" + projects;
                Path src = Files.createDirectories(work.resolve(prefix));
                FaultRig.tree(src, "a", 120 + random.nextInt(120), 1_000, 400_000, random.nextLong());
                if (random.nextInt(3) == 0) {
                    FaultRig.tree(src, "pano", 1 + random.nextInt(2), 17 << 20, 24 << 20, random.nextLong());
                }
                int files = FaultRig.localImages(src, prefix).size();
                long projectBytes;
                try (Stream<Path> s = Files.walk(src)) {
                    projectBytes = s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                int projectRuns = 0;
                int projectKills = 0;
                while (true) {
                    projectRuns++;
                    Process p = launch(rig, src, prefix, work, projectRuns);
                    boolean killIt = projectRuns < 12 && random.nextInt(4) != 0; // 3 of 4 runs are killed
                    long killAfter = 1_000 + random.nextInt(6_000);
                    boolean finished = p.waitFor(killIt ? killAfter : 600_000, TimeUnit.MILLISECONDS);
                    if (!finished) {
                        p.destroyForcibly();
                        p.waitFor(20, TimeUnit.SECONDS);
                        projectKills++;
                        continue;
                    }
                    if (p.exitValue() == 0) {
                        break;
                    }
                    log(out, "  %s run %d exited %d: %s", prefix, projectRuns, p.exitValue(),
                            summary(work.resolve("err-" + prefix + "-" + projectRuns + ".txt"),
                                    work.resolve("out-" + prefix + "-" + projectRuns + ".txt")));
                    if (projectRuns > 30) {
                        break;
                    }
                }
                FaultRig.Comparison c = rig.compare(src, "soak", prefix);
                int journal = rig.assertJournalConsistentQuietly(src, "soak", prefix);
                int mpu = (int) rig.multipartUploads("soak").stream().filter(u -> u.key().startsWith(prefix + "/")).count();
                objects += c.remote();
                bytes += projectBytes;
                runs += projectRuns;
                kills += projectKills;
                lost += c.lost().size();
                corrupt += c.corrupt().size();
                orphans += mpu;
                log(out, "%s: %d files, %.1f MiB, %d runs, %d kills, lost %d, corrupt %d, extra %d, journal %d, orphaned MPU %d; proxy so far %s",
                        prefix, files, projectBytes / 1048576.0, projectRuns, projectKills, c.lost().size(),
                        c.corrupt().size(), c.extra().size(), journal, mpu, rig.proxy.stats());
                deleteTree(src);
                // S3Proxy keeps objects in memory: drop the verified project, or the heap fills up and
                // S3Proxy itself starts answering 500 (seen in the first soak: after ~90 projects, 3.5 GB)
                rig.multipartUploads("soak").stream().filter(u -> u.key().startsWith(prefix + "/")).forEach(u ->
                        rig.direct.abortMultipartUpload(b -> b.bucket("soak").key(u.key()).uploadId(u.uploadId())));
                rig.direct.listObjectsV2Paginator(b -> b.bucket("soak").prefix(prefix + "/")).contents()
                        .forEach(o -> rig.direct.deleteObject(b -> b.bucket("soak").key(o.key())));
            }
            FaultProxy.Stats s = rig.proxy.stats();
            log(out, "TOTAL %d min: %d projects, %d objects (%.1f MiB), %d agent runs, %d SIGKILLs, %d requests,"
                            + " %d faults injected (reset %d, 503 %d, 500 %d), upstream errors %d, lost %d, corrupt %d,"
                            + " orphaned multipart uploads %d; retries: not reported by the agent (>= %d: one per fault)",
                    length.toMinutes(), projects, objects, bytes / 1048576.0, runs, kills, s.requests(), s.faultsTotal(),
                    s.faults(Fault.RESET), s.faults(Fault.SLOW_DOWN), s.faults(Fault.INTERNAL_ERROR), s.upstreamErrors(),
                    lost, corrupt, orphans, s.faultsTotal());
        } finally {
            deleteTree(work);
        }
        if (lost + corrupt > 0) {
            throw new AssertionError("soak lost " + lost + " and corrupted " + corrupt + " objects: see " + report);
        }
    }

    static Process launch(FaultRig rig, Path src, String prefix, Path work, int run) throws IOException {
        List<String> cmd = rig.upload(src, "soak", prefix);
        ProcessBuilder b = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(work.resolve("out-" + prefix + "-" + run + ".txt").toFile())
                .redirectError(work.resolve("err-" + prefix + "-" + run + ".txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        rig.env(work).forEach((k, v) -> {
            if (v == null) {
                b.environment().remove(k);
            } else {
                b.environment().put(k, v);
            }
        });
        return b.start();
    }

    /** The run's summary line and its distinct error kinds, e.g. "done: … 1 failed; 1× throttling". */
    static String summary(Path err, Path out) throws IOException {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        for (String l : Files.readAllLines(err)) {
            if (l.startsWith("rmi360:") || l.startsWith("error:")) {
                String kind = l.replaceAll(".*Response code indicates ([a-z ]+).*", "$1");
                kinds.merge(kind.length() > 80 ? kind.substring(0, 80) : kind, 1L, Long::sum);
            }
        }
        String done = Files.readAllLines(out).stream().filter(l -> l.startsWith("done:")).findFirst().orElse("");
        StringBuilder sb = new StringBuilder(done);
        kinds.forEach((k, n) -> sb.append("; ").append(n).append("x ").append(k));
        return sb.toString();
    }

    static void log(PrintStream out, String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        out.println(line);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

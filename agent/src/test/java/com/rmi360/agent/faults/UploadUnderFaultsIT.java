package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.testing.Fault;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.S3Request;

/**
 * The packaged agent uploading through {@link FaultProxy} at the issue's mix: 5 % connection resets
 * mid-body, 5 % 503 SlowDown, 2 % 500 InternalError, on every request.
 */
class UploadUnderFaultsIT {

    static FaultRig rig;
    static Path src;
    /** The first run, and the last (the first, or a resumed run when the first left failed files). */
    static Run first;
    static Run run;

    @TempDir
    static Path tmp;

    record Run(int exit, String out, String err, long millis, FaultProxy.Stats stats) {
        String all() {
            return out + err;
        }
    }

    static Run runAgent(FaultRig rig, Path tmp, List<String> cmd, int timeoutSeconds) throws Exception {
        return runAgent(rig, tmp, cmd, timeoutSeconds, Map.of());
    }

    static Run runAgent(FaultRig rig, Path tmp, List<String> cmd, int timeoutSeconds, Map<String, String> extraEnv)
            throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder b = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        rig.env(tmp).forEach((k, v) -> {
            if (v == null) {
                b.environment().remove(k);
            } else {
                b.environment().put(k, v);
            }
        });
        b.environment().putAll(extraEnv);
        long t0 = System.nanoTime();
        Process p = b.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("agent did not finish in " + timeoutSeconds + " s\n" + Files.readString(out) + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), (System.nanoTime() - t0) / 1_000_000,
                rig.proxy.stats());
    }

    @BeforeAll
    static void uploadOnce() throws Exception {
        rig = new FaultRig(FaultPlan.standardMix().build(), 5052);
        rig.server.createBucket("faults");
        src = Files.createDirectories(tmp.resolve("FLT-MIX"));
        FaultRig.tree(src, "day1", 120, 20_000, 400_000, 1);
        FaultRig.tree(src, "day2", 80, 0, 60_000, 2);
        FaultRig.tree(src, "pano", 2, 17 << 20, 21 << 20, 3); // multipart (8 MiB parts)
        first = runAgent(rig, tmp, rig.upload(src, "faults", "FLT-MIX"), 300);
        report("first run", first);
        run = first;
        if (first.exit() == 1) { // some files failed (see aSingleRunCompletesEveryFileUnderTheMix): the resumed run must finish them
            run = runAgent(rig, tmp, rig.upload(src, "faults", "FLT-MIX"), 300);
            report("resumed run", run);
        }
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    static void report(String which, Run r) {
        System.out.printf("UploadUnderFaultsIT %s: exit %d in %d ms; proxy %s%n--- agent stdout%n%s--- agent stderr (tail)%n%s%n",
                which, r.exit(), r.millis(), r.stats() + " " + r.stats().operations(), r.out(), tail(r.err(), 15));
        r.err().lines().filter(l -> l.startsWith("error: ")).forEach(l -> {
            String file = l.substring(l.lastIndexOf("FLT-MIX/") + 8, l.indexOf(".jpg") + 4);
            rig.proxy.faultLog().stream().filter(f -> f.contains(file.replace(" ", "%20")))
                    .forEach(f -> System.out.println("  fault on the failed file: " + f));
        });
    }

    static String tail(String s, int lines) {
        String[] all = s.split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    @Test
    void everyObjectArrivesByteIdenticalDespiteResetsAnd5xx() throws Exception {
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.stats().faults(Fault.RESET)).isPositive();
        assertThat(run.stats().faults(Fault.SLOW_DOWN)).isPositive();
        assertThat(run.stats().faults(Fault.INTERNAL_ERROR)).isPositive();
        assertThat(run.stats().upstreamErrors()).isZero();
        FaultRig.Comparison c = rig.compare(src, "faults", "FLT-MIX");
        assertThat(c.lost()).as("lost").isEmpty();
        assertThat(c.corrupt()).as("corrupt").isEmpty();
        assertThat(c.extra()).as("extra").isEmpty();
        assertThat(c.remote()).isEqualTo(202);
        assertThat(run.out()).contains("0 failed");
        if (run != first) {
            // a failed file is never silent: one error line each, exit 1, and the summary counts it
            assertThat(first.exit()).isEqualTo(1);
            long errors = first.err().lines().filter(l -> l.startsWith("error: ")).count();
            assertThat(first.out()).contains(errors + " failed");
        }
    }

    @Test
    void aSingleRunCompletesEveryFileUnderTheMix() {
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.out()).contains("202 uploaded").contains("0 failed");
    }

    @Test
    void everyObjectIsChecksumVerifiedInTheJournalAndNoMultipartUploadIsLeft() throws Exception {
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(rig.assertJournalConsistent(src, "faults", "FLT-MIX")).isEqualTo(202);
        for (String line : Files.readAllLines(FaultRig.journalOf(src))) {
            if (!line.startsWith("#")) {
                assertThat(line.split("\t")[3]).as("checksum recorded").matches("(CRC64NVME|CRC32):[A-Za-z0-9+/=]+(-\\d+)?");
            }
        }
        assertThat(rig.multipartUploads("faults")).isEmpty();
    }

    @Test
    void retriesAreReportedInTheSummary() throws Exception {
        // the CRT client (the default engine): its native retries reach Java as per-attempt telemetry (SDK 2.58.0 on)
        checkRetryCount("CRT", "FLT-CRT", Map.of(), 6);
    }

    @Test
    void theJavaClientCountsOneRetryPerInjectedFaultInTheSummary() throws Exception {
        checkRetryCount("Java", "FLT-JAVA", Map.of("RMI360_NO_CRT", "1"), 4);
    }

    static void checkRetryCount(String client, String slug, Map<String, String> env, long seed) throws Exception {
        Path clientSrc = Files.createDirectories(tmp.resolve(slug));
        FaultRig.tree(clientSrc, "d", 80, 1_000, 200_000, seed);
        FaultRig.tree(clientSrc, "pano", 1, 17 << 20, 17 << 20, seed + 1);
        FaultProxy.Stats before = rig.proxy.stats();
        // Only the transfer client's requests are faulted here: the count under test is that client's
        // retries, and a fault on the preflight listing or a heartbeat PUT is retried by another client.
        FaultPlan mix = rig.proxy.plan();
        rig.proxy.plan(FaultPlan.standardMix()
                .only(S3Request.uploads().and(r -> r.key() != null && !r.key().startsWith("status/")), "image uploads")
                .build());
        Run r;
        try {
            r = runAgent(rig, tmp, rig.upload(clientSrc, "faults", slug), 300, env);
        } finally {
            rig.proxy.plan(mix);
        }
        long faults = r.stats().faultsTotal() - before.faultsTotal();
        report(client + "-client run (" + faults + " faults)", r);
        assertThat(r.out()).as(r.all()).containsPattern("\\d+ retries");
        long reported = Long.parseLong(r.out().replaceAll("(?s).*?(\\d+) retries.*", "$1"));
        long failed = Long.parseLong(r.out().replaceAll("(?s).*?(\\d+) failed.*", "$1"));
        long resent = r.out().contains("files sent again")
                ? Long.parseLong(r.out().replaceAll("(?s).*?(\\d+) files sent again.*", "$1")) : 0;
        // every injected fault cost one failed attempt; each is retried unless it was a file's last allowed attempt
        assertThat(faults).isPositive();
        // a request whose retries ran out costs its file one more whole attempt (FileRetry), not a retry
        assertThat(reported).isBetween(faults - failed - resent, faults);
        if (r.exit() == 0) {
            assertThat(reported).isBetween(faults - resent, faults);
            assertThat(rig.compare(clientSrc, "faults", slug).identical()).isTrue();
        }
    }
}

package com.rmi360.agent.upload.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

/**
 * The hill-climb on synthetic links: a clock moved by hand, files completing at the rate a curve
 * gives for the current limit, the walker always waiting for a slot unless said otherwise.
 */
class FlightControllerTest {

    private static final long MIB = 1 << 20;
    private static final long TICK = 10_000_000L; // 10 ms

    /** A link: bytes/s as a function of the limit, fed to a controller 10 ms at a time. */
    static final class Link {
        final long[] now = {0};
        final FlightController c;
        final IntToDoubleFunction bytesPerSecond;
        final long fileBytes;
        final List<Integer> limits = new ArrayList<>();
        boolean bound = true;
        double noise;
        Random random = new Random(7);
        private double owed;

        Link(int start, int max, long fileBytes, IntToDoubleFunction bytesPerSecond) {
            this.c = new FlightController(start, max, () -> now[0]);
            this.fileBytes = fileBytes;
            this.bytesPerSecond = bytesPerSecond;
        }

        /** Runs the link for {@code seconds}; records the limit after every tick. */
        Link run(double seconds) {
            for (long t = 0; t < seconds * 1e9; t += TICK) {
                now[0] += TICK;
                double rate = bytesPerSecond.applyAsDouble(c.limit());
                if (noise > 0) {
                    rate *= 1 + noise * (2 * random.nextDouble() - 1);
                }
                owed += rate * TICK / 1e9 / fileBytes;
                if (bound) {
                    c.bound();
                }
                while (owed >= 1) {
                    owed -= 1;
                    c.completed(fileBytes);
                }
                limits.add(c.limit());
            }
            return this;
        }

        int limit() {
            return c.limit();
        }

        /** Mean limit over the last {@code seconds}. */
        double meanLimit(double seconds) {
            int n = (int) (seconds * 1e9 / TICK);
            return limits.subList(limits.size() - n, limits.size()).stream().mapToInt(i -> i).average().orElseThrow();
        }
    }

    /** Throughput grows with the files in flight up to {@code knee} files, then stays flat. */
    static IntToDoubleFunction plateau(int knee, double perFile) {
        return n -> Math.min(n, knee) * perFile;
    }

    @Test
    void throughputThatRisesThenPlateausSettlesNearTheKnee() {
        Link link = new Link(16, 128, 256 * 1024, plateau(48, 2 * MIB)).run(60);
        assertThat(link.c.peak()).as("it climbed past the start").isGreaterThanOrEqualTo(48);
        // from 30 s on: at least the knee (full throughput), never far above it (not the 128 bound)
        List<Integer> late = link.limits.subList(link.limits.size() - 3000, link.limits.size());
        assertThat(late).allSatisfy(l -> assertThat(l).isBetween(48, 72));
        assertThat(link.meanLimit(30)).isLessThan(64);
    }

    @Test
    void aLinkThatGetsSlowerWithMoreFilesStaysAtItsBest() {
        // best at 24 files; each file above costs 3 % (a busy machine: more threads, no more bytes)
        IntToDoubleFunction curve = n -> n <= 24 ? n * MIB : 24 * MIB * Math.max(0.2, 1 - 0.03 * (n - 24));
        Link link = new Link(16, 128, 256 * 1024, curve).run(60);
        assertThat(link.meanLimit(30)).isBetween(20.0, 40.0);
        assertThat(link.c.peak()).isLessThan(60);
    }

    @Test
    void aFlatNoisyLinkDoesNotDriftToTheBound() {
        Link link = new Link(16, 128, 256 * 1024, n -> 40 * MIB);
        link.noise = 0.15;
        link.run(120);
        assertThat(link.meanLimit(60)).isLessThan(40);
        assertThat(link.limits).allSatisfy(l -> assertThat(l).isLessThan(128));
    }

    @Test
    void aThrottleCutsTheLimitAndHoldsIt() {
        Link link = new Link(16, 128, 256 * 1024, plateau(200, MIB)).run(10);
        int before = link.limit();
        assertThat(before).as("climbing on a link that keeps rising").isGreaterThan(40);
        int cut = link.c.throttled();
        assertThat(cut).isEqualTo((int) Math.floor(before * FlightController.CUT)).isEqualTo(link.limit());
        assertThat(link.c.cuts()).isEqualTo(1);
        link.run(4.5); // inside the 5 s hold: throughput still rises with the limit, but the limit stays
        assertThat(link.limits.subList(link.limits.size() - 450, link.limits.size())).containsOnly(cut);
        link.run(10);
        assertThat(link.limit()).as("after the hold it probes again").isGreaterThan(cut);
    }

    @Test
    void aBurstOfFailuresIsOneCut() {
        long[] now = {0};
        FlightController c = new FlightController(64, 128, () -> now[0]);
        for (int i = 0; i < 20; i++) {
            c.throttled();
            now[0] += 10_000_000L;
        }
        assertThat(c.limit()).isEqualTo(38);
        assertThat(c.cuts()).isEqualTo(1);
        now[0] += 1_000_000_000L;
        assertThat(c.throttled()).isEqualTo(22);
    }

    @Test
    void throttlingNeverTakesItBelowOne() {
        long[] now = {0};
        FlightController c = new FlightController(16, 128, () -> now[0]);
        for (int i = 0; i < 30; i++) {
            now[0] += 1_000_000_000L;
            assertThat(c.throttled()).isGreaterThanOrEqualTo(1);
        }
        assertThat(c.limit()).isEqualTo(1);
        now[0] += 1_000_000_000L;
        c.completed(1); // still counts, still 1 at least
        assertThat(c.limit()).isEqualTo(1);
    }

    @Test
    void neverAboveTheBoundOnALinkThatKeepsRising() {
        Link link = new Link(16, 40, 256 * 1024, n -> n * MIB).run(30);
        assertThat(link.limits).allSatisfy(l -> assertThat(l).isBetween(1, 40));
        assertThat(link.limit()).isEqualTo(40);
        assertThat(link.c.peak()).isEqualTo(40);
    }

    @Test
    void aLimitThatIsNotReachedIsNotRaised() {
        Link link = new Link(16, 128, 256 * 1024, n -> n * MIB);
        link.bound = false; // the walker never waited: fewer files than slots
        link.run(20);
        assertThat(link.limits).containsOnly(16);
    }

    @Test
    void startMustLieWithinTheBound() {
        assertThatThrownBy(() -> new FlightController(0, 8, () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlightController(9, 8, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

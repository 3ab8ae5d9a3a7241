package com.rmi360.agent.upload.flight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rmi360.agent.upload.options.UploadOptions;

import org.junit.jupiter.api.Test;

/** Slots under a changing limit: raising lets waiters in, lowering loses nothing, awaitIdle waits for all. */
class FilesInFlightTest {

    private static final long SECOND = 1_000_000_000L;

    /** Starts a thread that takes a slot of {@code size} and counts down {@code got}. */
    private static Thread taker(FilesInFlight slots, long size, CountDownLatch got) {
        Thread t = new Thread(() -> {
            try {
                slots.acquire(size);
                got.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aCutLetsTheFilesInFlightFinishAndAdmitsNewOnesOnlyBelowTheNewLimit() throws Exception {
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(10, 20, Long.MAX_VALUE, () -> now[0], new Progress(0, 0));
        for (int i = 0; i < 10; i++) {
            slots.acquire(1);
        }
        slots.throttled(); // 10 -> 6 while 10 are in flight
        assertThat(slots.limit()).isEqualTo(6);
        CountDownLatch got = new CountDownLatch(1);
        taker(slots, 1, got);
        for (int i = 0; i < 4; i++) { // 10 -> 6 in flight: still at the limit
            slots.release(1, false);
        }
        assertThat(got.await(200, TimeUnit.MILLISECONDS)).as("no slot while 6 are in flight").isFalse();
        slots.release(1, false);
        assertThat(got.await(5, TimeUnit.SECONDS)).as("a slot once 5 are in flight").isTrue();
        assertThat(slots.inFlight()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            slots.release(1, false);
        }
        assertThat(slots.inFlight()).isZero();
        assertThat(slots.awaitIdle(10)).isTrue();
    }

    @Test
    void aRaiseAdmitsMoreWaitingFiles() throws Exception {
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(2, 8, Long.MAX_VALUE, () -> now[0], new Progress(0, 0));
        slots.acquire(100);
        slots.acquire(100);
        slots.release(100, true); // one completion: the window is not over
        slots.acquire(100);
        CountDownLatch got = new CountDownLatch(2);
        taker(slots, 100, got); // both wait: the limit is reached, which the controller notes
        taker(slots, 100, got);
        assertThat(got.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(got.getCount()).isEqualTo(2);
        now[0] += SECOND;
        slots.release(100, true); // window over, limit reached: 2 -> 3, so 1 in flight + both waiters
        assertThat(slots.limit()).isEqualTo(3);
        assertThat(got.await(5, TimeUnit.SECONDS)).as("both waiters got a slot").isTrue();
        assertThat(slots.inFlight()).isEqualTo(3);
    }

    @Test
    void awaitIdleWaitsForEveryFileWhateverTheLimitDid() throws Exception {
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(8, 16, Long.MAX_VALUE, () -> now[0], new Progress(0, 0));
        for (int i = 0; i < 8; i++) {
            slots.acquire(1);
        }
        slots.throttled(); // limit 4 with 8 in flight: a permit count of "limit" would wait for 4 only
        AtomicInteger released = new AtomicInteger();
        Thread finisher = new Thread(() -> {
            for (int i = 0; i < 8; i++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                released.incrementAndGet();
                slots.release(1, false);
            }
        });
        finisher.start();
        slots.awaitIdle();
        assertThat(released.get()).isEqualTo(8);
        assertThat(slots.inFlight()).isZero();
        finisher.join();
    }

    @Test
    void requestRetriesTheClientReportsCutTheLimit() throws Exception {
        long[] now = {0};
        long[] retries = {5}; // retries before the run's first completion are not a signal
        FilesInFlight slots = FilesInFlight.adaptive(10, 20, Long.MAX_VALUE, () -> now[0], new Progress(0, 0))
                .watching(() -> retries[0]);
        slots.acquire(1);
        slots.release(1, false);
        assertThat(slots.limit()).isEqualTo(10);
        retries[0] = 7;
        slots.acquire(1);
        slots.release(1, true);
        assertThat(slots.limit()).isEqualTo(6);
        assertThat(slots.summary().cuts()).isEqualTo(1);
    }

    @Test
    void awaitIdleGivesUpAfterItsTimeout() throws Exception {
        FilesInFlight slots = FilesInFlight.pinned(2, new Progress(0, 0), UploadOptions.ConcurrencyMode.FLAG);
        slots.acquire(1);
        assertThat(slots.awaitIdle(100)).isFalse();
    }

    @Test
    void adaptiveSlotsKeepTheBytesInFlightUnderTheBoundButLetOneLargeFileThrough() throws Exception {
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(16, 128, 20, () -> now[0], new Progress(0, 0));
        slots.acquire(8);
        slots.acquire(8); // 16 of 20 bytes
        CountDownLatch got = new CountDownLatch(1);
        taker(slots, 8, got);
        assertThat(got.await(200, TimeUnit.MILLISECONDS)).as("24 bytes would pass the bound").isFalse();
        slots.release(8, false);
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        slots.release(8, false);
        slots.release(8, false);
        slots.acquire(50); // larger than the bound, but alone: it goes
        assertThat(slots.inFlight()).isEqualTo(1);
    }

    @Test
    void theAdaptiveBoundAdmitsThree8MiBFilesAndHoldsTheFourth() throws Exception {
        // the CRT buffers each single-PUT body natively: 3 x 8 MiB in flight kept B's peak RSS at 136 MiB, 8 at 169
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(16, 128, FilesInFlight.ADAPTIVE_MAX_BYTES, () -> now[0],
                new Progress(0, 0));
        for (int i = 0; i < 3; i++) {
            slots.acquire(8L << 20);
        }
        CountDownLatch got = new CountDownLatch(1);
        taker(slots, 8L << 20, got);
        while (got.getCount() > 0 && !slots.summary().line().contains("bound")) {
            Thread.onSpinWait(); // until the fourth file is admitted or waits on the bound
        }
        assertThat(got.getCount()).as("a fourth 8 MiB file was admitted").isEqualTo(1);
        assertThat(slots.inFlight()).isEqualTo(3);
        slots.release(8L << 20, false);
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void pinnedSlotsNeverMoveAndHaveNoByteBound() throws Exception {
        Progress progress = new Progress(0, 0);
        FilesInFlight slots = FilesInFlight.pinned(3, progress, UploadOptions.ConcurrencyMode.FLAG);
        slots.acquire(1L << 40);
        slots.acquire(1L << 40);
        for (int i = 0; i < 5; i++) {
            slots.throttled();
        }
        slots.release(1L << 40, true);
        assertThat(slots.limit()).isEqualTo(3);
        assertThat(progress.concurrency.get()).isEqualTo(3);
        assertThat(slots.summary().line()).isEqualTo("files in flight: 3 (--concurrency)");
    }

    @Test
    void theSummaryNamesStartPeakEndAndCuts() {
        assertThat(FlightSummary.adaptive(16, 54, 36, 128, 256L << 20, 2).line())
                .isEqualTo("files in flight: adaptive 16 → 54 (max 54 of 128, ended 36; 2 cuts on throttling)");
        assertThat(FlightSummary.pinned(32, UploadOptions.ConcurrencyMode.CONFIG).line())
                .isEqualTo("files in flight: 32 (config aws.max_workers)");
    }

    @Test
    void theSummarySaysWhenTheByteBoundHeldFilesBackBelowTheLimit() throws Exception {
        long[] now = {0};
        FilesInFlight slots = FilesInFlight.adaptive(16, 128, 24L << 20, () -> now[0], new Progress(0, 0));
        slots.acquire(8L << 20);
        slots.acquire(8L << 20);
        assertThat(slots.summary().line()).as("nothing held back yet").doesNotContain("bound");
        slots.acquire(8L << 20); // 24 MiB: at the bound
        CountDownLatch got = new CountDownLatch(1);
        taker(slots, 8L << 20, got);
        assertThat(got.await(200, TimeUnit.MILLISECONDS)).as("a fourth 8 MiB file would pass 24 MiB").isFalse();
        assertThat(slots.summary().heldAt()).isEqualTo(3);
        assertThat(slots.summary().line())
                .isEqualTo("files in flight: adaptive 16 → 16 (max 16 of 128, ended 16; at most 3 at once under the 24 MiB bound)");
        slots.release(8L << 20, false);
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
    }
    static UploadOptions adaptive(long bwlimit) {
        return new UploadOptions(Path.of("src"), "bucket", "P", "P", FilesInFlight.ADAPTIVE_START, 3, false, true, false,
                UploadOptions.ProgressMode.NONE, UploadOptions.DEFAULT_HEARTBEAT, false, Path.of("state"), "m", false, null,
                UploadOptions.ConcurrencyMode.ADAPTIVE, bwlimit);
    }

    @Test
    void underABandwidthCapTheAdaptiveSlotsHaveNoByteBoundSoEveryFileGetsAConnection() throws Exception {
        FilesInFlight capped = FilesInFlight.of(adaptive(3_125_000), new Progress(0, 0));
        CountDownLatch all = new CountDownLatch(15);
        for (int i = 0; i < 15; i++) {
            taker(capped, 8L << 20, all); // 120 MiB, far over the uncapped byte bound
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).as("15 files of 8 MiB in flight under a cap").isTrue();

        FilesInFlight uncapped = FilesInFlight.of(adaptive(0), new Progress(0, 0));
        CountDownLatch some = new CountDownLatch(15);
        for (int i = 0; i < 15; i++) {
            taker(uncapped, 8L << 20, some);
        }
        int fit = (int) (FilesInFlight.ADAPTIVE_MAX_BYTES / (8L << 20)); // 3 under 24 MiB
        long deadline = System.nanoTime() + 10 * SECOND;
        while (some.getCount() > 15 - fit && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(some.await(200, TimeUnit.MILLISECONDS)).as("uncapped: the CRT's byte bound holds").isFalse();
        assertThat(uncapped.inFlight()).isEqualTo(fit);
    }
}

package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProgressRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults();

    private static ProgressDocument fresh(long expected) {
        return ProgressDocument.start("p1", null, null, null, expected, 0, T0);
    }

    private static ProgressDocument tick(ProgressDocument doc, long count, long bytes, int n) {
        return ProgressRules.advance(doc, new ImageCount(count, bytes, T0), Optional.empty(), T0.plus(TICK.multipliedBy(n)), SETTINGS);
    }

    private static ProgressDocument tick(ProgressDocument doc, long count, int n, Heartbeat heartbeat) {
        return ProgressRules.advance(doc, new ImageCount(count, count * 10, T0), Optional.ofNullable(heartbeat),
                T0.plus(TICK.multipliedBy(n)), SETTINGS);
    }

    @Test
    void countsProgressAndKeepsStallsAtZero() {
        ProgressDocument doc = tick(fresh(100), 10, 100, 1);

        assertThat(doc.count()).isEqualTo(10);
        assertThat(doc.bytes()).isEqualTo(100);
        assertThat(doc.stalls()).isZero();
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(doc.percentComplete()).isEqualTo(10.0);
        assertThat(doc.history()).containsExactly(new Sample(T0.plus(TICK), 10, 100));
        assertThat(doc.lastUpdated()).isEqualTo(T0.plus(TICK));
        assertThat(doc.endTime()).isNull();
    }

    @Test
    void countsAStallWhenCountAndBytesAreUnchangedAndNoHeartbeat() {
        ProgressDocument doc = tick(tick(fresh(100), 10, 100, 1), 10, 100, 2);

        assertThat(doc.stalls()).isEqualTo(1);
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
    }

    @Test
    void newBytesWithoutNewObjectsAreProgress() {
        ProgressDocument doc = tick(tick(tick(fresh(100), 10, 100, 1), 10, 100, 2), 10, 150, 3);

        assertThat(doc.stalls()).isZero();
    }

    @Test
    void marksFailedAfterStallWindow() {
        ProgressDocument doc = tick(fresh(100), 10, 100, 1);
        for (int n = 2; n <= 6; n++) {
            doc = tick(doc, 10, 100, n);
            assertThat(doc.uploadStatus()).as("tick %d", n).isEqualTo(UploadStatus.IN_PROGRESS);
        }
        doc = tick(doc, 10, 100, 7);

        assertThat(doc.stalls()).isEqualTo(6);
        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.FAILED);
        assertThat(doc.endTime()).isEqualTo(T0.plus(TICK.multipliedBy(7)));
        assertThat(doc.disablePending()).isTrue();
    }

    @Test
    void aFreshHeartbeatResetsStallsWhileALargeFileIsInFlight() {
        ProgressDocument doc = tick(fresh(100), 10, 1, null);
        doc = tick(doc, 10, 2, null);
        doc = tick(doc, 10, 3, null);
        assertThat(doc.stalls()).isEqualTo(2);

        Heartbeat beat = new Heartbeat("p1", T0.plus(TICK.multipliedBy(3)).plusSeconds(60), 10, 100, 5_000_000_000L);
        doc = tick(doc, 10, 4, beat);

        assertThat(doc.stalls()).isZero();
        assertThat(doc.heartbeat()).isEqualTo(beat);
    }

    @Test
    void theSameHeartbeatSeenAgainIsNotFresh() {
        Heartbeat beat = new Heartbeat("p1", T0.plusSeconds(400), 10, 100, 0);
        ProgressDocument doc = tick(fresh(100), 10, 1, null);
        doc = tick(doc, 10, 2, beat);
        assertThat(doc.stalls()).isZero();

        doc = tick(doc, 10, 3, beat);

        assertThat(doc.stalls()).isEqualTo(1);
    }

    @Test
    void aHeartbeatOlderThanThePreviousTickIsNotFresh() {
        ProgressDocument doc = tick(fresh(100), 10, 1, null);
        doc = tick(doc, 10, 2, new Heartbeat("p1", T0.minusSeconds(3600), 0, 0, 0));

        assertThat(doc.stalls()).isEqualTo(1);
    }

    @Test
    void completeWhenCountReachesAPositiveExpectedTotal() {
        ProgressDocument doc = tick(fresh(10), 12, 120, 1);

        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(doc.percentComplete()).isEqualTo(100.0);
        assertThat(doc.endTime()).isEqualTo(T0.plus(TICK));
        assertThat(doc.etaSeconds()).isZero();
        assertThat(doc.disablePending()).isTrue();
    }

    @Test
    void expectedTotalZeroIsNeverComplete() {
        ProgressDocument doc = tick(fresh(0), 50, 500, 1);

        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(doc.expectedKnown()).isFalse();
        assertThat(doc.percentComplete()).isZero();
        assertThat(doc.etaSeconds()).isNull();
        assertThat(PageFormat.percent(doc)).isEqualTo("—");
    }

    @Test
    void negativeExpectedTotalIsNeverCompleteEither() {
        assertThat(tick(fresh(-1), 0, 0, 1).uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
    }

    @Test
    void keepsTheLegacyAverageSecondsPerImageSinceStart() {
        ProgressDocument doc = ProgressRules.advance(fresh(100), new ImageCount(30, 300, T0), Optional.empty(),
                T0.plusSeconds(600), SETTINGS);

        assertThat(doc.startTime()).isEqualTo(T0);
        assertThat(doc.avgTimePerImage()).isEqualTo(20.0);
    }

    @Test
    void keepsAStartTimeTheAgentAlreadyWrote() {
        ProgressDocument started = fresh(100).toBuilder().startTime(T0.plusSeconds(30)).build();
        ProgressDocument doc = ProgressRules.advance(started, new ImageCount(1, 1, T0.minusSeconds(86_400)),
                Optional.empty(), T0.plus(TICK), SETTINGS);

        assertThat(doc.startTime()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void etaFollowsTheRecentRateNotTheAllTimeAverage() {
        // 2 hours slow (1 image per tick), then 1 hour fast (10 per tick)
        ProgressDocument doc = fresh(1000);
        long count = 0;
        int n = 0;
        for (; n < 24; n++) {
            doc = tick(doc, ++count, count, n + 1);
        }
        for (; n < 36; n++) {
            count += 10;
            doc = tick(doc, count, count, n + 1);
        }
        // recent window: 12 ticks of 5 minutes, 10 images each → 120 images/hour
        long remaining = 1000 - count;
        assertThat(doc.etaSeconds()).isEqualTo((long) Math.ceil(remaining / (120 / 3600.0)));
        assertThat(doc.avgTimePerImage()).isGreaterThan(30); // all-time average would predict far longer
    }

    @Test
    void mergeTakesBucketPrefixRegionRuleAndExpectedTotalFromTheEvent() {
        MonitorEvent event = new MonitorEvent("p1", "bkt", "imgs/p1", 40L, "UploadMonitorRule-p1", "eu-west-1");
        ProgressDocument doc = ProgressRules.merge(fresh(0), event, SETTINGS);

        assertThat(doc.cloudInfo()).isEqualTo(new CloudInfo("bkt", "imgs/p1", "eu-west-1"));
        assertThat(doc.expectedTotal()).isEqualTo(40);
        assertThat(doc.ruleName()).isEqualTo("UploadMonitorRule-p1");
    }

    @Test
    void mergeKeepsTheDocumentsExpectedTotalAndFallsBackToTheSettingsRule() {
        MonitorEvent event = new MonitorEvent("p1", "bkt", null, null, null, null);
        ProgressDocument doc = ProgressRules.merge(fresh(77), event,
                new MonitorSettings(6, "UploadMonitorRule", null, null, "us-east-2"));

        assertThat(doc.expectedTotal()).isEqualTo(77);
        assertThat(doc.ruleName()).isEqualTo("UploadMonitorRule");
        assertThat(doc.cloudInfo()).isEqualTo(new CloudInfo("bkt", "p1", "us-east-2"));
    }

    @Test
    void reopenPutsAFinishedDocumentBackInProgress() {
        ProgressDocument failed = fresh(100).toBuilder().uploadStatus(UploadStatus.FAILED).stalls(6).endTime(T0)
                .ruleDisabledAt(T0).count(10).build();

        ProgressDocument doc = ProgressRules.reopen(failed, 120, 0, T0.plusSeconds(60));

        assertThat(doc.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(doc.stalls()).isZero();
        assertThat(doc.endTime()).isNull();
        assertThat(doc.ruleDisabledAt()).isNull();
        assertThat(doc.count()).isEqualTo(10);
        assertThat(doc.expectedTotal()).isEqualTo(120);
    }

    @Test
    void percentIsCappedAndRounded() {
        assertThat(ProgressRules.percent(1, 3)).isEqualTo(33.33);
        assertThat(ProgressRules.percent(5, 3)).isEqualTo(100.0);
        assertThat(ProgressRules.percent(5, 0)).isZero();
    }
}

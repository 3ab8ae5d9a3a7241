package com.rmi360.monitor.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.FinishNotice;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.Notifier;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.ProgressRules;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;

/** Finished projects: the disable asked again at every tick, and one notification per transition. */
class ProgressMonitorNotifyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final MemoryPorts bucket = new MemoryPorts();
    private final List<String> disabled = new ArrayList<>();
    private final List<FinishNotice> sent = new ArrayList<>();
    private RuntimeException publishFails;
    private final Notifier notifier = notice -> {
        if (publishFails != null) {
            throw publishFails;
        }
        sent.add(notice);
    };

    private ProgressMonitor monitor(int stallThreshold) {
        return new ProgressMonitor(bucket, bucket, (rule, region) -> disabled.add(rule), notifier,
                "https://b.s3.us-east-2.amazonaws.com/", new MonitorSettings(stallThreshold, null, null, null, null),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private TickReport tick(ProgressMonitor monitor, long expected) {
        return monitor.tick(com.rmi360.monitor.model.MonitorEvent.fromMap(Map.of("project_slug", "P1", "bucket", "b",
                "prefix", "P1", "expected_total", expected, "rule_name", StatusKeys.ruleName("P1"))));
    }

    private ProgressDocument progress() {
        return ProgressCodec.decode(bucket.objects.get(StatusKeys.progress("P1")));
    }

    @Test
    void aTickOnAFinishedProjectAsksForTheDisableAgain() {
        bucket.putImages("P1", 2);
        ProgressMonitor monitor = monitor(6);
        tick(monitor, 2);
        TickReport again = tick(monitor, 2);   // the rule fired again: someone re-enabled it
        assertThat(again.disableRequested()).isTrue();
        assertThat(disabled).containsExactly("UploadMonitorRule-P1", "UploadMonitorRule-P1");
    }

    @Test
    void publishesOnceWhenTheProjectBecomesCompleteAndRecordsIt() {
        bucket.putImages("P1", 2);
        ProgressMonitor monitor = monitor(6);
        assertThat(tick(monitor, 2).notified()).isTrue();
        assertThat(tick(monitor, 2).notified()).isFalse();
        assertThat(tick(monitor, 2).notified()).isFalse();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("rmi360: P1 Complete, 2 of 2 images");
            assertThat(n.body()).contains("https://b.s3.us-east-2.amazonaws.com/status/P1.html");
        });
        assertThat(progress().notifiedStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(progress().notifiedAt()).isEqualTo(NOW);
    }

    @Test
    void publishesOnceWhenTheProjectStallsIntoFailed() {
        ProgressMonitor monitor = monitor(1);
        tick(monitor, 10);
        tick(monitor, 10);
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.subject()).isEqualTo("rmi360: P1 Failed, 0 of 10 images"));
    }

    @Test
    void aConcurrentTickThatReadTheSameVersionPublishesNothing() {
        bucket.putImages("P1", 1);
        ProgressMonitor monitor = monitor(6);
        tick(monitor, 2);
        bucket.putImages("P1", 2);
        // Between this tick's read and its claim, another tick claims the same transition.
        String winner = ProgressCodec.encode(progress().toBuilder().uploadStatus(UploadStatus.COMPLETE)
                .notifiedStatus(UploadStatus.COMPLETE).notifiedAt(Instant.EPOCH).build());
        bucket.beforeConditionalWrite = () -> bucket.write("b", StatusKeys.progress("P1"), winner, "x");

        TickReport loser = tick(monitor, 2);

        assertThat(loser.notified()).isFalse();
        assertThat(sent).isEmpty();
        assertThat(loser.problems()).singleElement().asString().contains("another tick owns this Complete");
        assertThat(progress().notifiedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aFailedPublishIsReportedAndNotRepeated() {
        bucket.putImages("P1", 2);
        ProgressMonitor monitor = monitor(6);
        publishFails = new IllegalStateException("SNS unreachable");
        TickReport first = tick(monitor, 2);
        publishFails = null;
        tick(monitor, 2);
        assertThat(first.problems()).singleElement().asString()
                .isEqualTo("notification of Complete failed and is not repeated (it could arrive twice): SNS unreachable");
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedClaimWriteSendsNothingAndTheNextTickNotifies() {
        bucket.putImages("P1", 2);
        ProgressMonitor monitor = monitor(6);
        bucket.beforeConditionalWrite = () -> {
            throw new IllegalStateException("503 SlowDown");
        };
        TickReport first = tick(monitor, 2);
        assertThat(first.problems()).anySatisfy(p -> assertThat(p).startsWith("writing status/progress_P1.json failed, so no notification yet"));
        assertThat(sent).isEmpty();
        bucket.beforeConditionalWrite = () -> { };
        tick(monitor, 2);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aReopenedProjectIsNotifiedAgainWhenItFinishesAgain() {
        bucket.putImages("P1", 2);
        ProgressMonitor monitor = monitor(6);
        tick(monitor, 2);
        bucket.write("b", StatusKeys.progress("P1"), ProgressCodec.encode(ProgressRules.reopen(progress(), 3, 0, NOW)), "x");
        bucket.putImages("P1", 3);
        tick(monitor, 3);
        assertThat(sent).extracting(FinishNotice::subject)
                .containsExactly("rmi360: P1 Complete, 2 of 2 images", "rmi360: P1 Complete, 3 of 3 images");
    }

    @Test
    void withoutANotifierTheJsonIsWrittenPlainly() {
        bucket.putImages("P1", 2);
        bucket.beforeConditionalWrite = () -> {
            throw new AssertionError("no conditional write without a notifier");
        };
        new ProgressMonitor(bucket, bucket, (rule, region) -> { }, MonitorSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                .tick(com.rmi360.monitor.model.MonitorEvent.fromMap(Map.of("project_slug", "P1", "bucket", "b", "expected_total", 2)));
        assertThat(progress().uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(progress().notifiedStatus()).isNull();
    }
}

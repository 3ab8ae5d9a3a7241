package com.rmi360.monitor.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;

/** The ProgressMonitor function on in-memory ports: what the handler and local mode both get. */
class ProgressMonitorFunctionTest {

    private final MemoryPorts bucket = new MemoryPorts();
    private final List<String> disabled = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final ProgressMonitorFunction function = new ProgressMonitorFunction(
            new ProgressMonitor(bucket, bucket, (rule, region) -> disabled.add(rule),
                    MonitorSettings.defaults(), Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC)),
            log::add);

    private static Map<String, Object> event(long expected) {
        return Map.of("project_slug", "P1", "bucket", "b", "prefix", "P1", "expected_total", expected,
                "rule_name", StatusKeys.ruleName("P1"));
    }

    @Test
    void aTickReturnsTheReportAsAMapAndLogsOneTickLine() {
        bucket.putImages("P1", 3);
        Map<String, Object> result = function.handle(event(10));
        assertThat(result).containsEntry("slug", "P1").containsEntry("count", 3L).containsEntry("expected", 10L)
                .containsEntry("status", "In Progress").containsEntry("problems", 0);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).startsWith("{\"level\":\"INFO\",\"msg\":\"tick\",\"slug\":\"P1\",\"count\":3,");
        assertThat(bucket.objects).containsKeys(StatusKeys.progress("P1"), StatusKeys.page("P1"), StatusKeys.INDEX_PAGE);
    }

    @Test
    void theReportIsReturnedAndACompleteProjectAsksForTheDisable() {
        bucket.putImages("P1", 2);
        TickReport report = function.tick(event(2));
        assertThat(report.status()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(report.disableRequested()).isTrue();
        assertThat(disabled).containsExactly("UploadMonitorRule-P1");
    }

    @Test
    void problemsAreLoggedBeforeTheTickLine() {
        bucket.objects.put(StatusKeys.heartbeat("P1"), "not json");
        function.handle(event(10));
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("{\"level\":\"ERROR\",\"msg\":\"heartbeat status/heartbeat_P1.json ignored");
        assertThat(log.get(1)).startsWith("{\"level\":\"WARN\",\"msg\":\"tick\"");
    }

    @Test
    void aBadEventIsLoggedAndRethrown() {
        assertThatThrownBy(() -> function.handle(Map.of("project_slug", "../x", "bucket", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(log).singleElement().asString()
                .startsWith("{\"level\":\"ERROR\",\"msg\":\"tick failed: java.lang.IllegalArgumentException")
                .endsWith(",\"slug\":\"../x\"}");
        assertThat(bucket.objects).isEmpty();
    }

    @Test
    void aFailedListingIsLoggedAndRethrownAndNothingIsWritten() {
        bucket.listingFails = new IllegalStateException("SlowDown");
        assertThatThrownBy(() -> function.handle(event(10))).isSameAs(bucket.listingFails);
        assertThat(log).singleElement().asString().contains("tick failed: java.lang.IllegalStateException: SlowDown");
        assertThat(bucket.objects).isEmpty();
    }

    @Test
    void aNullEventIsABadEvent() {
        assertThatThrownBy(() -> function.handle(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log).singleElement().asString().endsWith(",\"slug\":null}");
    }
}

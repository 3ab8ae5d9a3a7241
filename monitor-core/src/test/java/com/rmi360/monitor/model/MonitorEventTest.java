package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MonitorEventTest {

    @Test
    void readsTheTargetInputAsTheRuntimeDeliversIt() {
        MonitorEvent e = MonitorEvent.fromMap(Map.of("project_slug", "ABC", "bucket", "b", "prefix", "ABC",
                "expected_total", 120, "rule_name", "UploadMonitorRule-ABC", "region", "us-east-2"));

        assertThat(e).isEqualTo(new MonitorEvent("ABC", "b", "ABC", 120L, "UploadMonitorRule-ABC", "us-east-2"));
        assertThat(e.listPrefix()).isEqualTo("ABC/");
    }

    @Test
    void acceptsNumericStringsAndLeavesOptionalFieldsNull() {
        MonitorEvent e = MonitorEvent.fromMap(Map.of("project_slug", "ABC", "bucket", "b", "expected_total", "42"));

        assertThat(e.expectedTotal()).isEqualTo(42L);
        assertThat(e.ruleName()).isNull();
        assertThat(e.region()).isNull();
        assertThat(e.listPrefix()).isEqualTo("ABC/");
    }

    @Test
    void normalisesThePrefixToList() {
        assertThat(new MonitorEvent("A", "b", "/x/y", null, null, null).listPrefix()).isEqualTo("x/y/");
        assertThat(new MonitorEvent("A", "b", "x/", null, null, null).listPrefix()).isEqualTo("x/");
        assertThat(new MonitorEvent("A", "b", "", null, null, null).listPrefix()).isEmpty();
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> MonitorEvent.fromMap(Map.of("bucket", "b"))).hasMessageContaining("slug");
        assertThatThrownBy(() -> MonitorEvent.fromMap(Map.of("project_slug", "A"))).hasMessageContaining("bucket");
        assertThatThrownBy(() -> MonitorEvent.fromMap(Map.of("project_slug", "A", "bucket", "b", "expected_total", "many")))
                .hasMessageContaining("expected_total");
        assertThatThrownBy(() -> MonitorEvent.fromMap(Map.of("project_slug", "A", "bucket", Map.of())))
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> MonitorEvent.fromMap(null)).hasMessageContaining("empty");
    }

    @Test
    void writesTheTargetInputForTheAgent() {
        Map<String, Object> partial = new HashMap<>();
        MonitorEvent e = new MonitorEvent("A", "b", "A", 10L, "UploadMonitorRule-A", null);

        assertThat(e.toJson()).isEqualTo("{\"project_slug\":\"A\",\"bucket\":\"b\",\"prefix\":\"A\",\"expected_total\":10,"
                + "\"rule_name\":\"UploadMonitorRule-A\"}");
        partial.putAll(e.toMap());
        assertThat(MonitorEvent.fromMap(partial)).isEqualTo(e);
    }
}

package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DisableRequestTest {

    @Test
    void acceptsTheBaseRuleAndPerProjectRules() {
        assertThat(DisableRequest.fromMap(Map.of("rule_name", "UploadMonitorRule"))).isEqualTo(new DisableRequest("UploadMonitorRule", null));
        assertThat(DisableRequest.fromMap(Map.of("rule_name", "UploadMonitorRule-ABC", "region", "eu-west-1")).region())
                .isEqualTo("eu-west-1");
    }

    @Test
    void rejectsMissingBlankAndForeignNames() {
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("rule_name", null);
        assertThatThrownBy(() -> DisableRequest.fromMap(Map.of())).hasMessageContaining("missing");
        assertThatThrownBy(() -> DisableRequest.fromMap(nullName)).hasMessageContaining("missing");
        assertThatThrownBy(() -> DisableRequest.fromMap(Map.of("rule_name", "  "))).hasMessageContaining("blank");
        assertThatThrownBy(() -> DisableRequest.fromMap(Map.of("rule_name", "UploadProgressScheduleRule")))
                .hasMessageContaining("UploadMonitorRule");
        assertThatThrownBy(() -> DisableRequest.fromMap(Map.of("rule_name", "UploadMonitorRule-" + "x".repeat(60))))
                .hasMessageContaining("64");
        assertThatThrownBy(() -> DisableRequest.fromMap(Map.of("rule_name", 5))).hasMessageContaining("strings");
    }
}

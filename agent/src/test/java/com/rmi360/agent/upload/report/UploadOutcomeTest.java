package com.rmi360.agent.upload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class UploadOutcomeTest {

    static final UploadReport REPORT = new UploadReport(10, 10, 0, 0, 0, 4096, Duration.ofSeconds(1), false, 0, List.of());

    @Test
    void saysTheRequestRetriesWhereTheClientReportsThem() {
        assertThat(new UploadOutcome(REPORT, null, OptionalLong.of(3), 0).summary()).contains("; 3 retries");
        assertThat(new UploadOutcome(REPORT, null, OptionalLong.empty(), 0).summary()).doesNotContain("retries");
    }
}

package com.rmi360.agent.upload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class UploadOutcomeTest {

    static final UploadReport REPORT = new UploadReport(10, 10, 0, 0, 0, 4096, Duration.ofSeconds(1), false, 0, List.of());

    @Test
    void saysWhenTheRetriesWereCountedOnASample() {
        assertThat(new UploadOutcome(REPORT, null, OptionalLong.of(3), 0, true).summary()).contains("; 3 retries (sampled)");
        assertThat(new UploadOutcome(REPORT, null, OptionalLong.of(3), 0, false).summary())
                .contains("; 3 retries").doesNotContain("sampled");
    }
}

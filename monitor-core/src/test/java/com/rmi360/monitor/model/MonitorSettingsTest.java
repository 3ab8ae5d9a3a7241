package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MonitorSettingsTest {

    @Test
    void readsTheLambdaEnvironmentWithDefaults() {
        MonitorSettings s = MonitorSettings.fromEnv(Map.of("AWS_REGION", "us-east-2"));

        assertThat(s.stallThreshold()).isEqualTo(6);
        assertThat(s.ruleName()).isEqualTo("UploadMonitorRule");
        assertThat(s.disableFunctionName()).isEqualTo("DisableUploadMonitorRule");
        assertThat(s.imageExtensions()).containsExactlyInAnyOrder("jpg", "jpeg");
        assertThat(s.region()).isEqualTo("us-east-2");
    }

    @Test
    void readsOverridesAndNormalisesExtensions() {
        MonitorSettings s = MonitorSettings.fromEnv(Map.of("STALL_THRESHOLD", " 3 ", "RULE_NAME", "UploadMonitorRule-x",
                "DISABLE_FUNCTION_NAME", "Off", "IMAGE_EXTENSIONS", " .JPG, tif ,,"));

        assertThat(s.stallThreshold()).isEqualTo(3);
        assertThat(s.ruleName()).isEqualTo("UploadMonitorRule-x");
        assertThat(s.disableFunctionName()).isEqualTo("Off");
        assertThat(s.imageExtensions()).containsExactlyInAnyOrder("jpg", "tif");
    }

    @Test
    void rejectsABadThreshold() {
        assertThatThrownBy(() -> MonitorSettings.fromEnv(Map.of("STALL_THRESHOLD", "six")))
                .hasMessageContaining("STALL_THRESHOLD");
        assertThatThrownBy(() -> MonitorSettings.fromEnv(Map.of("STALL_THRESHOLD", "0")))
                .hasMessageContaining("at least 1");
    }

    @Test
    void recognisesImagesByExtensionInAnyCase() {
        MonitorSettings s = MonitorSettings.defaults();

        assertThat(s.isImageKey("p/a.jpg")).isTrue();
        assertThat(s.isImageKey("p/deep/B.JPEG")).isTrue();
        assertThat(s.isImageKey("p/c.JpG")).isTrue();
        assertThat(s.isImageKey("p/notes.txt")).isFalse();
        assertThat(s.isImageKey("p/jpg")).isFalse();
        assertThat(s.isImageKey("p/.jpg")).isFalse();
        assertThat(s.isImageKey("p/dir.jpg/")).isFalse();
        assertThat(s.isImageKey("p/x.jpg.part")).isFalse();
    }

    @Test
    void tallyCountsImagesOnlyAndNeverUnderStatus() {
        ImageTally tally = new ImageTally(MonitorSettings.defaults());
        Instant early = Instant.parse("2026-01-01T00:00:00Z");
        tally.accept(new ObjectEntry("p/a.jpg", 100, early.plusSeconds(5)));
        tally.accept(new ObjectEntry("p/b.JPEG", 50, early));
        tally.accept(new ObjectEntry("p/c.png", 999, early.minusSeconds(5)));
        tally.accept(new ObjectEntry("status/x.jpg", 999, early.minusSeconds(5)));

        assertThat(tally.result()).isEqualTo(new ImageCount(2, 150, early));
    }
}

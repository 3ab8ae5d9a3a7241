package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PageFormatTest {

    @Test
    void formatsDurationsAsHoursMinutesSeconds() {
        assertThat(PageFormat.hms(0L)).isEqualTo("0:00:00");
        assertThat(PageFormat.hms(3723L)).isEqualTo("1:02:03");
        assertThat(PageFormat.hms(100 * 3600L)).isEqualTo("100:00:00");
        assertThat(PageFormat.hms(null)).isEqualTo("—");
    }

    @Test
    void formatsSizesWithBinaryPrefixes() {
        assertThat(PageFormat.bytes(512)).isEqualTo("512 B");
        assertThat(PageFormat.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(PageFormat.bytes(25L << 20)).isEqualTo("25.0 MiB");
        assertThat(PageFormat.rate(null)).isEqualTo("—");
    }

    @Test
    void formatsTimesInUtcAndAges() {
        Instant t = Instant.parse("2026-11-28T12:05:59Z");
        assertThat(PageFormat.time(t)).isEqualTo("2026-11-28 12:05 UTC");
        assertThat(PageFormat.age(t, t.plusSeconds(30))).isEqualTo("30 s ago");
        assertThat(PageFormat.age(t, t.plusSeconds(600))).isEqualTo("10 min ago");
        assertThat(PageFormat.age(t, t.plusSeconds(7200))).isEqualTo("2.0 h ago");
        assertThat(PageFormat.elapsedSeconds(t, null, t.plusSeconds(61))).isEqualTo(61);
        assertThat(PageFormat.elapsedSeconds(t, t.plusSeconds(5), t.plusSeconds(61))).isEqualTo(5);
    }
}

package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecentRateTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void measuresOnlyTheSamplesInsideTheWindow() {
        List<Sample> history = List.of(new Sample(T0, 0, 0), new Sample(T0.plusSeconds(3600), 10, 1000),
                new Sample(T0.plusSeconds(5400), 100, 10_000), new Sample(T0.plusSeconds(7200), 190, 19_000));

        RecentRate rate = RecentRate.of(history, Duration.ofHours(1));

        assertThat(rate.imagesPerSecond()).isEqualTo(180 / 3600.0);
        assertThat(rate.bytesPerSecond()).isEqualTo(18_000 / 3600.0);
        assertThat(rate.etaSeconds(190, 370)).isEqualTo(3600);
    }

    @Test
    void isUnknownWithOneSampleOrAFallingCount() {
        assertThat(RecentRate.of(List.of(new Sample(T0, 1, 1))).imagesPerSecond()).isNull();
        assertThat(RecentRate.of(List.of(new Sample(T0, 5, 5), new Sample(T0.plusSeconds(60), 4, 4))).imagesPerSecond()).isNull();
    }

    @Test
    void etaIsUnknownWhenHaltedOrTotalUnknownAndZeroWhenDone() {
        RecentRate halted = RecentRate.of(List.of(new Sample(T0, 5, 5), new Sample(T0.plusSeconds(300), 5, 5)));

        assertThat(halted.etaSeconds(5, 10)).isNull();
        assertThat(halted.etaSeconds(5, 0)).isNull();
        assertThat(halted.etaSeconds(10, 10)).isZero();
    }
}

package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

/**
 * The bucket's allowance on a clock the test moves (no real time): it starts with the first take,
 * and keeps at most a second of the cap that nobody used.
 */
class BandwidthThrottleTest {

    static final long RATE = 1 << 20; // 1 MiB/s

    /** Time that moves only when the test says so. */
    static final class Clock implements TimeMeter {
        long nanos;

        void advance(double seconds) {
            nanos += (long) (seconds * 1e9);
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void theAllowanceStartsWithTheFirstTakeNotWhenTheRunWasSetUp() {
        Clock clock = new Clock();
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE, clock)) {
            clock.advance(10); // scanning, checking the bucket: no body asks for bytes yet
            throttle.take(throttle.grant());
            // nothing was saved up before the first take: its bytes wait for the refill
            assertThat(throttle.available()).isEqualTo(-throttle.grant());
        }
    }

    @Test
    void allowanceNobodyUsedIsKeptForOneSecondOfTheCapAndNoMore() {
        Clock clock = new Clock();
        try (BandwidthThrottle throttle = new BandwidthThrottle(RATE, clock)) {
            throttle.take(1);
            // the connections were held back by the network for half a second: all of it is kept
            clock.advance(0.5);
            assertThat(throttle.available()).isEqualTo(RATE / 2 - 1);
            // ten idle seconds keep one second's worth, so no window gets more than a second over the cap
            clock.advance(10);
            assertThat(throttle.available()).isEqualTo(RATE);
        }
    }

    @Test
    void grantsStayAQuarterSecondOfTheCapAtMost64KiB() {
        assertThat(new BandwidthThrottle(64 << 10, new Clock()).grant()).isEqualTo(16 << 10);
        assertThat(new BandwidthThrottle(8L << 20, new Clock()).grant()).isEqualTo(BandwidthThrottle.MAX_GRANT);
    }
}

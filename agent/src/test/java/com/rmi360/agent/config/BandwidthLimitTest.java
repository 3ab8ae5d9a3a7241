package com.rmi360.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

class BandwidthLimitTest {

    @ParameterizedTest(name = "{0} = {1} B/s")
    @CsvSource(delimiter = '=', value = {
        // rclone style: bytes per second, binary multiples
        "20M = 20971520", "500K = 512000", "500k = 512000", "1G = 1073741824", "1.5M = 1572864", "4096 = 4096",
        // explicit binary units
        "5MiB/s = 5242880", "5MiB = 5242880", "5Mi = 5242880", "64KiB/s = 65536", "2 MiB/s = 2097152",
        // AWS CLI max_bandwidth: MB/s is 1024*1024 bytes
        "50MB/s = 52428800", "50MB = 52428800", "10KB/s = 10240", "800000B/s = 800000", "800000B = 800000",
        // bits per second, decimal multiples
        "40Mbit = 5000000", "40Mbps = 5000000", "40Mb/s = 5000000", "40mbit = 5000000", "40Mbit/s = 5000000",
        "100kbit = 12500", "1Gbps = 125000000", "2.5Mbit = 312500",
        // no cap
        "0 = 0", "off = 0", "OFF = 0", "0M = 0", "0Mbit = 0"})
    void parsesEachForm(String text, long expected) {
        assertThat(BandwidthLimit.parse(text, "--bwlimit").bytesPerSecond()).isEqualTo(expected);
    }

    @Test
    void notGivenIsOff() {
        assertThat(BandwidthLimit.parse(null, "--bwlimit")).isEqualTo(BandwidthLimit.OFF);
        assertThat(BandwidthLimit.parse("  ", "--bwlimit").capped()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20X", "M", "fast", "-5M", "5 MB/h", "5mib/s", "5MiBit", "5MBps", "1e6", "20M/m", ".5M",
        "5,5M", "5MiB/s/s", "5Tbit", "5Kib"})
    void refusesBadFormsInOneLineNamingTheFlagAndValue(String text) {
        assertThatThrownBy(() -> BandwidthLimit.parse(text, "--bwlimit"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessage("--bwlimit '" + text.strip() + "': use a rate like 20M, 5MiB/s or 40Mbit");
    }

    @Test
    void refusesCapsTooSmallOrTooLarge() {
        assertThatThrownBy(() -> BandwidthLimit.parse("500", "config.yaml: aws.max_bandwidth"))
                .hasMessage("config.yaml: aws.max_bandwidth '500': the smallest cap is 1K (1024 bytes/s); 0 or off for none");
        assertThatThrownBy(() -> BandwidthLimit.parse("8kbit", "--bwlimit")).hasMessageContaining("smallest cap");
        assertThatThrownBy(() -> BandwidthLimit.parse("2000G", "--bwlimit")).hasMessageContaining("largest cap is 1024G");
        assertThat(BandwidthLimit.parse("1K", "--bwlimit").bytesPerSecond()).isEqualTo(BandwidthLimit.MIN_BYTES_PER_SECOND);
    }

    @Test
    void describesInBinaryBytesAndDecimalMegabits() {
        assertThat(BandwidthLimit.parse("2M", "x").describe()).isEqualTo("2.0 MiB/s (16.8 Mbit/s)");
        assertThat(BandwidthLimit.parse("40Mbit", "x").describe()).isEqualTo("4.8 MiB/s (40.0 Mbit/s)");
        assertThat(BandwidthLimit.parse("500K", "x").describe()).isEqualTo("500.0 KiB/s (4.1 Mbit/s)");
        assertThat(BandwidthLimit.parse("2G", "x").describe()).isEqualTo("2.0 GiB/s (17179.9 Mbit/s)");
        assertThat(BandwidthLimit.OFF.describe()).isEqualTo("off");
    }
}

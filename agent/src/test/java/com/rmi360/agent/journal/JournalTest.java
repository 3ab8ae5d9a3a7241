package com.rmi360.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path tmp;

    Journal open(Path file) throws IOException {
        return Journal.open(file, "s3://b/p/", Duration.ofMillis(10));
    }

    @Test
    void recordsSurviveReopenAndLaterLinesWin() throws IOException {
        Path file = tmp.resolve("j.log");
        try (Journal j = open(file)) {
            j.record(new JournalEntry("p/a.jpg", 10, 1000, "CRC64NVME:AAAAAAAAAAA="));
            j.record(new JournalEntry("p/tab\there\nnewline é.jpg", 0, 2000, "CRC64NVME:AQIDBAUGBwg="));
            j.record(new JournalEntry("p/a.jpg", 11, 3000, "CRC64NVME:CAcGBQQDAgE="));
        }
        try (Journal j = open(file)) {
            assertThat(j.size()).isEqualTo(2);
            assertThat(j.get("p/a.jpg")).hasValue(new JournalEntry("p/a.jpg", 11, 3000, "CRC64NVME:CAcGBQQDAgE="));
            assertThat(j.get("p/tab\there\nnewline é.jpg").orElseThrow().matches(0, 2000)).isTrue();
            assertThat(j.damagedLines()).isZero();
        }
        assertThat(Files.readAllLines(file).get(0)).startsWith(Journal.MAGIC);
    }

    @Test
    void tornLastLineIsIgnoredAndCutBeforeAppending() throws IOException {
        Path file = tmp.resolve("j.log");
        try (Journal j = open(file)) {
            j.record(new JournalEntry("k1", 1, 1, "CRC32:AAAAAA=="));
            j.record(new JournalEntry("k2", 2, 2, "CRC32:AAAAAB=="));
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 7)); // kill -9 in the middle of a write
        try (Journal j = open(file)) {
            assertThat(j.get("k1")).isPresent();
            assertThat(j.get("k2")).isEmpty();
            assertThat(j.damagedLines()).isEqualTo(1);
            j.record(new JournalEntry("k3", 3, 3, "CRC32:AAAAAC=="));
        }
        try (Journal j = open(file)) {
            assertThat(j.get("k3")).isPresent();
            assertThat(j.damagedLines()).isZero();
        }
    }

    @Test
    void damagedLineFailsItsOwnCrcAndIsSkipped() throws IOException {
        Path file = tmp.resolve("j.log");
        try (Journal j = open(file)) {
            j.record(new JournalEntry("good", 5, 5, "CRC32:AAAAAA=="));
        }
        String line = Journal.format(new JournalEntry("bad", 9, 9, "CRC32:AAAAAA==")).replace("\t9\t", "\t8\t");
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal j = open(file)) {
            assertThat(j.get("good")).isPresent();
            assertThat(j.get("bad")).isEmpty();
            assertThat(j.damagedLines()).isEqualTo(1);
        }
    }

    @Test
    void compactsWhenSupersededLinesDominate() throws IOException {
        Path file = tmp.resolve("j.log");
        try (Journal j = open(file)) {
            for (int i = 0; i < 3000; i++) {
                j.record(new JournalEntry("k" + (i % 10), i, i, "CRC32:AAAAAA=="));
            }
        }
        long before = Files.size(file);
        try (Journal j = open(file)) {
            assertThat(j.size()).isEqualTo(10);
            assertThat(j.get("k9").orElseThrow().size()).isEqualTo(2999);
        }
        assertThat(Files.size(file)).isLessThan(before / 100);
        assertThat(Files.exists(tmp.resolve("j.log.tmp"))).isFalse();
    }

    @Test
    void matchesOnlySameSizeAndMtime() {
        JournalEntry e = new JournalEntry("k", 10, 20, "CRC32:AAAAAA==");
        assertThat(e.matches(10, 20)).isTrue();
        assertThat(e.matches(10, 21)).isFalse();
        assertThat(e.matches(11, 20)).isFalse();
    }
}

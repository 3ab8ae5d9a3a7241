package com.rmi360.agent.upload.flight;

import static org.assertj.core.api.Assertions.assertThat;

import com.rmi360.agent.upload.report.CsvLog;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void lineShowsFilesBytesRateAndEta() {
        Progress p = new Progress(200, 200L << 20);
        p.filesDone.set(50);
        p.bytesSent.set(50L << 20);
        assertThat(p.line()).matches("50/200 files, 50\\.0/200\\.0 MiB, [0-9.]+ MiB/s, ETA \\d+:\\d\\d:\\d\\d");
        p.filesFailed.set(2);
        assertThat(p.line()).endsWith(", 2 failed");
    }

    @Test
    void etaIsHoursMinutesSeconds() {
        assertThat(Progress.hms(0)).isEqualTo("0:00:00");
        assertThat(Progress.hms(3725)).isEqualTo("1:02:05");
    }

    @Test
    void csvQuotesCommasQuotesAndNewlines() {
        assertThat(CsvLog.quote("plain.jpg")).isEqualTo("plain.jpg");
        assertThat(CsvLog.quote("a, b.jpg")).isEqualTo("\"a, b.jpg\"");
        assertThat(CsvLog.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvLog.quote("two\nlines")).isEqualTo("\"two lines\"");
    }
}

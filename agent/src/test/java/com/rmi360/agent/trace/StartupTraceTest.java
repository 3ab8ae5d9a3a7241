package com.rmi360.agent.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class StartupTraceTest {

    /** bench/startup.py parses these lines: the same text as the format they had before. */
    @Test
    void linesReadAsThePrintfFormat() {
        for (long ms : new long[] {0, 7, 42, 12345, 1234567}) {
            for (String step : new String[] {"main", "preflight ListObjectsV2 done", "x".repeat(45)}) {
                assertEquals(String.format(Locale.ROOT, "rmi360 trace: %5d ms  %-40s [%s]", ms, step, "main"),
                        StartupTrace.line(ms, step, "main"));
            }
        }
    }
}

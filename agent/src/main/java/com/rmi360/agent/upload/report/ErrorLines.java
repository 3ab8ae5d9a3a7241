package com.rmi360.agent.upload.report;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code error:} lines of one run: the first {@value #MAX_ERROR_LINES} are printed, then one
 * line pointing at the CSV log, then nothing (the CSV log has every row). Thread-safe.
 */
public final class ErrorLines {

    static final int MAX_ERROR_LINES = 20;

    private final PrintWriter err;
    private final AtomicLong count = new AtomicLong();

    public ErrorLines(PrintWriter err) {
        this.err = err;
    }

    /** Prints {@code error: <line>} unless the run has printed enough of them already. */
    void print(String line) {
        long n = count.incrementAndGet();
        synchronized (err) {
            if (n <= MAX_ERROR_LINES) {
                err.println("error: " + line);
            } else if (n == MAX_ERROR_LINES + 1) {
                err.println("error: more errors; see the CSV log");
            }
            err.flush();
        }
    }
}

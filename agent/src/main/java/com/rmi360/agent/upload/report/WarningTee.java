package com.rmi360.agent.upload.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Stderr in {@code --progress json} mode: every line still goes to stderr as it is, and each
 * {@code warning: ...} line is also a {@code warning} event on stdout, so that code printing a
 * warning anywhere in the run needs no second path. Whole lines only; thread-safe.
 */
public final class WarningTee extends Writer {

    private static final String PREFIX = "warning: ";

    private final PrintWriter err;
    private final ProgressEvents events;
    private final StringBuilder line = new StringBuilder();

    private WarningTee(PrintWriter err, ProgressEvents events) {
        this.err = err;
        this.events = events;
    }

    /** {@code err} itself when events are off, else a writer that also turns warnings into events. */
    public static PrintWriter wrap(PrintWriter err, ProgressEvents events) {
        return events.enabled() ? new PrintWriter(new WarningTee(err, events), true) : err;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                String text = line.toString();
                line.setLength(0);
                err.println(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
                if (text.startsWith(PREFIX)) {
                    events.warning(text.substring(PREFIX.length()).strip());
                }
            } else {
                line.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        err.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!line.isEmpty()) {
            write(new char[] {'\n'}, 0, 1);
        }
        flush();
    }
}

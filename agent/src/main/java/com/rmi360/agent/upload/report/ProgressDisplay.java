package com.rmi360.agent.upload.report;

import java.io.PrintWriter;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.options.UploadOptions;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows {@link Progress}: a bar (bytes, MiB/s, ETA, files as the extra message) on a terminal, a
 * plain line every {@value #PLAIN_EVERY_SECONDS} s (and a last one at the end) otherwise, a
 * {@code progress} event every {@value #JSON_EVERY_SECONDS} s (and a last one) with --progress json, or
 * nothing. {@link #tick()} is called several times a second.
 */
public final class ProgressDisplay implements AutoCloseable {

    static final int PLAIN_EVERY_SECONDS = 5;
    static final int JSON_EVERY_SECONDS = 1;

    private final Progress progress;
    private final UploadOptions.ProgressMode mode;
    private final PrintWriter err;
    private final ProgressEvents events;
    private ProgressBar bar;
    private long lastPlain = System.nanoTime();

    public ProgressDisplay(Progress progress, UploadOptions.ProgressMode mode, PrintWriter err, ProgressEvents events) {
        this.events = events;
        this.progress = progress;
        this.mode = mode;
        this.err = err;
        if (mode == UploadOptions.ProgressMode.BAR) {
            bar = new ProgressBarBuilder().setTaskName("upload").setInitialMax(Math.max(progress.bytesToSend, 1))
                    .setUnit("MiB", 1 << 20).showSpeed().setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500).build();
        }
    }

    public synchronized void tick() {
        switch (mode) {
            case BAR -> {
                bar.stepTo(Math.min(progress.bytesSent(), progress.bytesToSend));
                bar.setExtraMessage(" " + progress.filesDone() + "/" + progress.filesToSend + " files");
            }
            case PLAIN -> {
                if (System.nanoTime() - lastPlain >= PLAIN_EVERY_SECONDS * 1_000_000_000L) {
                    lastPlain = System.nanoTime();
                    err.println("progress: " + progress.line());
                    err.flush();
                }
            }
            case JSON -> {
                if (System.nanoTime() - lastPlain >= JSON_EVERY_SECONDS * 1_000_000_000L) {
                    lastPlain = System.nanoTime();
                    events.progress(progress);
                }
            }
            case NONE -> { }
        }
    }

    @Override
    public synchronized void close() {
        if (mode == UploadOptions.ProgressMode.PLAIN) {
            err.println("progress: " + progress.line());
            err.flush();
        }
        if (mode == UploadOptions.ProgressMode.JSON) {
            events.progress(progress);
        }
        if (bar != null) {
            bar.stepTo(Math.min(progress.bytesSent(), progress.bytesToSend));
            bar.close();
            bar = null;
        }
    }
}

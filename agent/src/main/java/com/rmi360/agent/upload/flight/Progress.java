package com.rmi360.agent.upload.flight;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one run, shared by the pipeline, the progress display and the heartbeat. */
public final class Progress {

    public final AtomicLong filesDone = new AtomicLong();
    public final AtomicLong filesFailed = new AtomicLong();
    public final AtomicLong bytesSent = new AtomicLong();
    public final AtomicLong bytesInFlight = new AtomicLong();
    /** The current limit on files in flight ({@link FilesInFlight}). */
    public final AtomicInteger concurrency = new AtomicInteger();
    public final long filesToSend;
    public final long bytesToSend;
    final long startNanos = System.nanoTime();

    public Progress(long filesToSend, long bytesToSend) {
        this.filesToSend = filesToSend;
        this.bytesToSend = bytesToSend;
    }

    public long filesDone() {
        return filesDone.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesInFlight() {
        return bytesInFlight.get();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** e.g. {@code 120/200 files, 960.0/1600.0 MiB, 85.3 MiB/s, ETA 0:00:07}. */
    public String line() {
        double secs = Math.max(seconds(), 1e-3);
        double mib = bytesSent.get() / 1048576.0;
        double rate = mib / secs;
        long remaining = Math.max(bytesToSend - bytesSent.get(), 0);
        String eta = rate <= 0 ? "--:--:--" : hms((long) (remaining / 1048576.0 / rate));
        return String.format(java.util.Locale.ROOT, "%d/%d files, %.1f/%.1f MiB, %.1f MiB/s, ETA %s%s",
                filesDone.get(), filesToSend, mib, bytesToSend / 1048576.0, rate, eta,
                filesFailed.get() > 0 ? ", " + filesFailed.get() + " failed" : "");
    }

    static String hms(long s) {
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}

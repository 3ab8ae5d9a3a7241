package com.rmi360.agent.upload.flight;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.rmi360.agent.upload.options.UploadOptions;

/**
 * The slots of the files in flight, under a limit that may change while files are in flight: a
 * file takes a slot before it is read and gives it back when its outcome is recorded. Pinned (a
 * fixed limit, {@code --concurrency N} or config {@code aws.max_workers}) or adaptive (a
 * {@link FlightController} moves the limit, and the bytes of the files in flight stay under a
 * bound, except for a single file larger than it). The controller's throttle signals: a file's
 * retryable failure ({@link #throttled}), and request retries the client reports (RETRY_COUNT on
 * either client, see {@link RequestRetries}). Lowering the limit takes no slot away: files in
 * flight finish, and new ones wait until fewer than the limit remain. Thread-safe.
 */
public final class FilesInFlight {

    /** Adaptive mode: the first limit, the highest, and the bound on the bytes of the files in flight. */
    static final int ADAPTIVE_START = 16;
    static final int ADAPTIVE_MAX = 128;
    /**
     * The CRT reads each single-PUT body (below {@code TransferSizes.MULTIPART_THRESHOLD}) whole into native
     * memory before sending it, so each byte in flight is a byte of RSS: 66 x 8 MiB (loopback, with
     * bin/rmi360's single malloc arena) peaked at 166-169 MiB with 64 MiB in flight (8 files), 153 with 48,
     * 135 with 32; all 200 files of B at 143 with 32 (140-148 in bench/run.py) and 136 with 24 (3 files),
     * at the same throughput. Issue 12 asks for 150. Three 8 MiB PUTs still carry a 200 Mbit/s x 150 ms
     * link (3.7 MB in flight) as well as eight did (docs/benchmarks.md, 2026-12-01 RSS).
     */
    static final long ADAPTIVE_MAX_BYTES = 24L << 20;

    private final FlightController controller;
    private final long maxBytes;
    private final Progress progress;
    private final UploadOptions.ConcurrencyMode mode;
    private LongSupplier requestRetries = () -> 0;
    private long retriesSeen;
    private int limit;
    private int files;
    private long bytes;
    /** The most files in flight at once while the byte bound held one back (0: it never did). */
    private int heldAt;

    private FilesInFlight(int limit, FlightController controller, long maxBytes, Progress progress,
                          UploadOptions.ConcurrencyMode mode) {
        this.limit = limit;
        this.controller = controller;
        this.maxBytes = maxBytes;
        this.progress = progress;
        this.mode = mode;
        progress.concurrency.set(limit);
    }

    /** A fixed limit of {@code n} files. */
    static FilesInFlight pinned(int n, Progress progress, UploadOptions.ConcurrencyMode mode) {
        return new FilesInFlight(n, null, Long.MAX_VALUE, progress, mode);
    }

    /** A limit the controller moves between 1 and {@code maxFiles}, with at most {@code maxBytes} in flight. */
    static FilesInFlight adaptive(int start, int maxFiles, long maxBytes, LongSupplier nanos, Progress progress) {
        return new FilesInFlight(start, new FlightController(start, maxFiles, nanos), maxBytes, progress,
                UploadOptions.ConcurrencyMode.ADAPTIVE);
    }

    /** Request retries so far (a counter that only grows): each rise is a throttle signal, checked at each completion. */
    public synchronized FilesInFlight watching(LongSupplier retries) {
        this.requestRetries = retries;
        this.retriesSeen = retries.getAsLong();
        return this;
    }

    /** The options' choice: pinned at {@code concurrency}, or adaptive from it up to {@link #ADAPTIVE_MAX}. */
    public static FilesInFlight of(UploadOptions o, Progress progress) {
        return o.concurrencyMode() == UploadOptions.ConcurrencyMode.ADAPTIVE
                ? adaptive(Math.min(o.concurrency(), ADAPTIVE_MAX), Math.max(o.concurrency(), ADAPTIVE_MAX),
                        maxBytes(o), System::nanoTime, progress)
                : pinned(o.concurrency(), progress, o.concurrencyMode());
    }

    /**
     * The adaptive bound on the bytes of the files in flight: {@link #ADAPTIVE_MAX_BYTES}, none under
     * a bandwidth cap. That bound is for the CRT, which holds single-PUT bodies in memory; a capped run
     * sends on the Java client, whose throttled bodies are read from the file as the cap releases them.
     * And under a cap fewer files means fewer connections, which lose more often to a competing flow:
     * a connection that falls behind sits backlogged at 4 packets in flight (BBR, WAN rig), so the
     * floor grows with the connections. At 25 Mbit/s beside a greedy TCP flow on the 50 Mbit/s rig,
     * 8 files of 8 MiB (what 64 MiB allowed) held the cap in 2 of 4 trials (78-102 %), 15 files in 9
     * of 13 (81-101 %; docs/benchmarks.md).
     */
    static long maxBytes(UploadOptions o) {
        return o.bwlimit() > 0 ? Long.MAX_VALUE : ADAPTIVE_MAX_BYTES;
    }

    /** The most files that can ever be in flight (what the client's connections are sized to). */
    public static int maxFiles(UploadOptions o) {
        return o.concurrencyMode() == UploadOptions.ConcurrencyMode.ADAPTIVE
                ? Math.max(o.concurrency(), ADAPTIVE_MAX) : o.concurrency();
    }

    /** What the run's header says: {@code adaptive files in flight (from 16, at most 128)} or {@code 16 in flight}. */
    public static String describe(UploadOptions o) {
        return o.concurrencyMode() == UploadOptions.ConcurrencyMode.ADAPTIVE
                ? "adaptive files in flight (from " + o.concurrency() + ", at most " + maxFiles(o) + ")"
                : o.concurrency() + " in flight";
    }

    /** Waits for a slot for a file of {@code size} bytes. */
    public synchronized void acquire(long size) throws InterruptedException {
        while (files >= limit || files > 0 && bytes + size > maxBytes) {
            if (files < limit) {
                heldAt = Math.max(heldAt, files); // the byte bound, not the limit, holds this file back
            } else if (controller != null) {
                controller.bound();
            }
            wait();
        }
        files++;
        bytes += size;
    }

    /** Gives back the slot of a file of {@code size} bytes; {@code sent} when its bytes were acknowledged. */
    public synchronized void release(long size, boolean sent) {
        files--;
        bytes -= size;
        if (controller != null) {
            long retries = requestRetries.getAsLong();
            if (retries > retriesSeen) {
                retriesSeen = retries;
                setLimit(controller.throttled());
            }
            if (sent) {
                setLimit(controller.completed(size));
            }
        }
        notifyAll();
    }

    /** A retryable failure (throttling, 5xx, reset, timeout): the adaptive limit goes down. */
    public synchronized void throttled() {
        if (controller != null) {
            setLimit(controller.throttled());
        }
    }

    /** Waits until no file is in flight; false when {@code timeoutMillis} passed first. */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (files > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Waits until no file is in flight. */
    public synchronized void awaitIdle() throws InterruptedException {
        while (files > 0) {
            wait();
        }
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int inFlight() {
        return files;
    }

    /** What the run did with its limit, for the summary. */
    public synchronized FlightSummary summary() {
        return controller == null ? FlightSummary.pinned(limit, mode)
                : FlightSummary.adaptive(controller.start(), controller.peak(), limit, controller.max(), maxBytes,
                        controller.cuts(), heldAt);
    }

    private void setLimit(int n) {
        if (n != limit) {
            limit = n;
            progress.concurrency.set(n);
            notifyAll();
        }
    }
}

package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.journal.JournalEntry;
import com.rmi360.monitor.model.StatusStore;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.transfer.s3.model.FileUpload;

/**
 * The upload pipeline. One thread walks the tree lazily ({@link ImageWalker}); each image that the
 * journal does not already vouch for takes one of {@code concurrency} permits, is checksummed on a
 * small hashing pool and handed to the Transfer Manager; its completion verifies the checksum S3
 * returns, appends the journal line and releases the permit. There is no batch barrier and nothing
 * per file outlives its upload, so memory is bounded by the permits whatever the file count.
 * A ticker thread refreshes the progress display, polls {@code cancel_copy.txt}, syncs the journal
 * and writes the heartbeat. On cancel: no new file starts, in-flight uploads are cancelled (the
 * client aborts their multipart uploads), leftovers are aborted explicitly where allowed.
 */
public final class UploadEngine {

    private final UploadOptions options;
    private final S3Transport transport;
    private final S3Client s3;
    private final StatusStore status;
    private final CancelSignal cancel;
    private final PrintWriter err;
    private final KeyMapper keys;
    private final ErrorLines errors;

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong skippedRemote = new AtomicLong();
    private final AtomicLong skippedJournal = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fileRetries = new AtomicLong();
    private final AtomicLong bytesUploaded = new AtomicLong();

    /**
     * @param s3     synchronous client for --verify-remote, leftover aborts
     * @param status where the heartbeat goes; null for none
     */
    public UploadEngine(UploadOptions options, S3Transport transport, S3Client s3, StatusStore status,
                        CancelSignal cancel, PrintWriter err) {
        this.options = options;
        this.transport = transport;
        this.s3 = s3;
        this.status = status;
        this.cancel = cancel;
        this.err = err;
        this.keys = options.keys();
        this.errors = new ErrorLines(err);
    }

    /** Runs the upload; {@code remote} is the listing for --verify-remote, or null. */
    public UploadReport run(Journal journal, CsvLog csv, Scan scan, RemoteState remote) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Progress progress = new Progress(scan.filesToSend(), scan.bytesToSend());
        Semaphore permits = new Semaphore(options.concurrency());
        ExecutorService hashPool = Executors.newFixedThreadPool(Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())),
                daemon("rmi360-hash"));
        ProgressDisplay display = new ProgressDisplay(progress, options.progress(), err);
        InFlightUploads inFlight = new InFlightUploads(progress);
        UploadRequests requests = new UploadRequests(options.bucket(), transport.checksumKind(), transport::customize, progress);
        Ticker ticker = new Ticker(options, status, cancel, err, progress);
        ticker.heartbeat();
        ticker.start(display, inFlight, journal, csv);

        try {
            ImageWalker.walk(options.source(), new ImageWalker.Sink() {
                @Override
                public void image(Path file, long size, long mtime) throws InterruptedException {
                    total.incrementAndGet();
                    String key = keys.key(file);
                    if (skip(journal, remote, file, key, size, mtime, csv)) {
                        return;
                    }
                    permits.acquire();
                    if (cancel.isSet()) {
                        permits.release();
                        return;
                    }
                    submit(file, key, size, mtime, journal, csv, progress, permits, hashPool, inFlight, requests);
                }

                @Override
                public void problem(Path path, String message) {
                    failed.incrementAndGet();
                    progress.filesFailed.incrementAndGet();
                    errors.print(path + ": " + message);
                    csv.file(path, keys.key(path), "error", message, 0, 0);
                }
            }, cancel::isSet);
            if (cancel.isSet()) {
                inFlight.cancelAll();
                if (!permits.tryAcquire(options.concurrency(), 60, TimeUnit.SECONDS)) {
                    err.println("warning: some uploads did not stop within 60 s");
                }
            } else {
                permits.acquire(options.concurrency());
            }
        } finally {
            ticker.stop();
            hashPool.shutdownNow();
            display.close();
            journal.sync();
            csv.flush();
        }
        ticker.heartbeat();
        if (cancel.isSet()) {
            inFlight.abortLeftovers(s3, options.bucket(), err);
        }
        return new UploadReport(total.get(), uploaded.get(), skippedRemote.get(), skippedJournal.get(), failed.get(),
                bytesUploaded.get(), Duration.between(started, Instant.now()), cancel.isSet(), fileRetries.get());
    }

    private boolean skip(Journal journal, RemoteState remote, Path file, String key, long size, long mtime, CsvLog csv) {
        if (!options.skipExisting()) {
            return false;
        }
        boolean journaled = journal.get(key).map(e -> e.matches(size, mtime)).orElse(false);
        if (journaled && (remote == null || remote.contains(key))) {
            skippedJournal.incrementAndGet();
            csv.file(file, key, "skipped", "in journal", size, 0);
            return true;
        }
        if (remote != null && remote.heals()) {
            RemoteState.Remote r = remote.get(key);
            if (r != null && r.size() == size) {
                String checksum = RemoteCheck.verify(s3, options.bucket(), key, file, r, transport.checksumKind());
                if (checksum != null) {
                    journal.record(new JournalEntry(key, size, mtime, checksum));
                    skippedRemote.incrementAndGet();
                    csv.file(file, key, "skipped", "already in S3 (verified)", size, 0);
                    return true;
                }
            }
        }
        return false;
    }

    private void submit(Path file, String key, long size, long mtime, Journal journal, CsvLog csv, Progress progress,
                        Semaphore permits, ExecutorService hashPool, InFlightUploads inFlight, UploadRequests requests) {
        InFlightUploads.Entry flight = inFlight.add(key, size);
        long t0 = System.nanoTime();
        CompletableFuture.supplyAsync(() -> checksum(file), hashPool)
                .thenCompose(sum -> send(file, key, size, sum, requests, flight, 1))
                .whenComplete((sent, failure) -> {
                    try {
                        finish(file, key, size, mtime, sent, failure, journal, csv, progress, t0);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        errors.print(file + ": " + e.getMessage());
                    } finally {
                        inFlight.remove(flight);
                        permits.release();
                    }
                });
    }

    private record Sent(FileChecksum sum, PutObjectResponse response) {
    }

    /** One attempt to send a file; a retryable failure schedules the next attempt (see {@link FileRetry}). */
    private CompletableFuture<Sent> send(Path file, String key, long size, FileChecksum sum, UploadRequests requests,
                                         InFlightUploads.Entry flight, int attempt) {
        if (cancel.isSet()) {
            return CompletableFuture.failedFuture(new CancellationException("cancelled"));
        }
        AtomicLong sentBytes = new AtomicLong();
        FileUpload upload = transport.transferManager().uploadFile(requests.request(FileTask.found(file, key, size, 0), sum, sentBytes));
        flight.upload = upload;
        if (cancel.isSet()) {
            upload.completionFuture().cancel(true);
        }
        return upload.completionFuture()
                .thenApply(done -> new Sent(sum, done.response()))
                .exceptionallyCompose(failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    if (attempt >= FileRetry.ATTEMPTS || cancel.isSet() || !FileRetry.retryable(cause)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    fileRetries.incrementAndGet();
                    requests.rewind(sentBytes);
                    Executor later = CompletableFuture.delayedExecutor(FileRetry.pauseMillis(attempt + 1), TimeUnit.MILLISECONDS);
                    return CompletableFuture.runAsync(() -> { }, later)
                            .thenCompose(ignored -> send(file, key, size, sum, requests, flight, attempt + 1));
                });
    }


    private FileChecksum checksum(Path file) {
        try {
            return FileChecksum.compute(file, transport.checksumKind(), S3Transport.PART_SIZE, S3Transport.MULTIPART_THRESHOLD);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private void finish(Path file, String key, long size, long mtime, Sent sent, Throwable failure, Journal journal,
                        CsvLog csv, Progress progress, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        if (failure != null) {
            Throwable cause = Failures.unwrap(failure);
            if (cancel.isSet() && Failures.cancelLike(cause)) {
                csv.file(file, key, "error", "cancelled", size, secs);
                return;
            }
            String message = Failures.describe(cause);
            failed.incrementAndGet();
            progress.filesFailed.incrementAndGet();
            errors.print(file + ": " + message);
            csv.file(file, key, "error", message, size, secs);
            return;
        }
        String returned = transport.checksumKind() == ChecksumKind.CRC64NVME
                ? sent.response().checksumCRC64NVME() : sent.response().checksumCRC32();
        if (!sent.sum().matches(returned) || sent.sum().size() != size) {
            String message = sent.sum().size() != size ? "changed while it was read; will be sent again next run"
                    : "checksum mismatch: local " + sent.sum().full() + ", S3 " + returned;
            failed.incrementAndGet();
            progress.filesFailed.incrementAndGet();
            errors.print(file + ": " + message);
            csv.file(file, key, "error", message, size, secs);
            return;
        }
        if (!unchanged(file, size, mtime)) {
            failed.incrementAndGet();
            progress.filesFailed.incrementAndGet();
            errors.print(file + ": changed during the upload; will be sent again next run");
            csv.file(file, key, "error", "changed during the upload", size, secs);
            return;
        }
        journal.record(new JournalEntry(key, size, mtime, sent.sum().journalValue()));
        uploaded.incrementAndGet();
        bytesUploaded.addAndGet(size);
        progress.filesDone.incrementAndGet();
        csv.file(file, key, "uploaded", "", size, secs);
    }

    private static boolean unchanged(Path file, long size, long mtime) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() == size && a.lastModifiedTime().toMillis() == mtime;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

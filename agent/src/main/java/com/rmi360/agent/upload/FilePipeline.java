package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.journal.JournalEntry;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.trace.StartupTrace;
import com.rmi360.agent.upload.flight.FilesInFlight;
import com.rmi360.agent.upload.report.Outcomes;
import com.rmi360.agent.upload.scan.FileTask;
import com.rmi360.agent.upload.transport.Attempt;
import com.rmi360.agent.upload.transport.ChecksumKind;
import com.rmi360.agent.upload.transport.Failures;
import com.rmi360.agent.upload.transport.FileChecksum;
import com.rmi360.agent.upload.transport.FileRetry;
import com.rmi360.agent.upload.transport.S3Transport;
import com.rmi360.agent.upload.transport.TransferSizes;
import com.rmi360.agent.upload.transport.UploadRequests;

import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * From a slot to a recorded outcome, for each file to send: the file takes one of the
 * {@link FilesInFlight} slots (a pinned or adaptive limit), is checksummed on a small hashing pool
 * and handed to the Transfer Manager (a retryable failure sends it again, see {@link FileRetry});
 * on completion the checksum S3 returns is verified, the journal line appended, the outcome
 * recorded and the slot given back. A retryable failure also tells the slots (the adaptive limit
 * goes down). Nothing per file outlives its upload.
 *
 * <p>No silent overwrite: unless {@code overwrite}, a file whose key this machine's journal does not
 * know is sent with {@code If-None-Match: *} when it fits one PUT, and a 412 (the key exists) is
 * followed by a HEAD and a byte check ({@link ExistingCheck}); a multipart-sized one is checked
 * with a HEAD before it is sent (a small window remains between that HEAD and the upload's end): the same bytes are journaled as already there, other bytes
 * are a conflict, left as they are. A key the journal knows (a file this machine sent and that
 * changed since) is sent unconditionally, as before.
 */
final class FilePipeline implements AutoCloseable {

    private final FilesInFlight slots;
    private final ExecutorService hashPool = Executors.newFixedThreadPool(
            Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())), DaemonThreads.named("rmi360-hash"));
    private final S3Transport transport;
    private final UploadRequests requests;
    private final Journal journal;
    private final Outcomes outcomes;
    private final InFlightUploads inFlight;
    private final CancelSignal cancel;
    private final PrintWriter err;
    private final boolean overwrite;
    private final ExistingCheck existing;

    /** Checks an object that is already in S3 against the local file. */
    @FunctionalInterface
    interface ExistingCheck {
        /** The journal checksum value if the object holds the file's bytes, else null. */
        String sameBytes(FileTask t);

        /** True when the key exists in the bucket. */
        default boolean exists(String key) {
            return false;
        }
    }

    FilePipeline(FilesInFlight slots, S3Transport transport, UploadRequests requests, Journal journal, Outcomes outcomes,
                 InFlightUploads inFlight, CancelSignal cancel, PrintWriter err, boolean overwrite, ExistingCheck existing) {
        this.overwrite = overwrite;
        this.existing = existing;
        this.slots = slots;
        this.transport = transport;
        this.requests = requests;
        this.journal = journal;
        this.outcomes = outcomes;
        this.inFlight = inFlight;
        this.cancel = cancel;
        this.err = err;
    }

    /** Waits for a slot, then starts sending {@code found}; starts nothing once the run is cancelled. */
    void offer(FileTask found) throws InterruptedException {
        slots.acquire(found.size());
        if (cancel.isSet()) {
            slots.release(found.size(), false);
            return;
        }
        InFlightUploads.Entry flight = inFlight.add(found.key(), found.size());
        FileTask task = found.started();
        StartupTrace.first("first file offered");
        boolean conditional = !overwrite && journal.get(found.key()).isEmpty();
        CompletableFuture.supplyAsync(() -> checksum(task), hashPool)
                .thenCompose(sum -> conditional && task.size() >= TransferSizes.MULTIPART_THRESHOLD
                        ? CompletableFuture.supplyAsync(() -> existing.exists(task.key()), hashPool)
                                .thenCompose(there -> there
                                        ? CompletableFuture.supplyAsync(() -> checked(task, sum), hashPool)
                                        : send(task, sum, flight, 1, false))
                        : send(task, sum, flight, 1, conditional))
                .whenComplete((sent, failure) -> {
                    StartupTrace.first("first file done");
                    try {
                        complete(task, sent, failure);
                    } catch (RuntimeException e) {
                        outcomes.unrecorded(task, e.getMessage());
                    } finally {
                        inFlight.remove(flight);
                        slots.release(task.size(), failure == null && sent != null && sent.existing() == null);
                    }
                });
    }

    /** Waits until every file started has finished; after a cancel, cancels them and waits at most 60 s. */
    void drain() throws InterruptedException {
        if (cancel.isSet()) {
            inFlight.cancelAll();
            if (!slots.awaitIdle(60_000)) {
                err.println("warning: some uploads did not stop within 60 s");
            }
        } else {
            slots.awaitIdle();
        }
    }

    /** Stops the hashing pool. */
    @Override
    public void close() {
        hashPool.shutdownNow();
    }

    private FileChecksum checksum(FileTask t) {
        try {
            return FileChecksum.compute(t.file(), transport.checksumKind(), TransferSizes.PART_SIZE, TransferSizes.MULTIPART_THRESHOLD);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /** @param existing for a 412: the journal value when the object holds the same bytes, "" when not; else null */
    private record Sent(FileChecksum sum, PutObjectResponse response, String existing) {
    }

    /** One attempt to send a file; a retryable failure schedules the next attempt (see {@link FileRetry}). */
    private CompletableFuture<Sent> send(FileTask t, FileChecksum sum, InFlightUploads.Entry flight, int attempt,
                                         boolean conditional) {
        if (cancel.isSet()) {
            return CompletableFuture.failedFuture(new CancellationException("cancelled"));
        }
        AtomicLong sentBytes = new AtomicLong();
        Attempt upload = requests.start(transport, t, sum, sentBytes, conditional);
        StartupTrace.first("first PUT started");
        flight.upload = upload.transfer();
        if (cancel.isSet()) {
            upload.transfer().completionFuture().cancel(true);
        }
        return upload.response()
                .thenApply(response -> new Sent(sum, response, null))
                .exceptionallyCompose(failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    if (conditional && cause instanceof S3Exception s3e && s3e.statusCode() == 412) {
                        requests.rewind(sentBytes);
                        return CompletableFuture.supplyAsync(() -> checked(t, sum), hashPool);
                    }
                    boolean retryable = !cancel.isSet() && FileRetry.retryable(cause);
                    if (retryable) {
                        slots.throttled();
                    }
                    if (attempt >= FileRetry.ATTEMPTS || !retryable) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    long pause = FileRetry.pauseMillis(attempt + 1);
                    outcomes.retried(t, attempt + 1, Failures.describe(cause), pause);
                    requests.rewind(sentBytes);
                    Executor later = CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS);
                    return CompletableFuture.runAsync(() -> { }, later)
                            .thenCompose(ignored -> send(t, sum, flight, attempt + 1, conditional));
                });
    }

    /** The object is there: a Sent that says whether it holds the file's bytes. */
    private Sent checked(FileTask t, FileChecksum sum) {
        String same = existing.sameBytes(t);
        return new Sent(sum, null, same == null ? "" : same);
    }

    /** The one completion path: a cancel, a failure, a mismatch, a file changed meanwhile, or an upload to journal. */
    private void complete(FileTask t, Sent sent, Throwable failure) {
        double secs = t.seconds();
        if (failure != null) {
            Throwable cause = Failures.unwrap(failure);
            if (cancel.isSet() && Failures.cancelLike(cause)) {
                outcomes.cancelled(t, secs);
            } else {
                outcomes.failed(t, secs, Failures.describe(cause));
            }
            return;
        }
        if (sent.existing() != null) {
            if (sent.existing().isEmpty()) {
                outcomes.conflict(t, secs);
            } else {
                journal.record(new JournalEntry(t.key(), t.size(), t.mtime(), sent.existing()));
                outcomes.alreadyThere(t, secs);
            }
            return;
        }
        String returned = transport.checksumKind() == ChecksumKind.CRC64NVME
                ? sent.response().checksumCRC64NVME() : sent.response().checksumCRC32();
        if (sent.sum().size() != t.size()) {
            outcomes.failed(t, secs, "changed while it was read; will be sent again next run");
        } else if (!sent.sum().matches(returned)) {
            outcomes.failed(t, secs, "checksum mismatch: local " + sent.sum().full() + ", S3 " + returned);
        } else if (!unchanged(t)) {
            outcomes.failed(t, secs, "changed during the upload", "changed during the upload; will be sent again next run");
        } else {
            journal.record(new JournalEntry(t.key(), t.size(), t.mtime(), sent.sum().journalValue()));
            outcomes.uploaded(t, secs);
        }
    }

    /** True when the file still has the size and mtime the walk saw. */
    private static boolean unchanged(FileTask t) {
        try {
            BasicFileAttributes a = Files.readAttributes(t.file(), BasicFileAttributes.class);
            return a.size() == t.size() && a.lastModifiedTime().toMillis() == t.mtime();
        } catch (IOException e) {
            return false;
        }
    }
}

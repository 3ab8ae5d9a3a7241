package com.rmi360.agent.upload.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.journal.Journal;

/**
 * A counting walk before the upload: how many images and bytes there are (the monitor's
 * expected_total and expected_bytes) and how many of them the journal does not vouch for (the
 * progress display's totals). Nothing per file is kept.
 */
public record Scan(long images, long bytes, long filesToSend, long bytesToSend, long problems) {

    public static Scan of(Path root, KeyMapper keys, Journal journal, boolean skipExisting)
            throws IOException, InterruptedException {
        AtomicLong images = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong toSend = new AtomicLong();
        AtomicLong bytesToSend = new AtomicLong();
        AtomicLong problems = new AtomicLong();
        ImageWalker.walk(root, new ImageWalker.Sink() {
            @Override
            public void image(Path file, long size, long mtime) {
                images.incrementAndGet();
                bytes.addAndGet(size);
                boolean done = skipExisting && journal != null
                        && journal.get(keys.key(file)).map(e -> e.matches(size, mtime)).orElse(false);
                if (!done) {
                    toSend.incrementAndGet();
                    bytesToSend.addAndGet(size);
                }
            }

            @Override
            public void problem(Path path, String message) {
                problems.incrementAndGet();
            }
        }, () -> false);
        return new Scan(images.get(), bytes.get(), toSend.get(), bytesToSend.get(), problems.get());
    }
}

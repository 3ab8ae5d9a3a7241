package com.rmi360.monitor.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.rmi360.monitor.model.ObjectEntry;
import com.rmi360.monitor.model.ObjectListing;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectListing} on S3 ListObjectsV2 (1,000 keys a page, continuation tokens followed).
 *
 * <p>A large project is listed in parallel by folder: up to {@value #MAX_DEPTH} folder levels are
 * opened with {@code delimiter=/} until there are at least {@value #PARALLELISM} subtrees (or a
 * level would exceed {@value #MAX_SPLIT} folders, in which case that level is listed whole), then
 * every subtree is listed flat on {@value #PARALLELISM} threads. Each object is reported exactly
 * once; the sink is called by one thread at a time.
 */
public final class S3ObjectListing implements ObjectListing {

    static final int PARALLELISM = 8;
    static final int MAX_DEPTH = 3;
    static final int MAX_SPLIT = 256;

    private final S3Client s3;

    public S3ObjectListing(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public int list(String bucket, String prefix, Consumer<ObjectEntry> sink) {
        AtomicInteger calls = new AtomicInteger();
        List<String> frontier = List.of(prefix == null ? "" : prefix);
        for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty() && frontier.size() < PARALLELISM; depth++) {
            List<String> next = new ArrayList<>();
            List<S3Object> here = new ArrayList<>();
            for (String p : frontier) {
                pages(bucket, p, "/", calls, page -> {
                    here.addAll(page.contents());
                    page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(next::add);
                });
            }
            if (next.size() > MAX_SPLIT) {
                break;
            }
            report(here, sink);
            frontier = next;
        }
        listFlat(bucket, frontier, sink, calls);
        return calls.get();
    }

    private void listFlat(String bucket, List<String> prefixes, Consumer<ObjectEntry> sink, AtomicInteger calls) {
        if (prefixes.size() == 1) {
            pages(bucket, prefixes.get(0), null, calls, page -> report(page.contents(), sink));
            return;
        }
        if (prefixes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, prefixes.size()), runnable -> {
            Thread thread = new Thread(runnable, "s3-list");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (String p : prefixes) {
                tasks.add(pool.submit(() -> pages(bucket, p, null, calls, page -> report(page.contents(), sink))));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("listing interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void pages(String bucket, String prefix, String delimiter, AtomicInteger calls,
                       Consumer<ListObjectsV2Response> onPage) {
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket)
                    .continuationToken(token).delimiter(delimiter);
            if (!prefix.isEmpty()) {
                request.prefix(prefix);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            calls.incrementAndGet();
            onPage.accept(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    private static void report(List<S3Object> objects, Consumer<ObjectEntry> sink) {
        synchronized (sink) {
            for (S3Object o : objects) {
                sink.accept(new ObjectEntry(o.key(), o.size() == null ? 0 : o.size(), o.lastModified()));
            }
        }
    }
}

package com.rmi360.agent.upload.transport;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * A request body whose chunks go downstream only once the run's {@link BandwidthThrottle} grants
 * their bytes. Same bytes, same order, same content length as the body it wraps; each subscription
 * (the first send, and every resend by the client) takes its own tokens, so resent bytes count
 * against the cap too. Each chunk waits for the one before it, so a body holds at most one
 * reservation at a time; once cancelled (the upload was cancelled or failed) nothing more is
 * delivered and the waits left end on their own, nothing blocks.
 */
public final class ThrottledBody implements AsyncRequestBody {

    private final AsyncRequestBody body;
    private final BandwidthThrottle throttle;

    /** The file's bytes as a request body whose chunks, of the throttle's grant size, it releases. */
    static AsyncRequestBody of(Path file, BandwidthThrottle throttle) {
        return new ThrottledBody(AsyncRequestBody.fromFile(b -> b.path(file).chunkSizeInBytes(throttle.grant())), throttle);
    }

    ThrottledBody(AsyncRequestBody body, BandwidthThrottle throttle) {
        this.body = body;
        this.throttle = throttle;
    }

    @Override
    public Optional<Long> contentLength() {
        return body.contentLength();
    }

    @Override
    public String contentType() {
        return body.contentType();
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> downstream) {
        body.subscribe(new Gate(downstream, throttle));
    }

    /** Passes demand up unchanged; holds each chunk until its tokens are granted. */
    private static final class Gate implements Subscriber<ByteBuffer>, Subscription {

        private final Subscriber<? super ByteBuffer> downstream;
        private final BandwidthThrottle throttle;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile Subscription upstream;
        /** The last signal queued: every chunk and the end wait for the ones before them. */
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Gate(Subscriber<? super ByteBuffer> downstream, BandwidthThrottle throttle) {
            this.downstream = downstream;
            this.throttle = throttle;
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            int bytes = chunk.remaining();
            queue(tail.thenCompose(ignored -> stopped.get() ? CompletableFuture.completedFuture(null) : throttle.take(bytes))
                    .thenRun(() -> {
                        if (!stopped.get()) {
                            downstream.onNext(chunk);
                        }
                    }));
        }

        @Override
        public void onError(Throwable t) {
            queue(tail.handle((ignored, failure) -> null).thenRun(() -> {
                if (stopped.compareAndSet(false, true)) {
                    downstream.onError(t);
                }
            }));
        }

        @Override
        public void onComplete() {
            queue(tail.thenRun(() -> {
                if (stopped.compareAndSet(false, true)) {
                    downstream.onComplete();
                }
            }));
        }

        /** Upstream signals are serial (reactive streams), so {@code tail} needs no lock; a failed wait ends the body. */
        private void queue(CompletableFuture<Void> next) {
            tail = next;
            next.whenComplete((ignored, failure) -> {
                if (failure != null && stopped.compareAndSet(false, true)) {
                    upstream.cancel();
                    downstream.onError(Failures.unwrap(failure));
                }
            });
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            stopped.set(true);
            upstream.cancel();
        }
    }
}

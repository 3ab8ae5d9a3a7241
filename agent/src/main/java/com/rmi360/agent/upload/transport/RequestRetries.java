package com.rmi360.agent.upload.transport;

import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the client's request retries from the SDK metrics it publishes (CoreMetric.RETRY_COUNT),
 * for the adaptive files in flight (each rise is a throttle signal) and the summary's retry total.
 * The two clients publish differently:
 * <ul>
 *   <li>the Java client: one collection per API call, RETRY_COUNT = its retries ({@link #perCall});</li>
 *   <li>the CRT client (SDK 2.58.0 on, from the CRT's per-request telemetry): one collection per
 *   attempt of each underlying request (a PUT, a part), RETRY_COUNT = that attempt's index, so each
 *   attempt from index 1 on is one retry ({@link #perAttempt}). The CRT retries 503 SlowDown, 5xx,
 *   resets and timeouts; an attempt that ran out of retries is a failure, not a retry.</li>
 * </ul>
 * The CRT's telemetry reaches publishers on the SDK's dispatch thread, a moment after the attempt.
 */
public final class RequestRetries implements MetricPublisher {

    private final boolean perAttempt;
    private final AtomicLong count = new AtomicLong();

    private RequestRetries(boolean perAttempt) {
        this.perAttempt = perAttempt;
    }

    /** For the Java client: each API call reports its retries. */
    static RequestRetries perCall() {
        return new RequestRetries(false);
    }

    /** For the CRT client: each attempt reports its index; every attempt after the first is a retry. */
    static RequestRetries perAttempt() {
        return new RequestRetries(true);
    }

    @Override
    public void publish(MetricCollection metrics) {
        for (Integer retries : metrics.metricValues(CoreMetric.RETRY_COUNT)) {
            if (perAttempt) {
                if (retries > 0) {
                    count.incrementAndGet();
                }
            } else {
                count.addAndGet(retries);
            }
        }
    }

    /** The retries so far. */
    long get() {
        return count.get();
    }

    @Override
    public void close() {
    }
}

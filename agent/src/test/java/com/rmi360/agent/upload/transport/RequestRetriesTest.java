package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricCollector;

class RequestRetriesTest {

    /** One ApiCall collection as the SDK publishes it, with its RetryCount (and a child attempt, as the SDK nests them). */
    static MetricCollection apiCall(int retryCount) {
        MetricCollector call = MetricCollector.create("ApiCall");
        call.reportMetric(CoreMetric.OPERATION_NAME, "PutObject");
        call.reportMetric(CoreMetric.RETRY_COUNT, retryCount);
        call.createChild("ApiCallAttempt").reportMetric(CoreMetric.SERVICE_ID, "S3");
        return call.collect();
    }

    @Test
    void theJavaClientsCallsAddTheirRetries() {
        RequestRetries retries = RequestRetries.perCall();
        retries.publish(apiCall(0));
        retries.publish(apiCall(2));
        retries.publish(apiCall(1));
        assertThat(retries.get()).isEqualTo(3);
    }

    @Test
    void eachCrtAttemptAfterTheFirstIsOneRetry() {
        // a PUT that succeeds at once (attempt 0), and one throttled twice: attempts 0, 1 fail, attempt 2 succeeds
        RequestRetries retries = RequestRetries.perAttempt();
        retries.publish(apiCall(0));
        retries.publish(apiCall(0));
        retries.publish(apiCall(1));
        retries.publish(apiCall(2));
        assertThat(retries.get()).isEqualTo(2);
    }

    @Test
    void aCollectionWithoutRetryCountCountsNothing() {
        RequestRetries retries = RequestRetries.perAttempt();
        MetricCollector other = MetricCollector.create("ApiCall");
        other.reportMetric(CoreMetric.OPERATION_NAME, "PutObject");
        retries.publish(other.collect());
        assertThat(retries.get()).isZero();
    }
}

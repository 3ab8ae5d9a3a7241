package com.rmi360.monitor.aws;

import java.util.function.Supplier;

import com.rmi360.monitor.model.FinishNotice;
import com.rmi360.monitor.model.Notifier;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@link Notifier} publishing to one SNS topic (subject and plain-text body; e-mail subscribers get
 * the subject as the mail's subject). The client is built on the first publish only: most ticks
 * publish nothing, so the cold start does not pay for it. The SDK's standard retries cover
 * transient errors; what still fails is thrown.
 */
public final class SnsNotifier implements Notifier {

    private final Supplier<SnsClient> client;
    private final String topicArn;
    private SnsClient sns;

    /**
     * @param client   builds the client (e.g. {@code () -> aws.sns(topicArn)})
     * @param topicArn the topic the function's role may publish to
     */
    public SnsNotifier(Supplier<SnsClient> client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    private synchronized SnsClient sns() {
        if (sns == null) {
            sns = client.get();
        }
        return sns;
    }

    @Override
    public void publish(FinishNotice notice) {
        sns().publish(b -> b.topicArn(topicArn).subject(notice.subject()).message(notice.body()));
    }
}

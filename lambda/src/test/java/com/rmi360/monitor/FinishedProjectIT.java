package com.rmi360.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.EventBridgeRuleSwitch;
import com.rmi360.monitor.aws.SnsNotifier;
import com.rmi360.monitor.function.DisableRuleFunction;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.MotoServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A finished project on moto_server (S3, EventBridge, SNS, SQS): the monitor disables the rule again
 * when it fires after being re-enabled by hand, and publishes one SNS message per transition (read
 * back from an SQS queue subscribed to the topic), also when two ticks race over S3's conditional
 * write. The DisableUploadMonitorRule function runs in-process (moto cannot run a Lambda here).
 */
class FinishedProjectIT {

    private static final String BUCKET = "finished";

    private static MotoServer moto;
    private static AwsClients aws;
    private static S3Client s3;
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        aws = new AwsClients(MotoServer.REGION, moto.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)));
        s3 = aws.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        events = aws.eventBridge();
        sns = aws.sns(null);
        sqs = SqsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY))).build();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {s3, events, sqs, sns, moto}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private record Topic(String arn, String queueUrl) {
    }

    private static Topic topicWithQueue(String name) {
        String topic = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name + "-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));
        return new Topic(topic, queueUrl);
    }

    private static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    private static void putImages(String slug, int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            s3.putObject(b -> b.bucket(BUCKET).key(slug + "/IMG_" + k + ".jpg"), RequestBody.fromString("jpeg " + k));
        }
    }

    private static ProgressMonitor monitor(Topic topic) {
        DisableRuleFunction disabler = new DisableRuleFunction(new EventBridgeRuleSwitch(aws::eventBridge, aws.region()), line -> { });
        return new ProgressMonitor(new S3ObjectListing(s3), new S3StatusStore(s3), disabler.inProcess(),
                new SnsNotifier(() -> aws.sns(topic.arn()), topic.arn()), null,
                MonitorSettings.defaults(), Clock.systemUTC());
    }

    private static MonitorEvent event(String slug, int expected) {
        return MonitorEvent.fromMap(Map.of("project_slug", slug, "bucket", BUCKET, "prefix", slug,
                "expected_total", expected, "rule_name", StatusKeys.ruleName(slug), "region", MotoServer.REGION));
    }

    @Test
    void aRuleReEnabledByHandIsDisabledAgainAtTheNextTickAndTheFinishIsPublishedOnce() {
        String slug = "REENABLED";
        Topic topic = topicWithQueue("rmi360-reenabled");
        String rule = StatusKeys.ruleName(slug);
        events.putRule(b -> b.name(rule).scheduleExpression("rate(5 minutes)").state(RuleState.ENABLED));
        putImages(slug, 3);
        ProgressMonitor monitor = monitor(topic);

        TickReport first = monitor.tick(event(slug, 3));
        assertThat(first.status()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(events.describeRule(b -> b.name(rule)).state()).isEqualTo(RuleState.DISABLED);

        events.enableRule(b -> b.name(rule));                 // by hand, in the console
        TickReport second = monitor.tick(event(slug, 3));    // so the rule fires once more

        assertThat(second.disableRequested()).isTrue();
        assertThat(events.describeRule(b -> b.name(rule)).state()).isEqualTo(RuleState.DISABLED);
        List<Message> inbox = drain(topic.queueUrl());
        assertThat(inbox).singleElement().satisfies(m -> assertThat(m.body())
                .contains("Project REENABLED is Complete.", "3 of 3 images (100.0%)", "s3://finished/status/REENABLED.html"));
        String json = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(StatusKeys.progress(slug))).asUtf8String();
        assertThat(ProgressCodec.decode(json).notifiedStatus()).isEqualTo(UploadStatus.COMPLETE);
    }

    @Test
    void twoTicksRacingOverTheSameTransitionPublishOnce() throws Exception {
        String slug = "RACE";
        Topic topic = topicWithQueue("rmi360-race");
        events.putRule(b -> b.name(StatusKeys.ruleName(slug)).scheduleExpression("rate(5 minutes)").state(RuleState.ENABLED));
        putImages(slug, 2);
        ProgressMonitor monitor = monitor(topic);
        monitor.tick(event(slug, 4));                         // In Progress, 2 of 4
        putImages(slug, 4);

        int racers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<TickReport>> ticks = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                ticks.add(pool.submit(() -> {
                    go.await();
                    return monitor.tick(event(slug, 4));
                }));
            }
            go.countDown();
            int published = 0;
            for (Future<TickReport> tick : ticks) {
                published += tick.get().notified() ? 1 : 0;
            }
            assertThat(published).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(drain(topic.queueUrl())).hasSize(1);
    }
}

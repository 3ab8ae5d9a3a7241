package com.rmi360.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.testing.MotoServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;

/** upload → monitor start, status, monitor tick and stop against moto_server (S3, STS, EventBridge). */
class MonitorIT {

    static MotoServer moto;
    static S3Client s3;
    static EventBridgeClient events;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
        events = EventBridgeClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            s3.close();
            events.close();
            moto.close();
        }
    }

    static CliRun cli() {
        return CliRun.with().store(new MemorySecretStore()
                .put("rmi360-test", KeyringCredentials.ID, MotoServer.ACCESS_KEY)
                .put("rmi360-test", KeyringCredentials.SECRET, MotoServer.SECRET_KEY));
    }

    Path config(String bucket, String slug) throws IOException {
        Path cfg = tmp.resolve("config-" + slug + ".yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: "%s", client: "Client", rr_name: "Rail", rr_mark: "RR"}
                camera: {make: Mosaic, model: "Mosaic 51", sn: "SN1"}
                aws:
                  region: us-east-1
                  s3_bucket: %s
                  s3_bucket_folder: config.project.slug
                  auth_mode: keyring
                  keyring_service_name: rmi360-test
                """.formatted(slug, bucket));
        return cfg;
    }

    static String endpoint() {
        URI e = moto.endpoint();
        return e.toString();
    }

    @Test
    void uploadStartsOneRulePerProjectAndTickStopCycle() throws Exception {
        s3.createBucket(b -> b.bucket("monitored"));
        for (String slug : List.of("PROJ_A", "PROJ-B")) {
            Path src = Files.createDirectories(tmp.resolve(slug));
            for (int i = 0; i < 3; i++) {
                byte[] data = new byte[10_000 + i];
                new Random(i).nextBytes(data);
                Files.write(src.resolve("img" + i + ".jpg"), data);
            }
            CliRun.Result r = cli().run("upload", "--config", config("monitored", slug).toString(), "--endpoint-url",
                    endpoint(), "--progress", "none", "--machine", "ws1", src.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("rule UploadMonitorRule-" + slug + " enabled");
        }
        for (String slug : List.of("PROJ_A", "PROJ-B")) {
            String rule = "UploadMonitorRule-" + slug;
            DescribeRuleResponse described = events.describeRule(b -> b.name(rule));
            assertThat(described.state()).isEqualTo(RuleState.ENABLED);
            assertThat(described.scheduleExpression()).isEqualTo("rate(5 minutes)");
            Target target = events.listTargetsByRule(b -> b.rule(rule)).targets().get(0);
            assertThat(target.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:ProgressMonitor");
            JsonNode input = JSON.readTree(target.input());
            assertThat(input.get("project_slug").asText()).isEqualTo(slug);
            assertThat(input.get("bucket").asText()).isEqualTo("monitored");
            assertThat(input.get("prefix").asText()).isEqualTo(slug);
            assertThat(input.has("expected_total")).as("an upload's own scan is not a declared total").isFalse();
            assertThat(input.get("rule_name").asText()).isEqualTo(rule);

            ProgressDocument doc = ProgressCodec.decode(s3.getObjectAsBytes(
                    b -> b.bucket("monitored").key("status/progress_" + slug + ".json")).asUtf8String());
            assertThat(doc.expectedTotal()).isEqualTo(3);
            assertThat(doc.expectedBytes()).isEqualTo(30_003);
            assertThat(doc.projectInfo().railroadCode()).isEqualTo("RR");
            assertThat(doc.cameraInfo().serialNumber()).isEqualTo("SN1");
            assertThat(doc.cloudInfo().bucket()).isEqualTo("monitored");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("monitored").key("status/" + slug + "/heartbeats/ws1.json"))
                    .asUtf8String()).contains("\"files_done\":3");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("monitored").key("status/" + slug + "/machines/ws1.json"))
                    .asUtf8String()).contains("\"files\":3").contains(slug + "/img0.jpg");
        }
        Path cfg = config("monitored", "PROJ_A");
        CliRun.Result tick = cli().run("monitor", "tick", "--config", cfg.toString(), "--endpoint-url", endpoint());
        assertThat(tick.exitCode()).as(tick.toString()).isZero();
        assertThat(tick.out()).contains("tick PROJ_A: Complete, 3 of 3 images").contains("rule disabled");
        assertThat(events.describeRule(b -> b.name("UploadMonitorRule-PROJ_A")).state()).isEqualTo(RuleState.DISABLED);
        assertThat(events.describeRule(b -> b.name("UploadMonitorRule-PROJ-B")).state()).isEqualTo(RuleState.ENABLED);

        CliRun.Result status = cli().run("status", "--config", cfg.toString(), "--endpoint-url", endpoint());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("PROJ_A: Complete, 3 of 3 images (100.0%)");
        CliRun.Result all = cli().run("status", "--bucket", "monitored", "--config", cfg.toString(),
                "--endpoint-url", endpoint(), "--slug", "PROJ-B", "--json");
        assertThat(JSON.readTree(all.out()).get("upload_status").asText()).isEqualTo("In Progress");

        CliRun.Result stop = cli().run("monitor", "stop", "--config", config("monitored", "PROJ-B").toString(),
                "--endpoint-url", endpoint());
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(events.describeRule(b -> b.name("UploadMonitorRule-PROJ-B")).state()).isEqualTo(RuleState.DISABLED);

        CliRun.Result restart = cli().run("monitor", "start", "--config", config("monitored", "PROJ-B").toString(),
                "--endpoint-url", endpoint(), "--expected-total", "5");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(events.describeRule(b -> b.name("UploadMonitorRule-PROJ-B")).state()).isEqualTo(RuleState.ENABLED);
    }
}

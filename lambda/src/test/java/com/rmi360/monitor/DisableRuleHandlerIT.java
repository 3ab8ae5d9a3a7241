package com.rmi360.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.EventBridgeRuleSwitch;
import com.rmi360.monitor.function.DisableFailedException;
import com.rmi360.testing.FreePort;
import com.rmi360.testing.LambdaEvents;
import com.rmi360.testing.MotoServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/** DisableRuleHandler through handleRequest, against EventBridge in a real moto_server. */
class DisableRuleHandlerIT {

    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));

    private static MotoServer moto;
    private static AwsClients aws;
    private static EventBridgeClient events;

    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        aws = new AwsClients(MotoServer.REGION, moto.endpoint(), KEYS);
        events = aws.eventBridge();
    }

    @AfterAll
    static void stopMoto() {
        if (events != null) {
            events.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private static void createEnabledRule(String name) {
        events.putRule(b -> b.name(name).scheduleExpression("rate(5 minutes)").state(RuleState.ENABLED));
    }

    private static RuleState state(String name) {
        return events.describeRule(b -> b.name(name)).state();
    }

    private Map<String, Object> call(Map<String, Object> event) {
        return new DisableRuleHandler(aws).handleRequest(event, null);
    }

    @Test
    void disablesAnEnabledProjectRule() {
        createEnabledRule("UploadMonitorRule-ABC25101");

        Map<String, Object> answer = call(LambdaEvents.load("disable-rule.json"));

        assertThat(answer).containsEntry("statusCode", 200);
        assertThat(state("UploadMonitorRule-ABC25101")).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void usesTheFunctionsRegionWhenTheEventHasNone() {
        createEnabledRule("UploadMonitorRule");

        Map<String, Object> answer = call(LambdaEvents.parse("{\"rule_name\": \"UploadMonitorRule\"}"));

        assertThat(answer).containsEntry("statusCode", 200);
        assertThat(state("UploadMonitorRule")).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void answers404ForARuleThatDoesNotExist() {
        Map<String, Object> answer = call(LambdaEvents.load("disable-rule.json", Map.of("rule_name", "UploadMonitorRule-nope")));

        assertThat(answer).containsEntry("statusCode", 404);
        assertThat((String) answer.get("body")).contains("UploadMonitorRule-nope");
    }

    @Test
    void answers400ForAMissingBlankOrForeignRuleName() {
        createEnabledRule("SomeoneElsesRule");

        assertThat(call(LambdaEvents.load("disable-rule-missing.json"))).containsEntry("statusCode", 400);
        assertThat(call(LambdaEvents.load("disable-rule-blank.json"))).containsEntry("statusCode", 400);
        assertThat(call(LambdaEvents.load("disable-rule-foreign.json"))).containsEntry("statusCode", 400);
        assertThat(state("SomeoneElsesRule")).isEqualTo(RuleState.ENABLED);
    }

    @Test
    void failsTheInvocationWhenEventBridgeIsUnreachableSoLambdaRetriesIt() {
        AwsClients nowhere = new AwsClients(MotoServer.REGION, URI.create("http://127.0.0.1:" + FreePort.pick()), KEYS);
        DisableRuleHandler handler = new DisableRuleHandler(new EventBridgeRuleSwitch(nowhere::eventBridge, nowhere.region()), log::add);

        assertThatThrownBy(() -> handler.handleRequest(LambdaEvents.load("disable-rule.json"), null))
                .isInstanceOf(DisableFailedException.class)
                .hasMessageStartingWith("disabling UploadMonitorRule-ABC25101 failed: SdkClientException")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Exception.java"));
        assertThat(log).singleElement().asString().startsWith("{\"level\":\"ERROR\",\"msg\":\"disable rule\",\"statusCode\":500,");
    }

    @Test
    void logsOneJsonLinePerCall() {
        DisableRuleHandler handler = new DisableRuleHandler(new EventBridgeRuleSwitch(aws::eventBridge,
                aws.region()), log::add);

        handler.handleRequest(LambdaEvents.load("disable-rule-foreign.json"), null);

        assertThat(log).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"level\":\"ERROR\",\"msg\":\"disable rule\",\"statusCode\":400,"));
    }
}

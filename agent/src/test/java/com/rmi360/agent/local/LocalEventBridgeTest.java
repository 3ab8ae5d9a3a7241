package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

class LocalEventBridgeTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final LocalEventBridge events = new LocalEventBridge(Duration.ofMillis(50), (arn, input) -> calls.add(arn + " " + input));

    @AfterEach
    void stop() {
        events.shutdown();
    }

    private void putEnabledRuleWithTarget(String name) {
        events.putRule(b -> b.name(name).scheduleExpression("rate(5 minutes)").state(RuleState.ENABLED));
        events.putTargets(b -> b.rule(name).targets(Target.builder().id("ProgressMonitor")
                .arn(LocalEventBridge.functionArn("ProgressMonitor")).input("{\"project_slug\":\"P1\"}").build()));
    }

    @Test
    void firesTheTargetWithItsConstantInputWhileTheRuleIsEnabled() throws InterruptedException {
        putEnabledRuleWithTarget("UploadMonitorRule-P1");
        Thread.sleep(400);
        assertThat(calls).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(c -> c.equals("arn:aws:lambda:us-east-1:000000000000:function:ProgressMonitor {\"project_slug\":\"P1\"}"));
        assertThat(events.firingRules()).containsExactly("UploadMonitorRule-P1");
    }

    @Test
    void disableRuleStopsTheSchedule() throws InterruptedException {
        putEnabledRuleWithTarget("UploadMonitorRule-P1");
        Thread.sleep(150);
        events.disableRule(b -> b.name("UploadMonitorRule-P1"));
        Thread.sleep(100);
        int seen = calls.size();
        Thread.sleep(300);
        assertThat(calls).hasSize(seen);
        assertThat(events.state("UploadMonitorRule-P1")).isEqualTo(RuleState.DISABLED);
        assertThat(events.firingRules()).isEmpty();
    }

    @Test
    void putRuleDisabledStopsItAndEnabledStartsItAgain() throws InterruptedException {
        putEnabledRuleWithTarget("UploadMonitorRule-P1");
        events.putRule(b -> b.name("UploadMonitorRule-P1").scheduleExpression("rate(5 minutes)").state(RuleState.DISABLED));
        assertThat(events.firingRules()).isEmpty();
        events.putRule(b -> b.name("UploadMonitorRule-P1").scheduleExpression("rate(5 minutes)").state(RuleState.ENABLED));
        Thread.sleep(150);
        assertThat(events.firingRules()).containsExactly("UploadMonitorRule-P1");
        assertThat(calls).isNotEmpty();
    }

    @Test
    void aRuleWithoutTargetsDoesNotFire() throws InterruptedException {
        events.putRule(b -> b.name("UploadMonitorRule-P2").scheduleExpression("rate(5 minutes)"));
        Thread.sleep(150);
        assertThat(calls).isEmpty();
        assertThat(events.describeRule(b -> b.name("UploadMonitorRule-P2")).state()).isEqualTo(RuleState.ENABLED);
    }

    @Test
    void unknownRulesAreNotFoundAsOnAws() {
        assertThatThrownBy(() -> events.disableRule(b -> b.name("UploadMonitorRule-none")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("UploadMonitorRule-none")
                .targets(Target.builder().id("x").arn("arn").build())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(events.state("UploadMonitorRule-none")).isNull();
    }

    @Test
    void closingTheSharedClientDoesNotStopIt() throws InterruptedException {
        putEnabledRuleWithTarget("UploadMonitorRule-P1");
        events.close();
        calls.clear();
        Thread.sleep(200);
        assertThat(calls).isNotEmpty();
    }
}

package com.rmi360.monitor.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;

/** The DisableUploadMonitorRule function: its answers, its log line, and its in-process switch. */
class DisableRuleFunctionTest {

    private final List<String> log = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Boolean> rules = new HashMap<>(Map.of("UploadMonitorRule-P1", true));

    private final RuleSwitch eventBridge = (name, region) -> {
        calls.add(name + "@" + region);
        if (name.endsWith("-boom")) {
            throw new IllegalStateException("throttled");
        }
        if (rules.replace(name, false) == null) {
            throw new RuleNotFoundException(name, null);
        }
    };
    private final DisableRuleFunction function = new DisableRuleFunction(eventBridge, log::add);

    @Test
    void disablesAnExistingRule() {
        assertThat(function.handle(Map.of("rule_name", "UploadMonitorRule-P1", "region", "eu-west-1")))
                .containsExactly(Map.entry("statusCode", 200), Map.entry("body", "rule UploadMonitorRule-P1 disabled"));
        assertThat(rules).containsEntry("UploadMonitorRule-P1", false);
        assertThat(calls).containsExactly("UploadMonitorRule-P1@eu-west-1");
        assertThat(log).containsExactly("{\"level\":\"INFO\",\"msg\":\"disable rule\",\"statusCode\":200,"
                + "\"body\":\"rule UploadMonitorRule-P1 disabled\",\"rule_name\":\"UploadMonitorRule-P1\"}");
    }

    @Test
    void answers400And404ButThrowsOnAFailureSoLambdaRetries() {
        assertThat(function.handle(Map.of("rule_name", "SomeoneElsesRule"))).containsEntry("statusCode", 400);
        assertThat(function.handle(null)).containsEntry("statusCode", 400).containsEntry("body", "rule_name is missing or blank");
        assertThat(function.handle(Map.of("rule_name", "UploadMonitorRule-nope")))
                .containsEntry("statusCode", 404).containsEntry("body", "rule UploadMonitorRule-nope does not exist");
        assertThatThrownBy(() -> function.handle(Map.of("rule_name", "UploadMonitorRule-boom")))
                .isInstanceOf(DisableFailedException.class)
                .hasMessage("disabling UploadMonitorRule-boom failed: IllegalStateException: throttled");
        assertThat(calls).containsExactly("UploadMonitorRule-nope@null", "UploadMonitorRule-boom@null");
        assertThat(log).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("{\"level\":\"ERROR\",\"msg\":\"disable rule\""));
        assertThat(log.get(0)).endsWith("\"rule_name\":null}");
        assertThat(log.get(3)).contains("\"statusCode\":500,\"body\":\"disabling UploadMonitorRule-boom failed");
    }

    @Test
    void theRequestIsWhatTheMonitorSends() {
        assertThat(DisableRuleFunction.request("UploadMonitorRule-P1", "us-east-1"))
                .containsExactly(Map.entry("rule_name", "UploadMonitorRule-P1"), Map.entry("region", "us-east-1"));
        assertThat(DisableRuleFunction.request("UploadMonitorRule-P1", null))
                .containsExactly(Map.entry("rule_name", "UploadMonitorRule-P1"));
    }

    @Test
    void inProcessTheAnswerBecomesTheSwitchOutcome() {
        RuleSwitch inProcess = function.inProcess();
        inProcess.disable("UploadMonitorRule-P1", null);
        assertThat(rules).containsEntry("UploadMonitorRule-P1", false);
        assertThatThrownBy(() -> inProcess.disable("UploadMonitorRule-nope", null)).isInstanceOf(RuleNotFoundException.class);
        assertThatThrownBy(() -> inProcess.disable("SomeoneElsesRule", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starting with UploadMonitorRule");
        assertThatThrownBy(() -> inProcess.disable("UploadMonitorRule-boom", "us-east-2")).isInstanceOf(DisableFailedException.class)
                .hasMessage("disabling UploadMonitorRule-boom failed: IllegalStateException: throttled");
        assertThat(log).hasSize(4);
    }
}

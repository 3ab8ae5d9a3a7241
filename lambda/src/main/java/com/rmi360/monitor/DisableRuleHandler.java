package com.rmi360.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.EventBridgeRuleSwitch;
import com.rmi360.monitor.model.DisableRequest;
import com.rmi360.monitor.model.LogLine;
import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;

/**
 * Lambda entry point {@code com.rmi360.monitor.DisableRuleHandler::handleRequest} (function
 * DisableUploadMonitorRule). Input {@code {"rule_name", "region"?}}; answers
 * {@code {"statusCode", "body"}}: 400 for a missing, blank or non-{@code UploadMonitorRule*} name,
 * 404 if the rule does not exist, 200 once disabled, 500 with a message (no stack trace) otherwise.
 */
public final class DisableRuleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RuleSwitch rules;
    private final Consumer<String> log;

    /** Used by the Lambda runtime: region and credentials from the environment. */
    public DisableRuleHandler() {
        this(AwsClients.fromEnvironment(System.getenv()));
    }

    DisableRuleHandler(AwsClients aws) {
        this(new EventBridgeRuleSwitch(aws::eventBridge, aws.region()), System.out::println);
    }

    DisableRuleHandler(RuleSwitch rules, Consumer<String> log) {
        this.rules = rules;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        DisableRequest request;
        try {
            request = DisableRequest.fromMap(event);
        } catch (IllegalArgumentException e) {
            return answer(400, e.getMessage(), null);
        }
        try {
            rules.disable(request.ruleName(), request.region());
            return answer(200, "rule " + request.ruleName() + " disabled", request.ruleName());
        } catch (RuleNotFoundException e) {
            return answer(404, e.getMessage(), request.ruleName());
        } catch (RuntimeException e) {
            return answer(500, "disabling " + request.ruleName() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), request.ruleName());
        }
    }

    private Map<String, Object> answer(int status, String body, String ruleName) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("body", body);
        Map<String, Object> fields = new LinkedHashMap<>(response);
        fields.put("rule_name", ruleName);
        log.accept(LogLine.of(status == 200 ? "INFO" : "ERROR", "disable rule", fields));
        return response;
    }
}

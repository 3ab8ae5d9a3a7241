package com.rmi360.monitor.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.rmi360.monitor.model.DisableRequest;
import com.rmi360.monitor.model.LogLine;
import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;

/**
 * The DisableUploadMonitorRule function without its packaging: the Lambda handler
 * ({@code com.rmi360.monitor.DisableRuleHandler}) and the agent's local mode both call it.
 *
 * <p>Request {@code {"rule_name", "region"?}} ({@link #request}); answer {@code {"statusCode", "body"}}:
 * 400 for a missing, blank or non-{@code UploadMonitorRule*} name ({@link DisableRequest}), 404 if the
 * {@link RuleSwitch} says the rule does not exist, 200 once disabled. Any other failure is logged as a
 * 500 line and <b>thrown</b> ({@link DisableFailedException}, message without stack trace), so the
 * invocation fails and Lambda retries the asynchronous event (then hands it to the on-failure
 * destination); a bad request or a missing rule is an answer, not a retry. Every outcome is logged
 * as one JSON line (INFO for 200, ERROR otherwise).
 */
public final class DisableRuleFunction {

    private final RuleSwitch rules;
    private final Consumer<String> log;

    /**
     * @param rules disables the rule where it lives (EventBridge in AWS, the local scheduler in local mode)
     * @param log   receives the JSON log line of each answer
     */
    public DisableRuleFunction(RuleSwitch rules, Consumer<String> log) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The request the ProgressMonitor sends: {@code {"rule_name": …, "region": …}}, region left out when null. */
    public static Map<String, Object> request(String ruleName, String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule_name", ruleName);
        if (region != null) {
            body.put("region", region);
        }
        return body;
    }

    /**
     * One invocation: validates the request, disables the rule, answers.
     *
     * @throws DisableFailedException when the rule switch failed (after logging the 500 line)
     */
    public Map<String, Object> handle(Map<String, ?> request) {
        DisableRequest parsed;
        try {
            parsed = DisableRequest.fromMap(request);
        } catch (IllegalArgumentException e) {
            return answer(400, e.getMessage(), null);
        }
        try {
            rules.disable(parsed.ruleName(), parsed.region());
            return answer(200, "rule " + parsed.ruleName() + " disabled", parsed.ruleName());
        } catch (RuleNotFoundException e) {
            return answer(404, e.getMessage(), parsed.ruleName());
        } catch (RuntimeException e) {
            String message = "disabling " + parsed.ruleName() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            answer(500, message, parsed.ruleName());
            throw new DisableFailedException(message);
        }
    }

    /**
     * This function as the ProgressMonitor's {@link RuleSwitch}, invoked in-process and synchronously
     * (where AWS invokes it asynchronously through Lambda): 200 returns, 404 throws
     * {@link RuleNotFoundException}, 400 throws {@link IllegalArgumentException}, each with the
     * answer's body as message, and a failure throws {@link DisableFailedException}.
     */
    public RuleSwitch inProcess() {
        return (ruleName, region) -> {
            Map<String, Object> answer = handle(request(ruleName, region));
            Object status = answer.get("statusCode");
            String body = String.valueOf(answer.get("body"));
            if (Integer.valueOf(200).equals(status)) {
                return;
            }
            if (Integer.valueOf(404).equals(status)) {
                throw new RuleNotFoundException(ruleName, new IllegalStateException(body));
            }
            throw new IllegalArgumentException(body);
        };
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

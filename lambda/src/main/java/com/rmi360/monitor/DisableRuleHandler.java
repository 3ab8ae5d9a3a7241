package com.rmi360.monitor;

import java.util.Map;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.rmi360.monitor.aws.AwsClients;
import com.rmi360.monitor.aws.EventBridgeRuleSwitch;
import com.rmi360.monitor.function.DisableRuleFunction;
import com.rmi360.monitor.model.RuleSwitch;

/**
 * Lambda entry point {@code com.rmi360.monitor.DisableRuleHandler::handleRequest} (function
 * DisableUploadMonitorRule): the {@link DisableRuleFunction} on EventBridge {@code DisableRule},
 * logging to stdout. Input {@code {"rule_name", "region"?}}; answers {@code {"statusCode", "body"}}
 * (200/400/404); an EventBridge failure fails the invocation (throws), so Lambda retries the
 * asynchronous event and then sends it to the on-failure destination (the dead-letter queue).
 */
public final class DisableRuleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DisableRuleFunction function;

    /** Used by the Lambda runtime: region and credentials from the environment. */
    public DisableRuleHandler() {
        this(AwsClients.fromEnvironment(System.getenv()));
    }

    DisableRuleHandler(AwsClients aws) {
        this(new EventBridgeRuleSwitch(aws::eventBridge, aws.region()), System.out::println);
    }

    DisableRuleHandler(RuleSwitch rules, Consumer<String> log) {
        this.function = new DisableRuleFunction(rules, log);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return function.handle(event);
    }
}

package com.rmi360.monitor.aws;

import java.util.function.Supplier;

import com.rmi360.monitor.function.DisableRuleFunction;
import com.rmi360.monitor.model.Json;
import com.rmi360.monitor.model.RuleSwitch;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link RuleSwitch} that invokes the DisableUploadMonitorRule Lambda asynchronously
 * ({@code InvocationType=Event}) with {@code {"rule_name", "region"}}. Success means the invoke
 * was accepted (HTTP 202), not that the rule is already disabled.
 */
public final class LambdaRuleSwitch implements RuleSwitch {

    private final Supplier<LambdaClient> client;
    private final String functionName;
    private LambdaClient lambda;

    /** Invokes {@code functionName} through {@code lambda}. */
    public LambdaRuleSwitch(LambdaClient lambda, String functionName) {
        this(() -> lambda, functionName);
    }

    /**
     * Builds the client on the first disable only (e.g. {@code aws::lambda}): most ticks never
     * disable anything, so the Lambda cold start does not pay for a second SDK client.
     */
    public LambdaRuleSwitch(Supplier<LambdaClient> client, String functionName) {
        this.client = client;
        this.functionName = functionName;
    }

    private synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = client.get();
        }
        return lambda;
    }

    /** The invoke payload: {@code {"rule_name": …, "region": …}} (region left out when null), {@link DisableRuleFunction#request} as JSON. */
    public static String payload(String ruleName, String region) {
        return Json.write(DisableRuleFunction.request(ruleName, region));
    }

    @Override
    public void disable(String ruleName, String region) {
        InvokeResponse response = lambda().invoke(b -> b.functionName(functionName)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload(ruleName, region))));
        Integer status = response.statusCode();
        if (status == null || status / 100 != 2 || response.functionError() != null) {
            throw new IllegalStateException("invoke of " + functionName + " answered " + status
                    + (response.functionError() == null ? "" : " (" + response.functionError() + ")"));
        }
    }
}

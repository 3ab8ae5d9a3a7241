package com.rmi360.monitor.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * {@link RuleSwitch} calling EventBridge {@code DisableRule} directly, with one client per region
 * (created on first use by the given function, e.g. {@code AwsClients::eventBridge}).
 * A missing rule raises {@link RuleNotFoundException}.
 */
public final class EventBridgeRuleSwitch implements RuleSwitch {

    private final Function<String, EventBridgeClient> clientForRegion;
    private final String defaultRegion;
    private final Map<String, EventBridgeClient> clients = new ConcurrentHashMap<>();

    /**
     * @param clientForRegion builds a client for a region id
     * @param defaultRegion   used when {@link #disable} gets a null region
     */
    public EventBridgeRuleSwitch(Function<String, EventBridgeClient> clientForRegion, String defaultRegion) {
        this.clientForRegion = clientForRegion;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public void disable(String ruleName, String region) {
        String r = region == null || region.isBlank() ? defaultRegion : region;
        EventBridgeClient client = clients.computeIfAbsent(r, clientForRegion);
        try {
            client.disableRule(b -> b.name(ruleName));
        } catch (ResourceNotFoundException e) {
            throw new RuleNotFoundException(ruleName, e);
        }
    }
}

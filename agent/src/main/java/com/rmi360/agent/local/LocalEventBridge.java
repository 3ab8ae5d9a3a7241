package com.rmi360.agent.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.rmi360.agent.thread.DaemonThreads;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge in-process, for local mode: the agent's monitor code calls {@code PutRule} and
 * {@code PutTargets} on it exactly as on AWS, and an ENABLED rule with targets fires them on an
 * in-process timer every {@code period} (seconds where AWS would wait {@code rate(5 minutes)}),
 * the first time at once (so a short local run still draws a chart).
 * {@code DisableRule} (or {@code PutRule State=DISABLED}) stops the timer. Each firing hands the
 * target's ARN and constant input to {@code invoker}, as EventBridge hands it to a Lambda.
 * Operations other than rules and targets throw {@link UnsupportedOperationException}.
 */
public final class LocalEventBridge implements EventBridgeClient {

    private static final String ACCOUNT = "000000000000";

    private final Duration period;
    private final BiConsumer<String, String> invoker;
    private final ScheduledExecutorService timer;
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    private static final class Rule {
        String schedule;
        RuleState state = RuleState.ENABLED;
        final Map<String, Target> targets = new LinkedHashMap<>();
        ScheduledFuture<?> firing;
    }

    /**
     * @param period  how often an enabled rule fires
     * @param invoker called with (target ARN, input JSON) on each firing, on the timer thread
     */
    public LocalEventBridge(Duration period, BiConsumer<String, String> invoker) {
        this.period = period;
        this.invoker = invoker;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rmi360-local-schedule"));
    }

    /** The ARN a rule gets (account 000000000000, like other local AWS stand-ins). */
    public static String ruleArn(String name) {
        return "arn:aws:events:" + LocalS3.REGION.id() + ":" + ACCOUNT + ":rule/" + name;
    }

    /** The ARN of a stand-in Lambda function. */
    public static String functionArn(String name) {
        return "arn:aws:lambda:" + LocalS3.REGION.id() + ":" + ACCOUNT + ":function:" + name;
    }

    @Override
    public synchronized PutRuleResponse putRule(PutRuleRequest request) {
        Rule rule = rules.computeIfAbsent(request.name(), n -> new Rule());
        if (request.scheduleExpression() != null) {
            rule.schedule = request.scheduleExpression();
        }
        rule.state = request.state() == null ? RuleState.ENABLED : request.state();
        reschedule(request.name(), rule);
        return PutRuleResponse.builder().ruleArn(ruleArn(request.name())).build();
    }

    @Override
    public synchronized PutTargetsResponse putTargets(PutTargetsRequest request) {
        Rule rule = existing(request.rule());
        for (Target target : request.targets()) {
            rule.targets.put(target.id(), target);
        }
        reschedule(request.rule(), rule);
        return PutTargetsResponse.builder().failedEntryCount(0).build();
    }

    @Override
    public synchronized DisableRuleResponse disableRule(DisableRuleRequest request) {
        Rule rule = existing(request.name());
        rule.state = RuleState.DISABLED;
        reschedule(request.name(), rule);
        return DisableRuleResponse.builder().build();
    }

    @Override
    public synchronized EnableRuleResponse enableRule(EnableRuleRequest request) {
        Rule rule = existing(request.name());
        rule.state = RuleState.ENABLED;
        reschedule(request.name(), rule);
        return EnableRuleResponse.builder().build();
    }

    @Override
    public synchronized DescribeRuleResponse describeRule(DescribeRuleRequest request) {
        Rule rule = existing(request.name());
        return DescribeRuleResponse.builder().name(request.name()).arn(ruleArn(request.name()))
                .scheduleExpression(rule.schedule).state(rule.state).build();
    }

    /** The rule's state, or null when there is no such rule. */
    public synchronized RuleState state(String name) {
        Rule rule = rules.get(name);
        return rule == null ? null : rule.state;
    }

    /** Names of the rules whose timer is running. */
    public synchronized List<String> firingRules() {
        List<String> names = new ArrayList<>();
        rules.forEach((name, rule) -> {
            if (rule.firing != null) {
                names.add(name);
            }
        });
        return names;
    }

    private Rule existing(String name) {
        Rule rule = rules.get(name);
        if (rule == null) {
            throw ResourceNotFoundException.builder().message("Rule " + name + " does not exist.").statusCode(400).build();
        }
        return rule;
    }

    private void reschedule(String name, Rule rule) {
        boolean shouldFire = rule.state == RuleState.ENABLED && rule.schedule != null && !rule.targets.isEmpty();
        if (shouldFire && rule.firing == null) {
            long millis = period.toMillis();
            rule.firing = timer.scheduleWithFixedDelay(() -> fire(name), 0, millis, TimeUnit.MILLISECONDS);
        } else if (!shouldFire && rule.firing != null) {
            rule.firing.cancel(false);
            rule.firing = null;
        }
    }

    private void fire(String name) {
        List<Target> targets;
        synchronized (this) {
            Rule rule = rules.get(name);
            if (rule == null || rule.firing == null) {
                return;
            }
            targets = List.copyOf(rule.targets.values());
        }
        for (Target target : targets) {
            try {
                invoker.accept(target.arn(), target.input());
            } catch (RuntimeException e) {
                // a failed invocation is the function's problem (it logs it); the schedule goes on, as in AWS
            }
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** A no-op: callers share this instance (the agent closes every client it is handed). */
    @Override
    public void close() {
    }

    /** Stops every timer. */
    public void shutdown() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.rmi360.agent.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.model.CorruptDocumentException;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorNames;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.ObjectListing;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.rmi360.monitor.model.TickReport;
import com.rmi360.monitor.model.UploadStatus;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The agent's side of the monitor, one EventBridge rule per project ({@code UploadMonitorRule-<slug>},
 * inside the seed policy's {@code UploadMonitorRule*}), so that two projects uploading at once are
 * both watched:
 * <ul>
 * <li>{@link #start}: writes {@code status/progress_<slug>.json} (In Progress, expected totals (an
 * upload's scan only seeds a new document; a declared total is kept as {@code declared_total}),
 * project/camera/cloud cards; an earlier document keeps its history and start time), then
 * {@code PutRule rate(5 minutes) ENABLED} and {@code PutTargets} (ProgressMonitor, input
 * {@code {project_slug,bucket,prefix,expected_total,rule_name}});</li>
 * <li>{@link #stop}: {@code PutRule ... DISABLED} (the seed policy has no DisableRule);</li>
 * <li>{@link #tick}: the Lambda's {@link ProgressMonitor} once, in-process, its disable port
 * being {@link #stop};</li>
 * <li>{@link #read}: the progress document.</li>
 * </ul>
 * Only s3:GetObject/PutObject/ListBucket and events:PutRule/PutTargets are used.
 */
public final class MonitorControl {

    public static final String SCHEDULE = "rate(5 minutes)";
    public static final String TARGET_ID = MonitorNames.TARGET_ID;

    private final StatusStore store;
    private final EventBridgeClient events;
    private final Clock clock;

    public MonitorControl(StatusStore store, EventBridgeClient events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** {@code UploadMonitorRule-<slug>} ({@link MonitorNames#ruleName}). */
    public static String ruleName(String slug) {
        return MonitorNames.ruleName(slug);
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:ProgressMonitor} ({@link MonitorNames#progressMonitorArn}). */
    public static String functionArn(String partition, String region, String account) {
        return MonitorNames.progressMonitorArn(partition, region, account);
    }

    /** Writes the progress document and enables the project's rule; returns the rule name. */
    public String start(MonitorStart s) {
        String rule = ruleName(s.slug());
        Instant now = clock.instant();
        ProgressDocument doc = read(s.bucket(), s.slug())
                .map(old -> old.toBuilder()
                        .uploadStatus(UploadStatus.IN_PROGRESS).stalls(0).endTime(null).lastUpdated(now)
                        .expectedTotal(s.declared() || old.expectedTotal() <= 0 ? s.expectedTotal() : old.expectedTotal())
                        .declaredTotal(s.declared() ? s.expectedTotal() : old.declaredTotal())
                        .expectedBytes(Math.max(old.expectedBytes(), s.expectedBytes()))
                        .projectInfo(s.project()).cameraInfo(s.camera()).cloudInfo(s.cloud())
                        .disablePending(false).ruleDisabledAt(null).build())
                .orElseGet(() -> ProgressDocument.start(s.slug(), s.project(), s.camera(), s.cloud(),
                        s.expectedTotal(), s.expectedBytes(), now));
        doc = doc.toBuilder().ruleName(rule).declaredTotal(s.declared() ? s.expectedTotal() : doc.declaredTotal()).build();
        store.write(s.bucket(), StatusKeys.progress(s.slug()), ProgressCodec.encode(doc), StatusStore.JSON);
        // An upload's own scan stays out of the rule's input: the machines' manifests decide the total.
        MonitorEvent input = new MonitorEvent(s.slug(), s.bucket(), s.prefix(), s.declared() ? Long.valueOf(s.expectedTotal()) : null,
                rule, s.region());
        events.putRule(b -> b.name(rule).scheduleExpression(SCHEDULE).state(RuleState.ENABLED)
                .description("rmi360 upload monitor for project " + s.slug()));
        events.putTargets(b -> b.rule(rule).targets(Target.builder().id(TARGET_ID).arn(s.functionArn())
                .input(input.toJson()).build()));
        return rule;
    }

    /** Disables the project's rule (PutRule State=DISABLED; the schedule is kept). */
    public String stop(String slug) {
        String rule = ruleName(slug);
        disableRule(rule);
        return rule;
    }

    private void disableRule(String rule) {
        events.putRule(b -> b.name(rule).scheduleExpression(SCHEDULE).state(RuleState.DISABLED));
    }

    /** One ProgressMonitor tick in-process against the bucket. */
    public TickReport tick(ObjectListing listing, MonitorEvent event, MonitorSettings settings) {
        RuleSwitch rules = (ruleName, region) -> {
            try {
                disableRule(ruleName);
            } catch (ResourceNotFoundException e) {
                throw new RuleNotFoundException(ruleName, e);
            }
        };
        return new ProgressMonitor(listing, store, rules, settings, clock).tick(event);
    }

    /** The project's progress document, if there is a readable one. */
    public Optional<ProgressDocument> read(String bucket, String slug) {
        Optional<String> text = store.read(bucket, StatusKeys.progress(slug));
        try {
            return text.map(ProgressCodec::decode);
        } catch (CorruptDocumentException e) {
            return Optional.empty();
        }
    }
}

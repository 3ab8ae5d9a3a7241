package com.rmi360.monitor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tick rules, as pure functions of the previous document, what the listing found, the agent
 * heartbeat and the time:
 * <ul>
 *   <li><b>Complete</b> only when {@code expected_total > 0} and {@code count >= expected_total}.</li>
 *   <li><b>Stall</b>: count and bytes unchanged <i>and</i> no heartbeat newer than the one the
 *       previous tick saw → {@code stalls + 1}; progress or a fresh heartbeat → 0.
 *       <b>Failed</b> when {@code stalls >= STALL_THRESHOLD}.</li>
 *   <li>percent = min(100, count / expected × 100), 0 when the total is unknown (pages show "—");
 *       {@code avg_time_per_image} = seconds since start / count (legacy);
 *       ETA and throughput from {@link RecentRate} over the history window.</li>
 *   <li>With machines ({@link MachineRules}): the expected total is theirs (or the declared one),
 *       Complete also needs every manifest covered, and any machine's new heartbeat is fresh.</li>
 *   <li>Finishing sets {@code end_time} and {@code disable_pending}; a finished document is never
 *       advanced again (the caller skips it) until {@link #reopen}.</li>
 * </ul>
 */
public final class ProgressRules {

    private ProgressRules() {
    }

    /**
     * Applies the event to the stored document: slug, bucket, prefix and region into
     * {@code cloud_info}; {@code expected_total} (also as the declared total) when the event
     * carries one; the rule name
     * (event, else the document's, else the settings').
     */
    public static ProgressDocument merge(ProgressDocument doc, MonitorEvent event, MonitorSettings settings) {
        CloudInfo cloud = doc.cloudInfo();
        String prefix = event.prefix() != null ? event.prefix() : cloud.prefix() != null ? cloud.prefix() : event.projectSlug();
        String region = event.region() != null ? event.region() : cloud.region() != null ? cloud.region() : settings.region();
        String rule = event.ruleName() != null ? event.ruleName() : doc.ruleName() != null ? doc.ruleName() : settings.ruleName();
        return doc.toBuilder()
                .projectSlug(event.projectSlug())
                .cloudInfo(new CloudInfo(event.bucket(), prefix, region))
                .expectedTotal(event.expectedTotal() != null ? event.expectedTotal() : doc.expectedTotal())
                .declaredTotal(event.expectedTotal() != null ? event.expectedTotal() : doc.declaredTotal())
                .ruleName(rule)
                .build();
    }

    /** One tick for an unfinished document of the single-machine layout. */
    public static ProgressDocument advance(ProgressDocument prev, ImageCount found, Optional<Heartbeat> heartbeat,
                                           Instant now, MonitorSettings settings) {
        return advance(prev, found, heartbeat, MachineRules.Tally.NONE, now, settings);
    }

    /** One tick for an unfinished document; {@code machines} from {@link MachineRules#judge}. */
    public static ProgressDocument advance(ProgressDocument prev, ImageCount found, Optional<Heartbeat> heartbeat,
                                           MachineRules.Tally machines, Instant now, MonitorSettings settings) {
        boolean moved = found.count() != prev.count() || found.bytes() != prev.bytes();
        boolean fresh = heartbeat.filter(h -> isFresh(h, prev)).isPresent() || machines.fresh();
        int stalls = moved || fresh ? 0 : prev.stalls() + 1;

        List<Sample> history = new ArrayList<>(prev.history());
        history.add(new Sample(now, found.count(), found.bytes()));
        RecentRate rate = RecentRate.of(history);

        long expected = machines.present() ? machines.expected() : prev.expectedTotal();
        UploadStatus status = expected > 0 && found.count() >= expected && machines.covered() ? UploadStatus.COMPLETE
                : stalls >= settings.stallThreshold() ? UploadStatus.FAILED
                : UploadStatus.IN_PROGRESS;
        Instant start = prev.startTime() != null ? prev.startTime() : found.earliest();

        return prev.toBuilder()
                .lastUpdated(now)
                .expectedTotal(expected)
                .machines(machines.present() ? machines.views() : prev.machines())
                .startTime(start)
                .endTime(status.finished() ? now : null)
                .uploadStatus(status)
                .stalls(stalls)
                .count(found.count())
                .bytes(found.bytes())
                .percentComplete(percent(found.count(), expected))
                .avgTimePerImage(averageSecondsPerImage(start, now, found.count()))
                .history(history)
                .heartbeat(newest(prev.heartbeat(), heartbeat.orElse(null)))
                .etaSeconds(status == UploadStatus.COMPLETE ? Long.valueOf(0) : rate.etaSeconds(found.count(), expected))
                .bytesPerSecond(rate.bytesPerSecond())
                .disablePending(status.finished())
                .build();
    }

    /**
     * Puts a finished document back in progress for a new run (the agent calls this before it
     * re-enables the rule): status In Progress, stalls 0, no end time, nothing pending, no notification claimed (the new run's
     * finish is notified again); counts,
     * history and project details kept.
     */
    public static ProgressDocument reopen(ProgressDocument doc, long expectedTotal, long expectedBytes, Instant now) {
        return doc.toBuilder()
                .uploadStatus(UploadStatus.IN_PROGRESS)
                .stalls(0)
                .endTime(null)
                .disablePending(false)
                .ruleDisabledAt(null)
                .notifiedStatus(null)
                .notifiedAt(null)
                .expectedTotal(expectedTotal)
                .expectedBytes(expectedBytes)
                .lastUpdated(now)
                .build();
    }

    /** min(100, count / expected × 100) rounded to 2 decimals; 0 when {@code expected <= 0}. */
    public static double percent(long count, long expected) {
        if (expected <= 0) {
            return 0;
        }
        return Math.min(100.0, Math.round(count * 10000.0 / expected) / 100.0);
    }

    /** A heartbeat is fresh when newer than the last one seen, or (none seen) than the previous tick. */
    static boolean isFresh(Heartbeat h, ProgressDocument prev) {
        if (h.updated() == null) {
            return false;
        }
        Instant reference = prev.heartbeat() != null && prev.heartbeat().updated() != null
                ? prev.heartbeat().updated() : prev.lastUpdated();
        return reference == null || h.updated().isAfter(reference);
    }

    private static Heartbeat newest(Heartbeat seen, Heartbeat now) {
        if (now == null || now.updated() == null) {
            return seen;
        }
        return seen == null || seen.updated() == null || now.updated().isAfter(seen.updated()) ? now : seen;
    }

    private static double averageSecondsPerImage(Instant start, Instant now, long count) {
        if (start == null || count <= 0) {
            return 0;
        }
        double seconds = Math.max(0, Duration.between(start, now).toMillis() / 1000.0);
        return Math.round(seconds / count * 100.0) / 100.0;
    }
}

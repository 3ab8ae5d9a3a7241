package com.rmi360.monitor.function;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.rmi360.monitor.model.CorruptDocumentException;
import com.rmi360.monitor.model.DetailPage;
import com.rmi360.monitor.model.FinishNotice;
import com.rmi360.monitor.model.Heartbeat;
import com.rmi360.monitor.model.HeartbeatCodec;
import com.rmi360.monitor.model.ImageTally;
import com.rmi360.monitor.model.IndexPage;
import com.rmi360.monitor.model.MachineRules;
import com.rmi360.monitor.model.MonitorEvent;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.model.Notifier;
import com.rmi360.monitor.model.ObjectListing;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.ProgressRules;
import com.rmi360.monitor.model.ProjectMachines;
import com.rmi360.monitor.model.RuleNotFoundException;
import com.rmi360.monitor.model.RuleSwitch;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.rmi360.monitor.model.TickReport;

/**
 * The application service: one monitor tick for one project, on ports only (no AWS construction),
 * so the Lambda handler and the agent ({@code rmi360 monitor tick}, local mode) run the same code.
 *
 * <p>A tick: read {@code status/progress_<slug>.json} (missing → fresh; corrupt → kept aside as
 * {@link StatusKeys#corruptCopy} and fresh); merge the event; unless already finished, list the
 * images, read the heartbeat and the machines' manifests and heartbeats ({@link ProjectMachines},
 * judged by {@link MachineRules}) and apply {@link ProgressRules#advance}; when finished, call the
 * {@link RuleSwitch} (a failure leaves {@code disable_pending} for the next tick); then write the
 * JSON, the detail page and the index page, each independently.
 *
 * <p><b>A finished project's rule is disabled again at every tick</b>: a tick on a finished project
 * means its rule still fires (re-enabled by hand, or an accepted disable that then failed for good),
 * and disabling is idempotent, so the rule can never keep firing unnoticed.
 *
 * <p><b>Notifications</b> (when a {@link Notifier} is set): the tick that moves the project from In
 * Progress to Complete or Failed writes the JSON with {@code notified_status}/{@code notified_at}
 * <i>conditionally</i> ({@link StatusStore#writeIfUnchanged}, against the version it read) and
 * publishes only if that write won. A concurrent tick that read the same version loses the write
 * and publishes nothing; a retried or later tick reads a document that is already finished and is
 * no transition. So one transition is published at most once. The limit: a publish that fails
 * after the claim (SNS down beyond the client's retries, the function killed in between) is logged
 * and not repeated, since repeating could send it twice.
 * Problems that do not stop the tick are returned in {@link TickReport#problems()}. Reading the
 * progress file or listing failing (other than "not found") throws: nothing is written then.
 *
 * <p>Thread-safe if the ports are; one instance can serve many ticks and projects.
 */
public final class ProgressMonitor {

    private final ObjectListing listing;
    private final StatusStore store;
    private final RuleSwitch rules;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Notifier notifier;
    private final String pageBaseUrl;

    /** A monitor without notifications. */
    public ProgressMonitor(ObjectListing listing, StatusStore store, RuleSwitch rules,
                           MonitorSettings settings, Clock clock) {
        this(listing, store, rules, Notifier.NONE, null, settings, clock);
    }

    /**
     * @param listing  lists the images (S3 ListObjectsV2)
     * @param store    reads/writes the {@code status/} objects
     * @param rules       stops the schedule when the project finishes
     * @param notifier    told once per finish ({@link Notifier#NONE}: off); needs a store that
     *                    writes conditionally
     * @param pageBaseUrl public address of the bucket's pages, for the notice; null when private
     * @param settings    thresholds, default rule name, image extensions, default region
     * @param clock       time source (UTC instants; truncated to seconds)
     */
    public ProgressMonitor(ObjectListing listing, StatusStore store, RuleSwitch rules, Notifier notifier,
                           String pageBaseUrl, MonitorSettings settings, Clock clock) {
        this.listing = Objects.requireNonNull(listing, "listing");
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.pageBaseUrl = pageBaseUrl;
    }

    /**
     * Runs one tick for the event's project.
     *
     * @return what happened (log it with {@link TickReport#toLogLine()})
     * @throws RuntimeException if the progress file cannot be read or the images cannot be listed
     */
    public TickReport tick(MonitorEvent event) {
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        String bucket = event.bucket();
        String slug = event.projectSlug();

        Loaded loaded = load(bucket, slug, now, problems);
        ProgressDocument doc = ProgressRules.merge(loaded.doc(), event, settings);
        boolean wasFinished = doc.uploadStatus().finished();
        int listCalls = 0;
        if (!wasFinished) {
            ImageTally tally = new ImageTally(settings);
            ProjectMachines machines = ProjectMachines.read(store, bucket, slug, problems);
            ProjectMachines.Presence presence = new ProjectMachines.Presence(machines.unionOfKeys());
            listCalls = listing.list(bucket, event.listPrefix(), tally.andThen(presence));
            MachineRules.Tally byMachine = MachineRules.judge(doc, machines, presence.found(), now);
            doc = ProgressRules.advance(doc, tally.result(), heartbeat(bucket, slug, problems), byMachine, now, settings);
        }
        boolean disableRequested = doc.uploadStatus().finished();
        if (disableRequested) {
            doc = disable(doc, now, problems);
        }
        boolean notified = false;
        if (notifier.enabled() && !wasFinished && doc.uploadStatus().finished()) {
            doc = doc.toBuilder().notifiedStatus(doc.uploadStatus()).notifiedAt(now).build();
            notified = claimAndNotify(bucket, doc, loaded.version(), now, problems);
        } else {
            write(bucket, StatusKeys.progress(slug), ProgressCodec.encode(doc), StatusStore.JSON, problems);
        }
        write(bucket, StatusKeys.page(slug), DetailPage.render(doc, now, pageBaseUrl), StatusStore.HTML, problems);
        writeIndex(bucket, doc, now, problems);

        long millis = (System.nanoTime() - started) / 1_000_000;
        return new TickReport(slug, doc.count(), doc.bytes(), doc.expectedTotal(), doc.uploadStatus(), doc.stalls(),
                listCalls, millis, disableRequested, doc.disablePending(), notified, problems);
    }

    /** The conditional write that claims the transition, then the publish; true if published. */
    private boolean claimAndNotify(String bucket, ProgressDocument doc, String version, Instant now, List<String> problems) {
        String key = StatusKeys.progress(doc.projectSlug());
        boolean claimed;
        try {
            claimed = store.writeIfUnchanged(bucket, key, ProgressCodec.encode(doc), StatusStore.JSON, version);
        } catch (RuntimeException e) {
            problems.add("writing " + key + " failed, so no notification yet (the next tick tries again): " + e.getMessage());
            return false;
        }
        if (!claimed) {
            problems.add(key + " changed since this tick read it: another tick owns this " + doc.uploadStatus().label()
                    + " and its notification; this tick's JSON is dropped");
            return false;
        }
        try {
            notifier.publish(FinishNotice.of(doc, pageBaseUrl, now));
            return true;
        } catch (RuntimeException e) {
            problems.add("notification of " + doc.uploadStatus().label() + " failed and is not repeated (it could arrive twice): "
                    + e.getMessage());
            return false;
        }
    }

    private record Loaded(ProgressDocument doc, String version) {
    }

    private Loaded load(String bucket, String slug, Instant now, List<String> problems) {
        String key = StatusKeys.progress(slug);
        Optional<StatusStore.Versioned> read = store.readVersioned(bucket, key);
        ProgressDocument fresh = ProgressDocument.start(slug, null, null, null, 0, 0, now);
        if (read.isEmpty()) {
            return new Loaded(fresh, null);
        }
        Optional<String> text = Optional.of(read.get().text());
        try {
            return new Loaded(ProgressCodec.decode(text.get()), read.get().version());
        } catch (CorruptDocumentException e) {
            String aside = StatusKeys.corruptCopy(slug, now);
            try {
                store.write(bucket, aside, text.get(), StatusStore.JSON);
                problems.add("corrupt " + key + " kept as " + aside + ", starting a fresh one: " + e.getMessage());
            } catch (RuntimeException writeFailed) {
                problems.add("corrupt " + key + " (" + e.getMessage() + ") could not be kept aside as " + aside
                        + ": " + writeFailed.getMessage());
            }
            return new Loaded(fresh, read.get().version());
        }
    }

    private Optional<Heartbeat> heartbeat(String bucket, String slug, List<String> problems) {
        String key = StatusKeys.heartbeat(slug);
        try {
            return store.read(bucket, key).map(HeartbeatCodec::decode);
        } catch (RuntimeException e) {
            problems.add("heartbeat " + key + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    private ProgressDocument disable(ProgressDocument doc, Instant now, List<String> problems) {
        String region = doc.cloudInfo().region();
        try {
            rules.disable(doc.ruleName(), region);
        } catch (RuleNotFoundException e) {
            problems.add("rule " + doc.ruleName() + " not found: nothing to disable");
        } catch (RuntimeException e) {
            problems.add("disabling rule " + doc.ruleName() + " failed, retrying next tick: " + e.getMessage());
            return doc;
        }
        return doc.toBuilder().disablePending(false).ruleDisabledAt(now).build();
    }

    private void writeIndex(String bucket, ProgressDocument current, Instant now, List<String> problems) {
        List<ProgressDocument> projects = new ArrayList<>();
        projects.add(current);
        try {
            for (String key : store.keys(bucket, StatusKeys.PROGRESS_PREFIX)) {
                Optional<String> other = StatusKeys.slugOfProgressKey(key).filter(s -> !s.equals(current.projectSlug()));
                if (other.isPresent()) {
                    readQuietly(bucket, key, problems).ifPresent(projects::add);
                }
            }
        } catch (RuntimeException e) {
            problems.add("listing " + StatusKeys.PROGRESS_PREFIX + "* failed, index shows this project only: " + e.getMessage());
        }
        projects.sort(Comparator.comparing((ProgressDocument d) -> d.uploadStatus().finished())
                .thenComparing(ProgressDocument::projectSlug, Comparator.nullsLast(Comparator.naturalOrder())));
        write(bucket, StatusKeys.INDEX_PAGE, IndexPage.render(projects, now), StatusStore.HTML, problems);
    }

    private Optional<ProgressDocument> readQuietly(String bucket, String key, List<String> problems) {
        try {
            return store.read(bucket, key).map(ProgressCodec::decode)
                    .map(d -> d.projectSlug() == null ? d.toBuilder().projectSlug(StatusKeys.slugOfProgressKey(key).orElseThrow()).build() : d);
        } catch (RuntimeException e) {
            problems.add("index skips " + key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void write(String bucket, String key, String body, String contentType, List<String> problems) {
        try {
            store.write(bucket, key, body, contentType);
        } catch (RuntimeException e) {
            problems.add("writing " + key + " failed: " + e.getMessage());
        }
    }
}

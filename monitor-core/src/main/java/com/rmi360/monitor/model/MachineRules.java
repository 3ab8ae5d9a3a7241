package com.rmi360.monitor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The project as the sum of its machines, pure functions of the previous document, the machines'
 * manifests and heartbeats, the keys the bucket holds and the time:
 * <ul>
 *   <li><b>expected total</b>: the declared total when there is one, else the number of distinct
 *       keys over every manifest (overlapping folders count once);</li>
 *   <li><b>covered</b>: every manifest's keys are in the bucket and no machine reported a conflict
 *       (Complete needs this on top of {@code count >= expected});</li>
 *   <li><b>fresh</b>: some machine's heartbeat is newer than the one the previous tick saw (a
 *       stall needs every machine to be stale);</li>
 *   <li>one {@link MachineView} per manifest for the page.</li>
 * </ul>
 */
public final class MachineRules {

    private MachineRules() {
    }

    /**
     * What the machines say at this tick.
     *
     * @param present  false in the single-machine layout (no manifest): the other fields are neutral
     * @param expected the expected total (declared or the union of the manifests)
     * @param covered  every manifest covered (true without manifests)
     * @param fresh    some machine's heartbeat is new
     * @param views    one per manifest, in name order
     */
    public record Tally(boolean present, long expected, boolean covered, boolean fresh, List<MachineView> views) {

        /** The single-machine layout. */
        public static final Tally NONE = new Tally(false, 0, true, false, List.of());
    }

    /**
     * @param present the manifests' keys the listing found ({@link ProjectMachines.Presence#found()})
     */
    public static Tally judge(ProgressDocument prev, ProjectMachines machines, Set<String> present, Instant now) {
        if (!machines.present()) {
            return Tally.NONE;
        }
        long union = machines.unionOfKeys().size();
        boolean covered = true;
        boolean fresh = false;
        List<MachineView> views = new ArrayList<>();
        for (MachineManifest m : machines.manifests()) {
            long files = m.keys().isEmpty() ? m.files() : m.keys().size();
            long done = m.keys().stream().filter(present::contains).count();
            long conflicts = m.conflicts().size();
            MachineView before = previous(prev, m.machine());
            Heartbeat h = machines.heartbeats().get(m.machine());
            Instant seen = h == null ? null : h.updated();
            Instant reference = before != null && before.lastSeen() != null ? before.lastSeen() : prev.lastUpdated();
            boolean isFresh = seen != null && (reference == null || seen.isAfter(reference));
            Instant lastSeen = newest(before == null ? null : before.lastSeen(), seen);
            MachineView.State state = conflicts > 0 ? MachineView.State.CONFLICT
                    : done >= files ? MachineView.State.DONE
                    : isFresh ? MachineView.State.UPLOADING
                    : lastSeen == null ? MachineView.State.WAITING
                    : MachineView.State.STALE;
            views.add(new MachineView(m.machine(), files, m.bytes(), done, conflicts, rate(prev, before, done, now),
                    lastSeen, state));
            covered &= done >= files && conflicts == 0;
            fresh |= isFresh;
        }
        long expected = prev.declaredTotal() > 0 ? prev.declaredTotal() : union;
        return new Tally(true, expected, covered, fresh, views);
    }

    private static MachineView previous(ProgressDocument prev, String machine) {
        for (MachineView v : prev.machines()) {
            if (v.machine().equals(machine)) {
                return v;
            }
        }
        return null;
    }

    private static Double rate(ProgressDocument prev, MachineView before, long done, Instant now) {
        if (before == null || prev.lastUpdated() == null || !now.isAfter(prev.lastUpdated())) {
            return null;
        }
        double minutes = Duration.between(prev.lastUpdated(), now).toMillis() / 60_000.0;
        return Math.round(Math.max(0, done - before.done()) / minutes * 10.0) / 10.0;
    }

    private static Instant newest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}

package com.rmi360.monitor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the machines of one project wrote: every manifest under {@code status/<slug>/machines/}
 * and each one's heartbeat under {@code status/<slug>/heartbeats/}. None in the single-machine
 * layout (then the monitor works as before). An unreadable manifest or heartbeat is skipped with a
 * problem line; a failing listing means "no machines" for this tick, also with a problem line.
 *
 * @param manifests  by machine name, in name order
 * @param heartbeats by machine name (only machines with a manifest)
 */
public record ProjectMachines(List<MachineManifest> manifests, Map<String, Heartbeat> heartbeats) {

    /** The single-machine layout. */
    public static final ProjectMachines NONE = new ProjectMachines(List.of(), Map.of());

    public ProjectMachines {
        manifests = List.copyOf(manifests);
        heartbeats = Map.copyOf(heartbeats);
    }

    /** True when at least one machine wrote a manifest. */
    public boolean present() {
        return !manifests.isEmpty();
    }

    /** Reads the project's manifests and their heartbeats through {@code store}. */
    public static ProjectMachines read(StatusStore store, String bucket, String slug, List<String> problems) {
        List<String> keys;
        try {
            keys = store.keys(bucket, StatusKeys.machinesPrefix(slug));
        } catch (RuntimeException e) {
            problems.add("listing " + StatusKeys.machinesPrefix(slug) + " failed, machines ignored this tick: " + e.getMessage());
            return NONE;
        }
        List<MachineManifest> manifests = new ArrayList<>();
        Map<String, Heartbeat> beats = new HashMap<>();
        for (String key : keys.stream().sorted().toList()) {
            Optional<String> machine = StatusKeys.machineOfManifestKey(slug, key);
            if (machine.isEmpty()) {
                continue;
            }
            try {
                store.read(bucket, key).map(MachineManifestCodec::decode).ifPresent(manifests::add);
            } catch (RuntimeException e) {
                problems.add("manifest " + key + " ignored: " + e.getMessage());
                continue;
            }
            String hbKey = StatusKeys.machineHeartbeat(slug, machine.get());
            try {
                store.read(bucket, hbKey).map(HeartbeatCodec::decode).ifPresent(h -> beats.put(machine.get(), h));
            } catch (RuntimeException e) {
                problems.add("heartbeat " + hbKey + " ignored: " + e.getMessage());
            }
        }
        return new ProjectMachines(manifests, beats);
    }

    /** Every key some manifest holds, each once. */
    public Set<String> unionOfKeys() {
        Set<String> all = new HashSet<>();
        for (MachineManifest m : manifests) {
            all.addAll(m.keys());
        }
        return all;
    }

    /**
     * A listing sink that keeps the listed keys some manifest holds (memory bounded by the
     * manifests), for {@link MachineRules#judge}.
     */
    public static final class Presence implements Consumer<ObjectEntry> {
        private final Set<String> wanted;
        private final Set<String> found = new HashSet<>();

        public Presence(Set<String> wanted) {
            this.wanted = wanted;
        }

        @Override
        public void accept(ObjectEntry entry) {
            if (wanted.contains(entry.key())) {
                found.add(entry.key());
            }
        }

        /** The wanted keys the listing held. */
        public Set<String> found() {
            return found;
        }
    }
}

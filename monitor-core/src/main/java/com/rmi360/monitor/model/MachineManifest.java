package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.List;

/**
 * One machine's share of a project, {@code status/<slug>/machines/<machine>.json}, written by that
 * machine's agent only: after its scan (what it holds) and again at the end of each run (the
 * conflicts it found). The monitor's expected total is the union of every manifest's keys, and
 * a project is Complete only when every manifest is covered (see {@link MachineRules}).
 * Encode/decode with {@link MachineManifestCodec}.
 *
 * @param machine   the machine's name ({@link StatusKeys#requireValidMachine})
 * @param slug      project slug
 * @param scanTime  when the agent scanned the folder (UTC)
 * @param files     images it holds
 * @param bytes     their total size
 * @param keys      the images' object keys (so overlapping folders are counted once)
 * @param conflicts keys it holds with other bytes than the object already in the bucket, left as they are
 */
public record MachineManifest(String machine, String slug, Instant scanTime, long files, long bytes, List<String> keys,
                              List<String> conflicts) {

    public MachineManifest {
        keys = keys == null ? List.of() : List.copyOf(keys);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** The same manifest with {@code conflicts} as reported at the end of a run. */
    public MachineManifest withConflicts(List<String> found) {
        return new MachineManifest(machine, slug, scanTime, files, bytes, keys, found);
    }
}

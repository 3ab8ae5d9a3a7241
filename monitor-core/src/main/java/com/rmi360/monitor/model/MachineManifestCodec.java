package com.rmi360.monitor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for {@link MachineManifest}: {@code {"machine", "slug", "scan_time", "files", "bytes",
 * "keys": [...], "conflicts": [...]}}, {@code scan_time} as an ISO-8601 UTC string. Thread-safe.
 */
public final class MachineManifestCodec {

    private MachineManifestCodec() {
    }

    /** Compact JSON. */
    public static String encode(MachineManifest m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("machine", m.machine());
        map.put("slug", m.slug());
        map.put("scan_time", m.scanTime());
        map.put("files", m.files());
        map.put("bytes", m.bytes());
        map.put("keys", m.keys());
        map.put("conflicts", m.conflicts());
        return Json.write(map);
    }

    /**
     * Reads a manifest.
     *
     * @throws CorruptDocumentException when the text is not a JSON object with a valid machine name
     */
    public static MachineManifest decode(String json) {
        JsonFields f = JsonFields.parse(json, "machine manifest");
        String machine = f.text("machine");
        if (!StatusKeys.isValidMachine(machine)) {
            throw new CorruptDocumentException("machine manifest has no valid 'machine' name", null);
        }
        return new MachineManifest(machine, f.text("slug"), f.instant("scan_time"), f.whole("files"), f.whole("bytes"),
                strings(f.array("keys")), strings(f.array("conflicts")));
    }

    private static List<String> strings(List<?> items) {
        List<String> out = new ArrayList<>();
        if (items != null) {
            for (Object o : items) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}

package com.rmi360.monitor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for {@link Heartbeat}: {@code {"slug", "updated", "files_done", "bytes_sent",
 * "bytes_in_flight"}}, {@code updated} as an ISO-8601 UTC string. Thread-safe.
 */
public final class HeartbeatCodec {

    private HeartbeatCodec() {
    }

    /** Compact JSON. */
    public static String encode(Heartbeat heartbeat) {
        return Json.write(toMap(heartbeat));
    }

    /**
     * Reads a heartbeat.
     *
     * @throws CorruptDocumentException when the text is not a JSON object with an {@code updated} time
     */
    public static Heartbeat decode(String json) {
        return fromFields(JsonFields.parse(json, "heartbeat"));
    }

    static Map<String, Object> toMap(Heartbeat h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", h.slug());
        m.put("updated", h.updated());
        m.put("files_done", h.filesDone());
        m.put("bytes_sent", h.bytesSent());
        m.put("bytes_in_flight", h.bytesInFlight());
        return m;
    }

    static Heartbeat fromFields(JsonFields f) {
        Heartbeat h = new Heartbeat(f.text("slug"), f.instant("updated"), f.whole("files_done"), f.whole("bytes_sent"),
                f.whole("bytes_in_flight"));
        if (h.updated() == null) {
            throw new CorruptDocumentException("heartbeat has no 'updated' time", null);
        }
        return h;
    }
}

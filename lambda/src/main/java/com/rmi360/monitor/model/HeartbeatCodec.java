package com.rmi360.monitor.model;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON for {@link Heartbeat}: {@code {"slug", "updated", "files_done", "bytes_sent",
 * "bytes_in_flight"}}, {@code updated} as an ISO-8601 UTC string. Thread-safe.
 */
public final class HeartbeatCodec {

    private HeartbeatCodec() {
    }

    /** Compact JSON. */
    public static String encode(Heartbeat heartbeat) {
        try {
            return StatusJson.MAPPER.writeValueAsString(heartbeat);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode heartbeat", e);
        }
    }

    /**
     * Reads a heartbeat.
     *
     * @throws CorruptDocumentException when the text is not a JSON object with an {@code updated} time
     */
    public static Heartbeat decode(String json) {
        try {
            JsonNode node = StatusJson.MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new CorruptDocumentException("heartbeat is not a JSON object", null);
            }
            Heartbeat heartbeat = StatusJson.MAPPER.treeToValue(node, Heartbeat.class);
            if (heartbeat.updated() == null) {
                throw new CorruptDocumentException("heartbeat has no 'updated' time", null);
            }
            return heartbeat;
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptDocumentException("heartbeat is not valid: " + e.getMessage(), e);
        }
    }
}

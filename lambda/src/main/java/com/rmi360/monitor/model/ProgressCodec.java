package com.rmi360.monitor.model;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON for {@link ProgressDocument}: snake_case field names (legacy names kept), ISO-8601 UTC
 * strings for times, unknown fields ignored on read, missing numbers read as 0. Thread-safe.
 */
public final class ProgressCodec {

    private ProgressCodec() {
    }

    /** Pretty-printed JSON, UTF-8 when written as bytes. */
    public static String encode(ProgressDocument document) {
        try {
            return StatusJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode progress document", e);
        }
    }

    /**
     * Reads a progress document.
     *
     * @throws CorruptDocumentException when the text is not a JSON object of the expected shape
     */
    public static ProgressDocument decode(String json) {
        try {
            JsonNode node = StatusJson.MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new CorruptDocumentException("progress document is not a JSON object", null);
            }
            return StatusJson.MAPPER.treeToValue(node, ProgressDocument.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptDocumentException("progress document is not valid: " + e.getMessage(), e);
        }
    }
}

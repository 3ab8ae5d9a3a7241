package com.rmi360.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Canned Lambda events from {@code src/test/resources/events/*.json}, deserialised the way the Java
 * runtime does it for a {@code RequestHandler<Map<String, Object>, …>}: a Jackson tree of
 * {@code LinkedHashMap}, {@code String}, {@code Integer}/{@code Long}/{@code Double}, {@code Boolean}.
 */
public final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    /** The event in {@code events/<name>}, as a fresh mutable map. */
    public static Map<String, Object> load(String name) {
        try (InputStream in = LambdaEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource events/" + name);
            }
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event in {@code events/<name>} with some fields replaced (a null value removes the field). */
    public static Map<String, Object> load(String name, Map<String, Object> overrides) {
        Map<String, Object> event = load(name);
        overrides.forEach((k, v) -> {
            if (v == null) {
                event.remove(k);
            } else {
                event.put(k, v);
            }
        });
        return event;
    }

    /** Parses JSON text the same way. */
    public static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

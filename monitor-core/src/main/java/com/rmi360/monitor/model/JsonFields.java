package com.rmi360.monitor.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed, lenient reads from a parsed JSON object for the codecs: missing or null numbers are 0,
 * numeric strings are numbers, floats are truncated to whole numbers where a count is expected.
 * A value of the wrong type throws {@link CorruptDocumentException} naming the field.
 */
final class JsonFields {

    private final Map<?, ?> map;
    private final String what;

    private JsonFields(Map<?, ?> map, String what) {
        this.map = map;
        this.what = what;
    }

    /** Wraps a parsed value that must be an object. */
    static JsonFields of(Object parsed, String what) {
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new CorruptDocumentException(what + " is not a JSON object", null);
        }
        return new JsonFields(m, what);
    }

    /** Parses text that must be a JSON object. */
    static JsonFields parse(String json, String what) {
        try {
            return of(Json.read(json), what);
        } catch (IllegalArgumentException e) {
            throw new CorruptDocumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A nested object, or null when missing/null. */
    JsonFields object(String field) {
        Object v = map.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrong(field, "an object");
        }
        return new JsonFields(m, what + "." + field);
    }

    /** A nested array, or null when missing/null. */
    java.util.List<?> array(String field) {
        Object v = map.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof java.util.List<?> l)) {
            throw wrong(field, "an array");
        }
        return l;
    }

    String text(String field) {
        Object v = map.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw wrong(field, "text");
    }

    long whole(String field) {
        Double d = number(field);
        return d == null ? 0 : (long) d.doubleValue();
    }

    double decimal(String field) {
        Double d = number(field);
        return d == null ? 0 : d;
    }

    Long optionalWhole(String field) {
        Double d = number(field);
        return d == null ? null : (long) d.doubleValue();
    }

    Double optionalDecimal(String field) {
        return number(field);
    }

    boolean flag(String field) {
        Object v = map.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw wrong(field, "true or false");
    }

    Instant instant(String field) {
        Object v = map.get(field);
        if (v == null || v instanceof String s && s.isBlank()) {
            return null;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
        }
        if (v instanceof String s) {
            try {
                return Json.parseInstant(s);
            } catch (DateTimeParseException e) {
                throw wrong(field, "an ISO-8601 time");
            }
        }
        throw wrong(field, "an ISO-8601 time");
    }

    private Double number(String field) {
        Object v = map.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            if (s.isBlank()) {
                return null;
            }
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw wrong(field, "a number");
            }
        }
        throw wrong(field, "a number");
    }

    private CorruptDocumentException wrong(String field, String expected) {
        return new CorruptDocumentException(what + " field '" + field + "' is not " + expected, null);
    }
}

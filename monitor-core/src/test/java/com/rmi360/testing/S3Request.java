package com.rmi360.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One HTTP request as {@link FaultProxy} sees it, classified as an S3 operation, for fault filters.
 * Path-style ({@code /bucket/key}) and virtual-host style ({@code bucket.host/key}) are both understood.
 *
 * @param method     upper-case HTTP method
 * @param rawTarget  the request target as sent (path and query, still percent-encoded)
 * @param bucket     the bucket, or {@code ""} for service-level requests
 * @param key        the decoded object key, or {@code ""} for bucket-level requests
 * @param query      decoded query parameters (first value of each; a parameter without value maps to "")
 * @param headers    request headers, case-insensitive names, first value of each
 * @param operation  the S3 operation
 */
public record S3Request(String method, String rawTarget, String bucket, String key, Map<String, String> query,
                        Map<String, String> headers, S3Operation operation) {

    /** Classifies a request from its start-line parts and headers. */
    static S3Request of(String method, String target, Map<String, String> headers) {
        String m = method.toUpperCase(Locale.ROOT);
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && scheme < 8) { // absolute-form target
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        String rawPath = q < 0 ? t : t.substring(0, q);
        Map<String, String> query = parseQuery(q < 0 ? "" : t.substring(q + 1));

        String bucket;
        String key;
        String hostBucket = virtualHostBucket(headers.getOrDefault("host", ""));
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (hostBucket != null) {
            bucket = hostBucket;
            key = percentDecode(path);
        } else {
            int slash = path.indexOf('/');
            bucket = percentDecode(slash < 0 ? path : path.substring(0, slash));
            key = slash < 0 ? "" : percentDecode(path.substring(slash + 1));
        }
        S3Operation op = classify(m, bucket, key, query, headers);
        return new S3Request(m, target, bucket, key, Collections.unmodifiableMap(query),
                Collections.unmodifiableMap(headers), op);
    }

    /** {@code true} if this is one of the given operations. */
    public boolean is(S3Operation... operations) {
        return Arrays.asList(operations).contains(operation);
    }

    // ---- filters for FaultPlan.Builder#only ----

    /** Requests that are one of the given operations. */
    public static Predicate<S3Request> operation(S3Operation... operations) {
        Set<S3Operation> set = Set.of(operations);
        return r -> set.contains(r.operation());
    }

    /** Object-level requests whose decoded key starts with the prefix. */
    public static Predicate<S3Request> keyStartsWith(String prefix) {
        return r -> !r.key().isEmpty() && r.key().startsWith(prefix);
    }

    /** Requests with one of the given HTTP methods. */
    public static Predicate<S3Request> method(String... methods) {
        Set<String> set = Set.of(methods);
        return r -> set.contains(r.method());
    }

    /** Object uploads: PutObject, UploadPart, CreateMultipartUpload and CompleteMultipartUpload. */
    public static Predicate<S3Request> uploads() {
        return operation(S3Operation.PUT_OBJECT, S3Operation.UPLOAD_PART, S3Operation.CREATE_MULTIPART_UPLOAD,
                S3Operation.COMPLETE_MULTIPART_UPLOAD);
    }

    @Override
    public String toString() {
        return operation + " " + method + " " + rawTarget;
    }

    private static S3Operation classify(String m, String bucket, String key, Map<String, String> query,
                                        Map<String, String> headers) {
        boolean copy = headers.containsKey("x-amz-copy-source");
        if (bucket.isEmpty()) {
            return "GET".equals(m) ? S3Operation.LIST_BUCKETS : S3Operation.OTHER;
        }
        if (key.isEmpty()) {
            switch (m) {
                case "GET":
                    if ("2".equals(query.get("list-type"))) {
                        return S3Operation.LIST_OBJECTS_V2;
                    }
                    if (query.containsKey("uploads")) {
                        return S3Operation.LIST_MULTIPART_UPLOADS;
                    }
                    if (query.containsKey("location")) {
                        return S3Operation.GET_BUCKET_LOCATION;
                    }
                    return query.isEmpty() || query.containsKey("prefix") || query.containsKey("marker")
                            || query.containsKey("delimiter") || query.containsKey("max-keys")
                            ? S3Operation.LIST_OBJECTS : S3Operation.OTHER;
                case "PUT":
                    return query.isEmpty() ? S3Operation.CREATE_BUCKET : S3Operation.OTHER;
                case "DELETE":
                    return query.isEmpty() ? S3Operation.DELETE_BUCKET : S3Operation.OTHER;
                case "HEAD":
                    return S3Operation.HEAD_BUCKET;
                case "POST":
                    return query.containsKey("delete") ? S3Operation.DELETE_OBJECTS : S3Operation.OTHER;
                default:
                    return S3Operation.OTHER;
            }
        }
        boolean part = query.containsKey("partNumber") && query.containsKey("uploadId");
        switch (m) {
            case "PUT":
                if (part) {
                    return copy ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                }
                if (query.isEmpty() || query.containsKey("x-id")) {
                    return copy ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
                }
                return S3Operation.OTHER;
            case "POST":
                if (query.containsKey("uploads")) {
                    return S3Operation.CREATE_MULTIPART_UPLOAD;
                }
                return query.containsKey("uploadId") ? S3Operation.COMPLETE_MULTIPART_UPLOAD : S3Operation.OTHER;
            case "DELETE":
                return query.containsKey("uploadId") ? S3Operation.ABORT_MULTIPART_UPLOAD : S3Operation.DELETE_OBJECT;
            case "GET":
                if (query.containsKey("uploadId")) {
                    return S3Operation.LIST_PARTS;
                }
                return S3Operation.GET_OBJECT;
            case "HEAD":
                return S3Operation.HEAD_OBJECT;
            default:
                return S3Operation.OTHER;
        }
    }

    /** The bucket named by a virtual-host style Host header, or null for path style. */
    private static String virtualHostBucket(String host) {
        String h = host;
        if (h.startsWith("[")) {
            return null; // IPv6 literal
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.isEmpty() || "localhost".equalsIgnoreCase(h) || h.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return null;
        }
        int dot = h.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String rest = h.substring(dot + 1).toLowerCase(Locale.ROOT);
        // bucket.s3.amazonaws.com, bucket.s3.<region>.amazonaws.com, bucket.localhost, bucket.127.0.0.1
        if (rest.startsWith("s3") || rest.equals("localhost") || rest.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return h.substring(0, dot);
        }
        return null;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder, '+' stays '+'. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** A case-insensitive header map (first value wins), as used by {@link #headers()}. */
    static Map<String, String> headerMap() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}

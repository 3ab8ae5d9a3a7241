package com.rmi360.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bits of HTTP/1.1 framing {@link FaultProxy} needs: message heads and raw body relay. */
final class HttpWire {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;

    private HttpWire() {
    }

    /** A request or response head: start line and headers in order. */
    static final class Head {
        final String startLine;
        final List<String[]> headers;

        Head(String startLine, List<String[]> headers) {
            this.startLine = startLine;
            this.headers = headers;
        }

        String get(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        boolean hasToken(String name, String token) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    for (String part : h[1].split(",")) {
                        if (part.trim().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        Head without(String name) {
            List<String[]> kept = new ArrayList<>();
            for (String[] h : headers) {
                if (!h[0].equalsIgnoreCase(name)) {
                    kept.add(h);
                }
            }
            return new Head(startLine, kept);
        }

        Map<String, String> headerMap() {
            Map<String, String> map = S3Request.headerMap();
            for (String[] h : headers) {
                map.putIfAbsent(h[0], h[1]);
            }
            return map;
        }

        /** Status code of a response head. */
        int status() {
            String[] parts = startLine.split(" ", 3);
            return parts.length >= 2 ? Integer.parseInt(parts[1].trim()) : 0;
        }

        byte[] toBytes() {
            StringBuilder sb = new StringBuilder(startLine).append("\r\n");
            for (String[] h : headers) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** How a message body is delimited. */
    record Framing(Kind kind, long length) {
        enum Kind { NONE, FIXED, CHUNKED, UNTIL_CLOSE }

        static final Framing NONE = new Framing(Kind.NONE, 0);
        static final Framing CHUNKED = new Framing(Kind.CHUNKED, -1);
        static final Framing UNTIL_CLOSE = new Framing(Kind.UNTIL_CLOSE, -1);

        static Framing fixed(long n) {
            return n == 0 ? NONE : new Framing(Kind.FIXED, n);
        }

        boolean hasBody() {
            return kind != Kind.NONE;
        }
    }

    static Framing requestFraming(Head head) {
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            return Framing.CHUNKED;
        }
        String cl = head.get("Content-Length");
        return cl == null ? Framing.NONE : Framing.fixed(Long.parseLong(cl.trim()));
    }

    static Framing responseFraming(String requestMethod, Head head) {
        int status = head.status();
        if ("HEAD".equalsIgnoreCase(requestMethod) || status == 204 || status == 304 || status / 100 == 1) {
            return Framing.NONE;
        }
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            return Framing.CHUNKED;
        }
        String cl = head.get("Content-Length");
        return cl == null ? Framing.UNTIL_CLOSE : Framing.fixed(Long.parseLong(cl.trim()));
    }

    /** Reads a message head; null on a clean end of stream before its first byte. */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in, true);
        while (start != null && start.isEmpty()) { // tolerate stray CRLF between messages
            start = readLine(in, true);
        }
        if (start == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        int total = start.length();
        while (true) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("message head larger than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return new Head(start, headers);
    }

    /** One CRLF- (or LF-) terminated line without its terminator; null at EOF if allowed. */
    static String readLine(InputStream in, boolean eofOk) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && buf.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a message head");
            }
            if (b == '\n') {
                break;
            }
            buf.write(b);
            if (buf.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** Thrown by {@link Sink} when its byte budget is used up. */
    static final class Cut extends IOException {
        private static final long serialVersionUID = 1L;

        Cut() {
            super("cut", null);
        }
    }

    /** A byte sink over an optional stream (null = discard) that stops with {@link Cut} after a budget. */
    static final class Sink {
        private final OutputStream out;
        private final long budget;
        private long written;

        Sink(OutputStream out, long budget) {
            this.out = out;
            this.budget = budget < 0 ? Long.MAX_VALUE : budget;
        }

        void write(byte[] b, int off, int len) throws IOException {
            long room = budget - written;
            int n = (int) Math.min(len, room);
            if (out != null && n > 0) {
                out.write(b, off, n);
            }
            written += n;
            if (n < len) {
                throw new Cut();
            }
        }

        void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        long written() {
            return written;
        }
    }

    /**
     * Relays a body as raw bytes (chunk framing and trailers included) from {@code in} to {@code out}
     * (null = read and discard). With {@code budget} ≥ 0, stops after that many raw bytes.
     *
     * @return true if the whole body was relayed, false if the budget cut it short
     */
    static boolean relayBody(InputStream in, OutputStream out, Framing framing, long budget) throws IOException {
        Sink sink = new Sink(out, budget);
        try {
            switch (framing.kind()) {
                case NONE:
                    return true;
                case FIXED:
                    copy(in, sink, framing.length());
                    return true;
                case UNTIL_CLOSE:
                    copy(in, sink, -1);
                    return true;
                case CHUNKED:
                    relayChunked(in, sink);
                    return true;
                default:
                    throw new IllegalStateException(framing.toString());
            }
        } catch (Cut cut) {
            return false;
        }
    }

    private static void relayChunked(InputStream in, Sink sink) throws IOException {
        while (true) {
            String sizeLine = readLine(in, false);
            sink.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line: " + sizeLine, e);
            }
            if (size == 0) {
                while (true) { // trailers, then the empty line
                    String trailer = readLine(in, false);
                    sink.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
            }
            copy(in, sink, size);
            String crlf = readLine(in, false);
            if (!crlf.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            sink.write(new byte[] {'\r', '\n'});
        }
    }

    /** Copies n bytes (n &lt; 0: until EOF). */
    private static void copy(InputStream in, Sink sink, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (n < 0 || left > 0) {
            int want = n < 0 ? buf.length : (int) Math.min(buf.length, left);
            int r = in.read(buf, 0, want);
            if (r < 0) {
                if (n < 0) {
                    return;
                }
                throw new EOFException("connection closed with " + left + " body bytes missing");
            }
            sink.write(buf, 0, r);
            left -= r;
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}

package com.rmi360.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.testing.HttpWire.Framing;
import com.rmi360.testing.HttpWire.Head;

/**
 * A fault-injecting HTTP/1.1 proxy for S3 on loopback, between a client and {@link S3ProxyServer}
 * (or any plain-HTTP S3 endpoint). Point the client's endpoint at {@link #endpoint()}.
 *
 * <p>It parses every request (keep-alive, {@code Content-Length} and chunked bodies, {@code Expect:
 * 100-continue}), classifies it as an {@link S3Operation}, and for requests the {@link FaultPlan}
 * makes eligible draws one number from a Random seeded at start: at most one {@link Fault} per
 * request, with the plan's probabilities. Everything else is relayed byte for byte: the Host header
 * and all signed headers are untouched, so SigV4 signatures stay valid.
 *
 * <p>Behaviour per fault (see {@link Fault}): RESET reads a random part of the request body and
 * resets the connection (the request is not forwarded); INTERNAL_ERROR and SLOW_DOWN read the whole
 * body and answer an S3 XML error on a connection kept alive (not forwarded, or forwarded first with
 * {@link FaultPlan.Builder#forwardBeforeError}); TRUNCATE forwards, then relays the response up to a
 * random point of its body (or of its head when it has no body) and closes; STALL reads the body,
 * answers nothing for {@link FaultPlan#stall()}, and closes.
 *
 * <p>{@code Expect: 100-continue} is answered by the proxy itself ({@code 100 Continue} before it
 * reads a non-empty body) and the header is dropped on the way upstream (SigV4 never signs it), so
 * S3Proxy never sees it: its server mishandles it on empty-body requests. Interim 1xx responses from
 * upstream are swallowed.
 *
 * <p>Counters ({@link #stats()}): connections accepted, requests seen, eligible requests, requests
 * forwarded, upstream errors (not injected: should stay 0), faults per kind, requests per operation.
 * {@link #faultLog()} lists each injected fault, {@link #upstreamErrorLog()} each upstream error.
 * Thread per client connection (kept alive as the client wishes); a fresh upstream connection per
 * forwarded request. Test code only.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int UPSTREAM_READ_TIMEOUT_MS = 120_000;
    private static final int FAULT_LOG_LIMIT = 100_000;
    private static final int HEAD_LOG_LIMIT = 1_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Random random;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile FaultPlan plan;
    private long faultsUnderPlan; // guarded by random

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong eligible = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong upstreamErrors = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
    private final Map<S3Operation, AtomicLong> operations = new EnumMap<>(S3Operation.class);
    private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());
    private final List<String> upstreamErrorLog = new ArrayList<>();
    private final List<String> requestHeads = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<String> current = new ThreadLocal<>();
    private volatile boolean closed;

    private FaultProxy(URI upstream, FaultPlan plan, long seed, int port) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort() < 0 ? 80 : upstream.getPort());
        this.plan = plan;
        this.random = new Random(seed);
        for (Fault f : Fault.values()) {
            faults.put(f, new AtomicLong());
        }
        for (S3Operation op : S3Operation.values()) {
            operations.put(op, new AtomicLong());
        }
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    /** Starts a proxy to {@code upstream} (http://host:port) on a free loopback port, seed 1. */
    public static FaultProxy start(URI upstream, FaultPlan plan) {
        return start(upstream, plan, 1L);
    }

    /** Starts a proxy to {@code upstream} on a free loopback port with the given seed. */
    public static FaultProxy start(URI upstream, FaultPlan plan, long seed) {
        return start(upstream, plan, seed, 0);
    }

    /** Starts a proxy on a given loopback port (0 = any free port). */
    public static FaultProxy start(URI upstream, FaultPlan plan, long seed, int port) {
        if (!"http".equalsIgnoreCase(upstream.getScheme())) {
            throw new IllegalArgumentException("upstream must be plain http: " + upstream);
        }
        try {
            return new FaultProxy(upstream, plan, seed, port);
        } catch (IOException e) {
            throw new UncheckedIOException("fault proxy could not listen", e);
        }
    }

    /** The endpoint clients should use, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    public FaultPlan plan() {
        return plan;
    }

    /** Installs a new plan (the Random keeps its sequence; the plan's fault cap counts from now). */
    public void plan(FaultPlan newPlan) {
        synchronized (random) {
            this.plan = newPlan;
            this.faultsUnderPlan = 0;
        }
    }

    /** A consistent-enough snapshot of the counters. */
    public Stats stats() {
        Map<Fault, Long> f = new EnumMap<>(Fault.class);
        faults.forEach((k, v) -> f.put(k, v.get()));
        Map<S3Operation, Long> ops = new EnumMap<>(S3Operation.class);
        operations.forEach((k, v) -> {
            if (v.get() > 0) {
                ops.put(k, v.get());
            }
        });
        return new Stats(connections.get(), requests.get(), eligible.get(), forwarded.get(), upstreamErrors.get(),
                Collections.unmodifiableMap(f), Collections.unmodifiableMap(ops), malformed.get());
    }

    /** One line per injected fault, in order: {@code #<request> <fault> <operation> <method> <target>}. */
    public List<String> faultLog() {
        synchronized (faultLog) {
            return List.copyOf(faultLog);
        }
    }

    /**
     * The heads of the first {@value #HEAD_LOG_LIMIT} requests as the client sent them (start line, then
     * one {@code Name: value} line per header, in order), before the proxy drops anything.
     */
    public List<String> requestHeads() {
        synchronized (requestHeads) {
            return List.copyOf(requestHeads);
        }
    }

    /** Why each upstream error happened (not injected faults: S3Proxy or the proxy itself failed). */
    public List<String> upstreamErrorLog() {
        synchronized (upstreamErrorLog) {
            return List.copyOf(upstreamErrorLog);
        }
    }

    /** Counters of one proxy. */
    public record Stats(long connections, long requests, long eligible, long forwarded, long upstreamErrors,
                        Map<Fault, Long> faults, Map<S3Operation, Long> operations, long malformed) {

        public long faults(Fault fault) {
            return faults.getOrDefault(fault, 0L);
        }

        public long faultsTotal() {
            return faults.values().stream().mapToLong(Long::longValue).sum();
        }

        public long requests(S3Operation operation) {
            return operations.getOrDefault(operation, 0L);
        }

        @Override
        public String toString() {
            return "requests=" + requests + " eligible=" + eligible + " forwarded=" + forwarded + " connections="
                    + connections + " upstreamErrors=" + upstreamErrors + (malformed == 0 ? "" : " malformed=" + malformed)
                    + " faults=" + faultsTotal() + " " + faults;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            open.add(client);
            try {
                pool.execute(() -> serve(client));
            } catch (RuntimeException rejected) {
                open.remove(client);
                closeQuietly(client);
            }
        }
    }

    /**
     * The upstream connection of one request, owned by one client connection's thread. Every forwarded
     * request gets a fresh connection: S3Proxy's Jetty closes kept-alive connections on its own now and
     * then (idle after 1 s, and sometimes right after a 200), and a request body half-sent on a
     * connection the server just closed cannot be replayed. Loopback connections cost ~0.1 ms.
     */
    private final class Upstream {
        Socket socket;
        InputStream in;
        OutputStream out;
        long opened;
        String lastStatus = "none";

        String describe() {
            return socket == null ? "no upstream connection"
                    : "upstream connection open " + (System.nanoTime() - opened) / 1_000_000 + " ms, status " + lastStatus;
        }

        void open() throws IOException {
            close();
            Socket s = new Socket();
            open.add(s);
            s.setTcpNoDelay(true);
            s.connect(upstream, 10_000);
            s.setSoTimeout(UPSTREAM_READ_TIMEOUT_MS);
            socket = s;
            opened = System.nanoTime();
            lastStatus = "none";
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        }

        void close() {
            if (socket != null) {
                open.remove(socket);
                closeQuietly(socket);
                socket = null;
            }
        }
    }

    private void serve(Socket client) {
        Upstream up = new Upstream();
        try {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
            while (!closed) {
                Head req = HttpWire.readHead(in);
                if (req == null) {
                    return;
                }
                if (!handle(req, in, out, client, up)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage: drop the connection
        } finally {
            up.close();
            open.remove(client);
            closeQuietly(client);
        }
    }

    /** Handles one request; returns whether the client connection stays open. */
    private boolean handle(Head req, InputStream in, OutputStream out, Socket client, Upstream up) throws IOException {
        long seq = requests.incrementAndGet();
        String[] start = req.startLine.split(" ");
        String method = start[0];
        S3Request s3;
        Framing body;
        try {
            if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x request");
            }
            s3 = S3Request.of(method, start[1], req.headerMap());
            body = HttpWire.requestFraming(req);
        } catch (IOException | RuntimeException e) {
            malformed.incrementAndGet();
            String line = req.startLine.length() > 200 ? req.startLine.substring(0, 200) + "…" : req.startLine;
            System.err.println("fault-proxy: request #" + seq + " not understood, connection dropped: " + line + " (" + e + ")");
            throw e;
        }
        current.set("#" + seq + " " + s3);
        synchronized (requestHeads) {
            if (requestHeads.size() < HEAD_LOG_LIMIT) {
                requestHeads.add(new String(req.toBytes(), StandardCharsets.ISO_8859_1).strip());
            }
        }
        operations.get(s3.operation()).incrementAndGet();
        boolean keepAlive = !req.hasToken("Connection", "close") && !"HTTP/1.0".equals(start[2]);

        FaultPlan p = plan;
        if (!p.latency().isZero()) {
            try {
                Thread.sleep(p.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        Fault fault = null;
        if (p.eligible(s3)) {
            eligible.incrementAndGet();
            fault = draw(p);
        }
        if (fault != null) {
            faults.get(fault).incrementAndGet();
            synchronized (faultLog) {
                if (faultLog.size() < FAULT_LOG_LIMIT) {
                    faultLog.add("#" + seq + " " + fault + " " + s3);
                }
            }
        }

        if (body.hasBody() && req.hasToken("Expect", "100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        Head upstreamHead = req.without("Expect");

        if (fault == null) {
            if (!forwardRequest(upstreamHead, body, in, up)) {
                return false;
            }
            return relayResponse(method, up, out) && keepAlive;
        }
        switch (fault) {
            case RESET: {
                long budget = body.kind() == Framing.Kind.FIXED ? cutPoint(body.length())
                        : body.hasBody() ? randomBelow(64 * 1024) : 0;
                HttpWire.relayBody(in, null, body, budget);
                reset(client);
                return false;
            }
            case INTERNAL_ERROR:
            case SLOW_DOWN: {
                if (p.forwardBeforeError()) {
                    if (!forwardRequest(upstreamHead, body, in, up) || !discardResponse(method, up)) {
                        return false;
                    }
                } else {
                    HttpWire.relayBody(in, null, body, -1);
                }
                writeError(out, fault, s3, method, keepAlive);
                return keepAlive;
            }
            case STALL: {
                if (p.forwardBeforeError()) {
                    if (!forwardRequest(upstreamHead, body, in, up) || !discardResponse(method, up)) {
                        return false;
                    }
                } else {
                    HttpWire.relayBody(in, null, body, -1);
                }
                try {
                    Thread.sleep(p.stall().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case TRUNCATE: {
                if (forwardRequest(upstreamHead, body, in, up)) {
                    relayTruncated(method, up, out);
                }
                up.close();
                return false;
            }
            default:
                throw new IllegalStateException(fault.name());
        }
    }

    private void upstreamError(Upstream up, IOException e) {
        upstreamErrors.incrementAndGet();
        synchronized (upstreamErrorLog) {
            if (upstreamErrorLog.size() < 1000) {
                upstreamErrorLog.add(current.get() + ": " + (e == null ? "?" : e) + " (" + up.describe() + ")");
            }
        }
    }

    private Fault draw(FaultPlan p) {
        synchronized (random) {
            if (p != plan || faultsUnderPlan >= p.maxFaults()) {
                return null;
            }
            Fault f = p.pick(random.nextDouble());
            if (f != null) {
                faultsUnderPlan++;
            }
            return f;
        }
    }

    /** A cut strictly inside a body of n ≥ 1 bytes: somewhere in [n/10, 9n/10]. */
    private long cutPoint(long n) {
        if (n <= 1) {
            return 0;
        }
        long lo = Math.max(1, n / 10);
        long hi = Math.max(lo + 1, n - n / 10);
        return Math.min(n - 1, lo + randomBelow(hi - lo));
    }

    private long randomBelow(long bound) {
        synchronized (random) {
            return bound <= 1 ? 0 : (long) (random.nextDouble() * bound);
        }
    }

    /** Sends the request head and body upstream; false (client connection to drop) on an upstream failure. */
    private boolean forwardRequest(Head head, Framing body, InputStream clientIn, Upstream up) throws IOException {
        try {
            up.open();
            up.out.write(head.toBytes());
        } catch (IOException e) {
            upstreamError(up, e);
            up.close();
            return false;
        }
        try {
            // Failures reading the client body propagate (client gone); failures writing upstream are upstream's.
            Guard guard = new Guard(up.out);
            HttpWire.relayBody(clientIn, guard, body, -1);
            guard.flush();
        } catch (WriteFailure e) {
            upstreamError(up, e);
            up.close();
            return false;
        } catch (IOException e) {
            up.close();
            throw e;
        }
        forwarded.incrementAndGet();
        return true;
    }

    /** An output stream whose write failures surface as {@link WriteFailure}, to tell the two sides apart. */
    private static final class Guard extends OutputStream {
        private final OutputStream target;

        Guard(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                target.flush();
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }
    }

    private static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    /** Reads the upstream response head, skipping interim 1xx responses. */
    private Head readResponseHead(Upstream up) throws IOException {
        while (true) {
            Head head = HttpWire.readHead(up.in);
            if (head == null) {
                throw new IOException("upstream closed before responding");
            }
            int status = head.status();
            if (status >= 200 || status == 101) {
                up.lastStatus = head.startLine;
                return head;
            }
        }
    }

    /** Relays the response; returns whether both connections may be kept alive. */
    private boolean relayResponse(String method, Upstream up, OutputStream out) throws IOException {
        Head head;
        try {
            head = readResponseHead(up);
        } catch (IOException e) {
            upstreamError(up, e);
            up.close();
            return false;
        }
        Framing framing = HttpWire.responseFraming(method, head);
        try {
            Guard client = new Guard(out);
            client.write(head.toBytes());
            HttpWire.relayBody(up.in, client, framing, -1);
            client.flush();
        } catch (WriteFailure clientGone) {
            up.close();
            throw clientGone;
        } catch (IOException e) {
            upstreamError(up, e);
            up.close();
            return false;
        }
        up.close();
        return framing.kind() != Framing.Kind.UNTIL_CLOSE && !head.hasToken("Connection", "close");
    }

    /** Reads and drops the upstream response (forward-before-error mode). */
    private boolean discardResponse(String method, Upstream up) {
        try {
            Head head = readResponseHead(up);
            Framing framing = HttpWire.responseFraming(method, head);
            HttpWire.relayBody(up.in, null, framing, -1);
            up.close();
            return true;
        } catch (IOException e) {
            upstreamError(up, e);
            up.close();
            return false;
        }
    }

    /** Relays the response head and part of the body, or part of the head when there is no body. */
    private void relayTruncated(String method, Upstream up, OutputStream out) throws IOException {
        Head head;
        try {
            head = readResponseHead(up);
        } catch (IOException e) {
            upstreamError(up, e);
            return;
        }
        Framing framing = HttpWire.responseFraming(method, head);
        byte[] headBytes = head.toBytes();
        switch (framing.kind()) {
            case NONE:
                // No body to cut: the response is dropped whole after S3 acted on the request. A cut
                // inside the head is no fair fault for HttpURLConnection: it takes a head cut between or
                // inside header lines as complete, and a cut status line as status -1, which the SDK
                // fails on without retrying (IllegalArgumentException).
                break;
            case FIXED:
                out.write(headBytes);
                HttpWire.relayBody(up.in, out, framing, cutPoint(framing.length()));
                break;
            default: {
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                HttpWire.relayBody(up.in, whole, framing, -1);
                byte[] raw = whole.toByteArray();
                out.write(headBytes);
                out.write(raw, 0, (int) cutPoint(raw.length));
                break;
            }
        }
        out.flush();
    }

    private void writeError(OutputStream out, Fault fault, S3Request s3, String method, boolean keepAlive)
            throws IOException {
        String code = fault == Fault.SLOW_DOWN ? "SlowDown" : "InternalError";
        String message = fault == Fault.SLOW_DOWN ? "Please reduce your request rate."
                : "We encountered an internal error. Please try again.";
        String status = fault == Fault.SLOW_DOWN ? "503 Slow Down" : "500 Internal Server Error";
        String requestId = String.format("FAULT%011X", requests.get());
        String resource = "/" + s3.bucket() + (s3.key().isEmpty() ? "" : "/" + s3.key());
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><Resource>" + xmlEscape(resource) + "</Resource><RequestId>" + requestId
                + "</RequestId><HostId>fault-proxy</HostId></Error>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amz-request-id: " + requestId + "\r\n"
                + "x-amz-id-2: fault-proxy\r\n"
                + "Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Server: FaultProxy\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!"HEAD".equalsIgnoreCase(method)) {
            out.write(body);
        }
        out.flush();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void reset(Socket client) {
        try {
            client.setSoLinger(true, 0); // close() now sends RST
        } catch (SocketException ignored) {
            // best effort
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}

package com.rmi360.agent.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local stand-in for the public status site: anonymous, read-only HTTP on 127.0.0.1 serving
 * the bucket's {@code status/*.html} and {@code status/*.json} (nothing else: images stay private,
 * as the bucket policy keeps them on AWS). {@code /} redirects to the index page.
 */
public final class StatusPageServer implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,120}\\.(html|json)");
    /** The pages are self-contained (inline CSS and SVG); nothing else may load. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService threads;

    private StatusPageServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving {@code bucket}'s status area from {@code store} on a free loopback port. */
    public static StatusPageServer start(StatusStore store, String bucket) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("rmi360-status-page"));
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, store, bucket);
            } catch (RuntimeException e) {
                // the client sees a closed connection; the upload is unaffected
            }
        });
        server.start();
        return new StatusPageServer(server, threads);
    }

    private static void handle(HttpExchange exchange, StatusStore store, String bucket) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            ignored.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "read-only\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/status") || path.equals("/status/")) {
            exchange.getResponseHeaders().set("Location", "/" + StatusKeys.INDEX_PAGE);
            send(exchange, 302, "text/plain; charset=utf-8", "");
            return;
        }
        String name = path.startsWith("/" + StatusKeys.STATUS_PREFIX)
                ? path.substring(StatusKeys.STATUS_PREFIX.length() + 1) : "";
        if (!NAME.matcher(name).matches() || name.startsWith(".")) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        Optional<String> body = store.read(bucket, StatusKeys.STATUS_PREFIX + name);
        if (body.isEmpty()) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found (yet): the monitor writes it on its first tick\n");
            return;
        }
        send(exchange, 200, name.endsWith(".json") ? StatusStore.JSON : StatusStore.HTML, body.get());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", CSP);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The address of a status key, e.g. {@code status/status.html}. */
    public URI url(String statusKey) {
        return base().resolve("/" + statusKey);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

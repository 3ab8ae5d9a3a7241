package com.rmi360.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

/**
 * A real headless Chromium (Debian {@code chromium}) loading one HTML page served from a loopback
 * HTTP server that records every request. {@link #load(String)} answers the DOM after load
 * ({@code --dump-dom}) and the request log, so a test can assert that the page rendered, that no
 * injected script ran (the title is intact) and that the page made no request of its own.
 * Each load uses a fresh profile directory; background networking, sync, component updates and
 * first-run are off. Missing chromium fails under CI=true and skips elsewhere ({@link RequiredTool}).
 */
public final class HeadlessChromium {

    /** Path the page is served at; any other requested path is recorded and answered 404. */
    public static final String PAGE_PATH = "/page.html";

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

    private HeadlessChromium() {
    }

    /** What Chromium saw and did. */
    public record PageLoad(String dom, List<String> requests) {

        /** {@code document.title} as serialised in the DOM, entities decoded. */
        public String title() {
            Matcher m = TITLE.matcher(dom);
            return m.find() ? decode(m.group(1)) : null;
        }
    }

    /** Serves {@code html} as UTF-8 at {@link #PAGE_PATH} and loads it once. */
    public static PageLoad load(String html) {
        Path chromium = RequiredTool.require("chromium");
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = startServer(html.getBytes(StandardCharsets.UTF_8), requests);
        Path profile = null;
        try {
            profile = Files.createTempDirectory("chromium-profile");
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PAGE_PATH);
            String dom = dumpDom(chromium, profile, url);
            return new PageLoad(dom, List.copyOf(requests));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server.stop(0);
            deleteQuietly(profile);
        }
    }

    private static HttpServer startServer(byte[] page, List<String> requests) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                try (InputStream ignored = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    if (PAGE_PATH.equals(exchange.getRequestURI().getPath())) {
                        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                        exchange.sendResponseHeaders(200, page.length);
                        out.write(page);
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the page server", e);
        }
    }

    private static String dumpDom(Path chromium, Path profile, URI url) throws IOException {
        Path out = Files.createTempFile("chromium-dom", ".html");
        Path err = Files.createTempFile("chromium-err", ".log");
        List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--virtual-time-budget=3000", "--dump-dom", url.toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("chromium did not finish within 90 s: " + Files.readString(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new IOException("chromium exited " + process.exitValue() + " with no DOM: " + Files.readString(err));
            }
            return dom;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String decode(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}

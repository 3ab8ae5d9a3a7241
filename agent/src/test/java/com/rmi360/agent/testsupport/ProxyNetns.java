package com.rmi360.agent.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.rmi360.testing.RequiredTool;

/**
 * Two network namespaces this test creates and deletes: a client namespace, where the agent runs
 * as a subprocess, and a server namespace holding a real HTTP proxy (Debian {@code tinyproxy},
 * with Basic auth) on 10.213.77.2:8888 and moto_server (S3, STS, EventBridge) on 10.213.78.2:5000.
 * A veth pair joins them on 10.213.77.0/24 only, so the client has no route to moto: a request
 * that skips the proxy fails at once ("network unreachable"), and neither loopback nor any
 * bypass rule can hide it. {@link #routeDirect} adds the route for NO_PROXY tests. Nothing is
 * changed outside the two namespaces. Needs root; tinyproxy, moto_server and the AWS CLI
 * (bucket setup, inside the server namespace) fail under CI=true and skip elsewhere when missing.
 */
public final class ProxyNetns implements AutoCloseable {

    public static final String PROXY_HOST = "10.213.77.2";
    public static final int PROXY_PORT = 8888;
    public static final String S3_HOST = "10.213.78.2";
    public static final String ENDPOINT = "http://" + S3_HOST + ":5000";
    public static final String PROXY_USER = "office";

    private final String id = UUID.randomUUID().toString().substring(0, 6);
    private final String client = "r3px-c-" + id;
    private final String server = "r3px-s-" + id;
    private final Path dir;
    private final String password;
    private final List<Process> daemons = new ArrayList<>();

    private ProxyNetns(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** @param password the proxy's Basic-auth password (a canary the tests look for in every output) */
    public static ProxyNetns start(Path dir, String password) throws IOException, InterruptedException {
        RequiredTool.require("ip");
        Path tinyproxy = RequiredTool.require("tinyproxy");
        Path moto = RequiredTool.require("moto_server");
        RequiredTool.require("aws");
        if (!"root".equals(System.getProperty("user.name"))) {
            if (RequiredTool.isCi()) {
                Assertions.fail("the proxy tests create network namespaces and need root (CI=true)");
            }
            Assumptions.abort("skipped: the proxy tests create network namespaces and need root");
        }
        ProxyNetns n = new ProxyNetns(dir, password);
        try {
            n.setUp(tinyproxy, moto);
            return n;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            n.close();
            throw e;
        }
    }

    private void setUp(Path tinyproxy, Path moto) throws IOException, InterruptedException {
        String vc = "r3c" + id;
        String vs = "r3s" + id;
        ip("netns", "add", client);
        ip("netns", "add", server);
        ip("link", "add", vc, "type", "veth", "peer", "name", vs);
        ip("link", "set", vc, "netns", client);
        ip("link", "set", vs, "netns", server);
        ip("-n", client, "addr", "add", "10.213.77.1/24", "dev", vc);
        ip("-n", server, "addr", "add", PROXY_HOST + "/24", "dev", vs);
        ip("-n", server, "addr", "add", S3_HOST + "/32", "dev", "lo");
        for (String[] up : new String[][] {{client, vc}, {client, "lo"}, {server, vs}, {server, "lo"}}) {
            ip("-n", up[0], "link", "set", up[1], "up");
        }
        Path conf = dir.resolve("tinyproxy.conf");
        Files.writeString(conf, """
                Port %d
                Listen %s
                Timeout 120
                MaxClients 200
                LogFile "%s"
                LogLevel Connect
                BasicAuth %s %s
                """.formatted(PROXY_PORT, PROXY_HOST, proxyLog(), PROXY_USER, password));
        daemons.add(inServer(List.of(tinyproxy.toString(), "-d", "-c", conf.toString()), dir.resolve("tinyproxy.out"), Map.of()));
        daemons.add(inServer(List.of(moto.toString(), "-H", S3_HOST, "-p", "5000"), motoLog(),
                Map.of("AWS_ACCESS_KEY_ID", "AKIAMOTOTESTKEY00000", "AWS_SECRET_ACCESS_KEY", "moto", "AWS_DEFAULT_REGION", "us-east-1")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!(Files.readString(motoLog()).contains("Running on") && Files.exists(proxyLog())
                && Files.readString(proxyLog()).contains("done sending stored logs"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("tinyproxy or moto_server did not start: " + Files.readString(motoLog()));
            }
            Thread.sleep(100);
        }
    }

    private Process inServer(List<String> command, Path log, Map<String, String> env) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", server));
        full.addAll(command);
        ProcessBuilder b = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        return b.start();
    }

    /** The proxy's log: one {@code Request (file descriptor N): METHOD URL} line per request it forwarded. */
    public Path proxyLog() {
        return dir.resolve("tinyproxy.log");
    }

    /** moto_server's log: one line per request it answered. */
    public Path motoLog() {
        return dir.resolve("moto.log");
    }

    /**
     * What the proxy logged so far, one entry per request line it received: {@code GET http://...}
     * for a plain request, {@code CONNECT host:port} for a tunnel (the CRT and netty clients tunnel
     * even to an http endpoint; their requests then travel inside it, unseen by the proxy).
     */
    public List<String> proxyRequests() throws IOException {
        return Files.readAllLines(proxyLog()).stream().filter(l -> l.contains("Request (file descriptor"))
                .map(l -> l.substring(l.indexOf("): ") + 3)).toList();
    }

    /** The source address of every request moto answered so far (the proxy's is {@link #S3_HOST}). */
    public List<String> motoSources() throws IOException {
        return Files.readAllLines(motoLog()).stream().filter(l -> l.matches("^\\d+\\.\\d+\\.\\d+\\.\\d+ - - \\[.*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    /** Runs {@code command} in the client namespace ({@code env}: null removes an inherited variable). */
    public CliRun.Result inClient(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", client));
        full.addAll(command);
        return Processes.run(full, env, dir, timeoutSeconds);
    }

    /** Runs the AWS CLI next to moto (server namespace, no proxy): bucket setup and checks. */
    public String awsCli(String... args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", server, "aws", "--endpoint-url", ENDPOINT,
                "--region", "us-east-1", "--output", "text"));
        full.addAll(List.of(args));
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIAMOTOTESTKEY00000");
        env.put("AWS_SECRET_ACCESS_KEY", "moto");
        env.put("HTTP_PROXY", null);
        env.put("HTTPS_PROXY", null);
        env.put("http_proxy", null);
        env.put("https_proxy", null);
        CliRun.Result r = Processes.run(full, env, dir, 60);
        if (r.exitCode() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + ": " + r);
        }
        return r.out();
    }

    /** Gives the client a direct route to moto (for NO_PROXY); {@code false} takes it away again. */
    public void routeDirect(boolean on) throws IOException, InterruptedException {
        ip("-n", client, "route", on ? "add" : "del", S3_HOST + "/32", "via", PROXY_HOST);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    /** Stops the daemons and deletes both namespaces (the veth pair goes with them). */
    @Override
    public void close() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : daemons) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : List.of(client, server)) {
            try {
                ip("netns", "del", ns);
            } catch (IOException | InterruptedException ignored) {
                // not created
            }
        }
    }
}

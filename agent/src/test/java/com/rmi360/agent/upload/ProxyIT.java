package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.agent.testsupport.ProxyNetns;

/**
 * The packaged agent through a real proxy (tinyproxy with Basic auth) to moto_server, which the
 * agent's namespace can reach only through the proxy ({@link ProxyNetns}): every client (CRT
 * transfer client, Java fallback, sync S3, STS, EventBridge) goes through it, the proxy's log
 * holds every request moto answered, NO_PROXY goes direct, a refusing proxy is one line, and the
 * proxy password (a canary) is in no output.
 */
class ProxyIT {

    static final String CANARY = "canary-Pr0xy-pw-5517";

    @TempDir
    static Path tmp;

    static ProxyNetns net;

    @BeforeAll
    static void start() throws Exception {
        net = ProxyNetns.start(Files.createDirectories(tmp.resolve("net")), CANARY);
        net.awsCli("s3api", "create-bucket", "--bucket", "proxied");
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    static String proxyUrl(int port) {
        return "http://" + ProxyNetns.PROXY_USER + ":" + CANARY + "@" + ProxyNetns.PROXY_HOST + ":" + port;
    }

    private CliRun.Result upload(String slug, Map<String, String> extraEnv, String... extra) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src-" + slug));
        UploadTree.file(src, "a.jpg", 4096, 1);
        UploadTree.file(src, "sub/b.jpg", 8192, 2);
        UploadTree.file(src, "sub/big.jpg", 17 << 20, 3); // multipart
        Path cfg = tmp.resolve("config-" + slug + ".yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: "%s", client: "Client"}
                aws: {region: us-east-1, s3_bucket: proxied}
                """.formatted(slug));
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", Processes.agentJar().toString(), "upload",
                "--config", cfg.toString(), "--endpoint-url", ProxyNetns.ENDPOINT, "--progress", "none"));
        command.addAll(List.of(extra));
        command.add(src.toString());
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy",
                "AWS_PROFILE", "AWS_ENDPOINT_URL", "RMI360_NO_CRT")) {
            env.put(name, null);
        }
        env.put("AWS_ACCESS_KEY_ID", "AKIAMOTOTESTKEY00000");
        env.put("AWS_SECRET_ACCESS_KEY", "moto");
        env.putAll(extraEnv);
        CliRun.Result r = net.inClient(command, env, 180);
        assertThat(r.all()).as("the proxy password is never printed").doesNotContain(CANARY);
        return r;
    }

    /** The run's journal: CRC64NVME entries come from the CRT client, CRC32 ones from the Java client. */
    private static String journal(String slug) throws Exception {
        try (var files = Files.list(tmp.resolve("src-" + slug).resolve(".rmi360"))) {
            StringBuilder text = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("journal_")).toList()) {
                text.append(Files.readString(f));
            }
            return text.toString();
        }
    }

    private long objects(String prefix) throws Exception {
        String out = net.awsCli("s3api", "list-objects-v2", "--bucket", "proxied", "--prefix", prefix + "/", "--query", "length(Contents)");
        return Long.parseLong(out.strip());
    }

    /**
     * The proxy logs each plain request of the URL-connection clients (small S3, STS, EventBridge)
     * and one CONNECT per tunnel of the CRT and netty clients; moto's log shows that every request
     * it answered came from the proxy (the client namespace has no route to it anyway).
     */
    @Test
    void everyClientGoesThroughTheProxyFromTheEnvironmentAndTheFlag() throws Exception {
        int proxied0 = net.proxyRequests().size();
        int moto0 = net.motoSources().size();

        // CRT transfer client + sync S3 + STS (account for the function ARN) + EventBridge (the rule)
        CliRun.Result crt = upload("PXCRT", Map.of("HTTP_PROXY", proxyUrl(ProxyNetns.PROXY_PORT)));
        assertThat(crt.exitCode()).as(crt.toString()).isEqualTo(ExitCodes.OK);
        assertThat(crt.err()).contains("rule UploadMonitorRule-PXCRT enabled");
        List<String> crtLog = net.proxyRequests().subList(proxied0, net.proxyRequests().size());
        int proxied1 = net.proxyRequests().size();

        // the Java multipart client, with --proxy over a wrong environment value
        CliRun.Result java = upload("PXJAVA", Map.of("RMI360_NO_CRT", "1", "http_proxy", "http://10.213.77.2:1"),
                "--proxy", proxyUrl(ProxyNetns.PROXY_PORT));
        assertThat(java.exitCode()).as(java.toString()).isEqualTo(ExitCodes.OK);
        assertThat(java.err()).contains("rule UploadMonitorRule-PXJAVA enabled");
        List<String> javaLog = net.proxyRequests().subList(proxied1, net.proxyRequests().size());
        List<String> answeredFrom = net.motoSources().subList(moto0, net.motoSources().size());

        assertThat(journal("PXCRT")).as("the CRT client sent these").contains("CRC64NVME:").doesNotContain("CRC32:");
        assertThat(journal("PXJAVA")).as("the Java client sent these").contains("CRC32:").doesNotContain("CRC64NVME:");
        String host = "http://" + ProxyNetns.S3_HOST + ":5000";
        for (List<String> log : List.of(crtLog, javaLog)) {
            assertThat(log).as("sync S3: preflight").anyMatch(l -> l.startsWith("GET " + host + "/proxied?list-type=2"));
            assertThat(log).as("sync S3: progress document").anyMatch(l -> l.startsWith("PUT " + host + "/proxied/status/progress_"));
            assertThat(log).as("STS and EventBridge (POST /)").filteredOn(l -> l.startsWith("POST " + host)).hasSizeGreaterThanOrEqualTo(3);
            assertThat(log).as("the transfer client's tunnel").contains("CONNECT " + ProxyNetns.S3_HOST + ":5000 HTTP/1.1");
        }
        assertThat(answeredFrom).as("requests moto answered").hasSizeGreaterThanOrEqualTo(20)
                .as("every one came from the proxy").containsOnly(ProxyNetns.S3_HOST);
        assertThat(objects("PXCRT")).isEqualTo(3);
        assertThat(objects("PXJAVA")).isEqualTo(3);
    }

    @Test
    void noProxyGoesDirect() throws Exception {
        net.routeDirect(true);
        try {
            int proxiedBefore = net.proxyRequests().size();
            int motoBefore = net.motoSources().size();
            CliRun.Result r = upload("PXDIRECT", Map.of("HTTP_PROXY", proxyUrl(ProxyNetns.PROXY_PORT),
                    "NO_PROXY", "localhost," + ProxyNetns.S3_HOST), "--no-monitor");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(net.proxyRequests()).as("nothing went through the proxy").hasSize(proxiedBefore);
            assertThat(net.motoSources().subList(motoBefore, net.motoSources().size())).as("all came straight from the client")
                    .isNotEmpty().containsOnly("10.213.77.1");
            assertThat(objects("PXDIRECT")).isEqualTo(3);
        } finally {
            net.routeDirect(false);
        }
    }

    @Test
    void refusingProxyIsOneLine() throws Exception {
        CliRun.Result r = upload("PXREFUSED", Map.of(), "--proxy", proxyUrl(9), "--no-monitor");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("through the proxy http://" + ProxyNetns.PROXY_HOST + ":9 (--proxy)");
        assertThat(r.out()).isEmpty();
    }
}

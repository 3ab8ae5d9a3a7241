package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;

/**
 * What the packaged CLI puts on the wire, in both configurations, read from the request heads a
 * {@link FaultProxy} (no faults) logs in front of S3Proxy:
 *
 * <ul>
 * <li><b>AWS mode (a stand-in)</b>: no {@code --endpoint-url} and no AWS_ENDPOINT_URL, so the agent
 * configures its clients exactly as for AWS (no endpoint override, no path-style flag, Expect left to
 * the SDK); only the SDK itself is pointed at the proxy through AWS_ENDPOINT_URL_S3, which the agent
 * does not read and the SDK (CRT client included) honours. Differences from AWS: plain HTTP on an IP
 * address, hence path-style addressing and no TLS.</li>
 * <li><b>Endpoint mode</b>: {@code --endpoint-url} at the proxy, as on the rig.</li>
 * </ul>
 *
 * The heads go to {@code target/wire-heads-<mode>.txt} (docs/upload.md "Wire behaviour" quotes them).
 */
class WireBehaviourIT {

    /**
     * Many more small files than files in flight (16 at the start), so that "fewer connections than
     * half the PUTs" shows reuse: the small files' PUTs and the larger files' requests run on two CRT
     * connection pools (NativePuts and the Transfer Manager's client), which open up to one connection
     * per request in flight each; with 50 files a loaded machine reached 27 connections for 52 PUTs.
     */
    static final int SMALL_FILES = 200;
    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();

    @TempDir
    Path tmp;

    /** One run of the jar through a fresh logging proxy; returns the proxy (closed) for its logs. */
    FaultProxy upload(boolean endpointMode, Path src, String bucket) throws IOException, InterruptedException {
        server.createBucket(bucket);
        FaultProxy proxy = FaultProxy.start(server.endpoint(), FaultPlan.none());
        try (proxy) {
            Map<String, String> env = server.awsEnv(tmp);
            env.put("AWS_ENDPOINT_URL", null);
            env.put("AWS_ENDPOINT_URL_S3", endpointMode ? null : proxy.endpoint().toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("RMI360_NO_CRT", null);
            List<String> cmd = new ArrayList<>(List.of(Processes.java(), "-jar", Processes.agentJar().toString(),
                    "upload", src.toString(), "--bucket", bucket, "--prefix", "W", "--no-monitor", "--progress", "none",
                    "--state-dir", tmp.resolve("state-" + bucket).toString()));
            if (endpointMode) {
                cmd.addAll(List.of("--endpoint-url", proxy.endpoint().toString()));
            }
            CliRun.Result run = Processes.run(cmd, env, tmp, 180);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            Files.write(Path.of("target", "wire-heads-" + (endpointMode ? "endpoint" : "aws") + ".txt"),
                    ("# " + proxy.stats().connections() + " connections, " + proxy.stats().requests() + " requests\n\n"
                            + String.join("\n\n", proxy.requestHeads())).getBytes());
        }
        UploadIT.assertBucketEqualsSource(server.s3(), bucket, "W", src);
        return proxy;
    }

    /** PutObject heads (PUT without partNumber/uploadId) with their Content-Length. */
    static List<Head> heads(FaultProxy proxy) {
        List<Head> out = new ArrayList<>();
        for (String h : proxy.requestHeads()) {
            out.add(new Head(h));
        }
        return out;
    }

    record Head(String text) {
        String startLine() {
            return text.lines().findFirst().orElse("");
        }

        boolean isPut() {
            return startLine().startsWith("PUT ");
        }

        boolean isPart() {
            return isPut() && startLine().contains("partNumber=");
        }

        boolean isCreateMultipart() {
            return startLine().startsWith("POST ") && startLine().contains("uploads");
        }

        long contentLength() {
            Matcher m = Pattern.compile("(?im)^Content-Length: (\\d+)$").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        /** {@code x-amz-decoded-content-length} when the body is aws-chunked, else Content-Length. */
        long objectBytes() {
            Matcher m = Pattern.compile("(?im)^x-amz-decoded-content-length: (\\d+)$").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : contentLength();
        }

        boolean expectsContinue() {
            return Pattern.compile("(?im)^Expect: *100-continue").matcher(text).find();
        }
    }

    Path files() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < SMALL_FILES; i++) {
            UploadTree.file(src, "s/img" + i + ".jpg", 4096, i);
        }
        UploadTree.file(src, "m/two-mib.jpg", 2 << 20, 100);        // above the SDK's own Expect threshold (1 MiB)
        UploadTree.file(src, "m/fifteen-mib.jpg", 15 << 20, 101);   // the largest single PUT
        UploadTree.file(src, "m/twenty-mib.jpg", 20 << 20, 102);    // multipart: 8 + 8 + 4 MiB
        return src;
    }

    @Test
    void awsModeSendsSmallPutsWithoutExpectAndKeepsItOnParts() throws Exception {
        FaultProxy proxy = upload(false, files(), "aws-mode");
        List<Head> heads = heads(proxy);
        List<Head> puts = heads.stream().filter(h -> h.isPut() && !h.isPart()).toList();
        assertThat(puts).as("one PutObject per file below 16 MiB").hasSize(SMALL_FILES + 2);
        assertThat(puts).as("single PUTs, 4 KiB to 15 MiB, never wait for 100 Continue")
                .noneMatch(Head::expectsContinue);
        assertThat(puts.stream().mapToLong(Head::objectBytes).max().getAsLong()).isEqualTo(15L << 20);
        List<Head> parts = heads.stream().filter(Head::isPart).toList();
        assertThat(parts).as("3 parts of the 20 MiB file").hasSize(3);
        assertThat(parts).as("against AWS an 8 MiB part still asks first (SDK default, copied by the CRT)")
                .allMatch(Head::expectsContinue);
        assertThat(proxy.stats().connections()).as("kept-alive connections: fewer than one per PUT")
                .isLessThan(puts.size() / 2);
    }

    @Test
    void endpointModeSendsNoExpectAtAll() throws Exception {
        FaultProxy proxy = upload(true, files(), "endpoint-mode");
        List<Head> heads = heads(proxy);
        assertThat(heads.stream().filter(h -> h.isPut() && !h.isPart())).hasSize(SMALL_FILES + 2);
        assertThat(heads.stream().filter(Head::isPart)).hasSize(3);
        assertThat(heads.stream().filter(Head::isCreateMultipart)).hasSize(1);
        assertThat(heads).as("no request waits for 100 Continue with --endpoint-url").noneMatch(Head::expectsContinue);
        assertThat(proxy.stats().connections()).as("kept-alive connections: fewer than one per PUT")
                .isLessThan((SMALL_FILES + 2) / 2);
    }
}

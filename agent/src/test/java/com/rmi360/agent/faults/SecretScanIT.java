package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.FreePort;
import com.rmi360.testing.MotoServer;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A recognisable fake secret goes through every command and every failure path; it must never
 * appear in stdout, stderr, the journal, the CSV logs, or any object the agent writes (progress,
 * heartbeat, pages). moto_server accepts any key, so the fake secret is the working secret here;
 * the uploads also pass through the fault proxy so that retry and error paths run too. The only
 * place the secret may appear is {@code credentials process}'s JSON, whose purpose is to hand it to
 * the AWS CLI.
 */
class SecretScanIT {

    static final String KEY_ID = "AKIAFAKECANARY000042";
    static final String SECRET = "FAKEsecretRMI360canary/LEAK+CHECK0123456789";
    static final String SERVICE = "rmi360-canary";

    static MotoServer moto;
    static FaultProxy proxy;
    static S3Client s3;
    static final List<String> outputs = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        moto = MotoServer.start(); // fails under CI=true, skips elsewhere, when moto_server is missing
        proxy = FaultProxy.start(moto.endpoint(), FaultPlan.standardMix().build(), 4242);
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket("canary"));
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            s3.close();
            proxy.close();
            moto.close();
        }
    }

    /** The secret and the forms it could leak in. */
    static List<String> needles() {
        return List.of(SECRET, SECRET.substring(0, 16), SECRET.substring(SECRET.length() - 16),
                Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    }

    static void assertClean(String where, String text) {
        for (String needle : needles()) {
            assertThat(text).as("%s contains the secret (%s…)", where, needle.substring(0, 6)).doesNotContain(needle);
        }
    }

    static MemorySecretStore keyring() {
        return new MemorySecretStore().put(SERVICE, KeyringCredentials.ID, KEY_ID).put(SERVICE, KeyringCredentials.SECRET, SECRET);
    }

    static Path config(String name, String authLines) throws IOException {
        Path cfg = tmp.resolve(name);
        Files.writeString(cfg, """
                project: {number: "26-042", slug: "CANARY", client: "Client", rr_name: "Rail", rr_mark: "RR"}
                camera: {make: Mosaic, model: "Mosaic 51", sn: "SN1"}
                aws:
                  region: us-east-1
                  s3_bucket: canary
                  s3_bucket_folder: config.project.slug
                %s
                """.formatted(authLines.indent(2).stripTrailing()));
        return cfg;
    }

    static CliRun.Result run(MemorySecretStore store, Map<String, String> env, String... args) {
        CliRun.Result r = CliRun.with().store(store).env(env).run(args);
        outputs.add(String.join(" ", args) + " → exit " + r.exitCode());
        System.out.printf("secret-scan | exit %3d | %s%n", r.exitCode(), String.join(" ", args).replace(tmp.toString(), "$TMP"));
        return r;
    }

    @Test
    void theSecretNeverLeavesTheKeyringThroughAnyCommandOrFailure() throws Exception {
        String viaProxy = proxy.endpoint().toString();
        Path keyringCfg = config("keyring.yaml", "auth_mode: keyring\nkeyring_service_name: " + SERVICE);
        Path plainCfg = config("plain.yaml", "auth_mode: config\naccess_key_id: " + KEY_ID + "\nsecret_access_key: " + SECRET);
        Path src = Files.createDirectories(tmp.resolve("CANARY"));
        FaultRig.tree(src, "d", 25, 100, 30_000, 42);
        List<CliRun.Result> runs = new ArrayList<>();

        // credentials: set from the environment, show, check (STS on moto), delete
        MemorySecretStore fresh = new MemorySecretStore();
        runs.add(run(fresh, Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET),
                "credentials", "set", "--service", SERVICE, "--from-env"));
        assertThat(fresh.get(SERVICE, KeyringCredentials.SECRET)).contains(SECRET);
        runs.add(run(fresh, Map.of(), "credentials", "show", "--service", SERVICE));
        runs.add(run(fresh, Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "us-east-1"),
                "credentials", "check", "--service", SERVICE));
        runs.add(run(new MemorySecretStore(), Map.of(), "credentials", "set", "--service", SERVICE, "--from-env"));

        // upload with the monitor (S3 + STS + EventBridge) through the fault proxy, then again (all skipped)
        runs.add(run(keyring(), Map.of(), "upload", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy,
                "--progress", "plain", "--heartbeat-seconds", "1", src.toString()));
        assertThat(runs.get(runs.size() - 1).exitCode()).as(runs.get(runs.size() - 1).toString()).isZero();
        runs.add(run(keyring(), Map.of(), "upload", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy,
                "--progress", "plain", "--verify-remote", src.toString()));
        // monitor and status
        runs.add(run(keyring(), Map.of(), "monitor", "tick", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy));
        runs.add(run(keyring(), Map.of(), "status", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy, "--json"));
        runs.add(run(keyring(), Map.of(), "monitor", "stop", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy));
        runs.add(run(keyring(), Map.of(), "monitor", "start", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy,
                "--expected-total", "25"));
        // plain keys in config.yaml (loud warning), dry run and a real run
        runs.add(run(new MemorySecretStore(), Map.of(), "upload", "--config", plainCfg.toString(), "--endpoint-url", viaProxy,
                "--dry-run", src.toString()));
        runs.add(run(new MemorySecretStore(), Map.of(), "upload", "--config", plainCfg.toString(), "--endpoint-url", viaProxy,
                "--no-monitor", "--no-skip-existing", "--progress", "plain", src.toString()));
        // failure paths: wrong endpoint, missing bucket, a server that rejects the signature, bad input
        runs.add(run(keyring(), Map.of(), "upload", "--config", keyringCfg.toString(), "--endpoint-url",
                "http://127.0.0.1:" + FreePort.pick(), "--no-monitor", src.toString()));
        runs.add(run(keyring(), Map.of(), "upload", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy,
                "--bucket", "no-such-canary", "--no-monitor", src.toString()));
        try (S3ProxyServer strict = S3ProxyServer.start()) {
            strict.createBucket("canary");
            runs.add(run(keyring(), Map.of(), "upload", "--config", keyringCfg.toString(), "--endpoint-url",
                    strict.endpoint().toString(), "--no-monitor", src.toString()));
            assertThat(runs.get(runs.size() - 1).exitCode()).isEqualTo(3);
        }
        runs.add(run(keyring(), Map.of(), "monitor", "tick", "--config", keyringCfg.toString(), "--endpoint-url", viaProxy,
                "--slug", "../x"));
        runs.add(run(keyring(), Map.of("AWS_SECRET_ACCESS_KEY", SECRET), "credentials", "nonsense"));

        // credential_process exists to hand the secret to the AWS CLI: stdout only, as its JSON, and nowhere else
        CliRun.Result process = run(keyring(), Map.of(), "credentials", "process", "--service", SERVICE);
        assertThat(process.out()).contains("\"SecretAccessKey\"").contains(SECRET);
        assertClean("credentials process stderr", process.err());

        for (CliRun.Result r : runs) {
            assertClean("output of a run\n" + r, r.all());
        }
        int files = 0;
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(f) && !f.equals(plainCfg) && Files.size(f) < (1 << 20)
                        && !f.getFileName().toString().endsWith(".jpg")) {
                    files++;
                    assertClean("file " + tmp.relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        int objects = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("canary").prefix("status/")).contents()) {
            objects++;
            assertClean("object " + o.key(), s3.getObjectAsBytes(b -> b.bucket("canary").key(o.key())).asUtf8String());
        }
        System.out.printf("SecretScanIT: %d command runs, %d local files and %d status objects scanned clean; proxy %s%n",
                runs.size() + 1, files, objects, proxy.stats());
        assertThat(files).as("journal and CSV logs were written and scanned").isGreaterThanOrEqualTo(3);
        assertThat(objects).as("progress, heartbeat and pages were written and scanned").isGreaterThanOrEqualTo(4);
    }
}

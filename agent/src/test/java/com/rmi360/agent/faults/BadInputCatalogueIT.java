package com.rmi360.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.monitor.function.DisableRuleFunction;
import com.rmi360.monitor.function.ProgressMonitor;
import com.rmi360.monitor.function.ProgressMonitorFunction;
import com.rmi360.monitor.model.MonitorSettings;
import com.rmi360.monitor.s3.S3ObjectListing;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FreePort;

import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A catalogue of bad inputs across {@code upload}, {@code credentials}, {@code monitor}/{@code status},
 * config.yaml and the two Lambda events. Each: the documented exit code (or Lambda outcome), one
 * {@code rmi360:} line on stderr naming the problem, and nothing written — no object in the bucket,
 * no file in the work tree, no keyring entry.
 */
class BadInputCatalogueIT {

    static final String BUCKET = "catalogue";
    static FaultRig rig;

    @TempDir
    static Path tmp;
    static Path images;

    @BeforeAll
    static void start() throws IOException {
        rig = new FaultRig(FaultPlan.none(), 15);
        rig.server.createBucket(BUCKET);
        images = Files.createDirectories(tmp.resolve("work/CAT-1"));
        FaultRig.tree(images, "d", 3, 100, 1000, 1);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    /** One catalogue entry: a command line (in-process), its exit code, and the text its one error line names. */
    record Case(String name, Supplier<List<String>> args, MemorySecretStore store, Map<String, String> env,
                int exit, String says, String gap) {

        /** The same case with a known gap (named in the output; its "no file written" check is skipped). */
        Case gap(String what) {
            return new Case(name, args, store, env, exit, says, what);
        }
    }

    static MemorySecretStore goodKeys() {
        return new MemorySecretStore().put("rmi360-faults", KeyringCredentials.ID, rig.server.accessKey())
                .put("rmi360-faults", KeyringCredentials.SECRET, rig.server.secretKey());
    }

    static Path config(String name, String body) {
        try {
            Path p = tmp.resolve("configs").resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, body);
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String goodConfig() {
        return config("good.yaml", """
                project: {number: "26-111", slug: "CAT-1", client: "Client"}
                camera: {make: Mosaic, model: "Mosaic 51"}
                aws:
                  region: us-east-1
                  s3_bucket: catalogue
                  auth_mode: keyring
                  keyring_service_name: rmi360-faults
                """).toString();
    }

    static List<String> upload(String... extra) {
        List<String> a = new ArrayList<>(List.of("upload", "--config", goodConfig(), "--endpoint-url",
                rig.proxy.endpoint().toString(), "--no-monitor", "--progress", "none"));
        a.addAll(List.of(extra));
        return a;
    }

    static Case c(String name, Supplier<List<String>> args, int exit, String says) {
        return new Case(name, args, goodKeys(), Map.of(), exit, says, null);
    }

    static List<Case> cases() {
        String endpoint = rig.proxy.endpoint().toString();
        String closed = "http://127.0.0.1:" + FreePort.pick();
        List<Case> list = new ArrayList<>();
        // upload
        list.add(c("upload: folder does not exist", () -> upload(tmp.resolve("work/nope").toString()), ExitCodes.USAGE, "no such folder"));
        list.add(c("upload: DIR is a file", () -> upload(images.resolve("d/IMG_0001.jpg").toString()), ExitCodes.USAGE, "is not a folder"));
        list.add(c("upload: no JPEG in the folder", () -> {
            Path empty = tmp.resolve("work/EMPTY");
            try {
                Files.createDirectories(empty);
                Files.writeString(empty.resolve("notes.txt"), "not an image");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return upload("--slug", "EMPTY", empty.toString());
        }, ExitCodes.USAGE, "no JPEG images"));
        list.add(c("upload: placeholder bucket", () -> upload("--bucket", "<your-bucket>", images.toString()), ExitCodes.USAGE, "placeholder"));
        list.add(c("upload: invalid bucket name", () -> upload("--bucket", "Bad_Bucket", images.toString()), ExitCodes.USAGE, "not a valid S3 bucket name"));
        list.add(c("upload: bucket does not exist", () -> upload("--bucket", "no-such-bucket", images.toString()), ExitCodes.USAGE, "does not exist"));
        list.add(c("upload: invalid slug", () -> upload("--slug", "bad slug!", images.toString()), ExitCodes.USAGE, "slug"));
        list.add(c("upload: concurrency 0", () -> upload("--concurrency", "0", images.toString()), ExitCodes.USAGE, "--concurrency"));
        list.add(c("upload: bad --bwlimit rate", () -> upload("--bwlimit", "20X", images.toString()), ExitCodes.USAGE,
                "--bwlimit '20X': use a rate like 20M, 5MiB/s or 40Mbit"));
        list.add(c("upload: unknown option", () -> upload("--frobnicate", images.toString()), ExitCodes.USAGE, "frobnicate"));
        list.add(c("upload: bad --progress value", () -> upload("--progress", "sideways", images.toString()), ExitCodes.USAGE, "sideways"));
        list.add(new Case("upload: wrong secret", () -> upload(images.toString()),
                new MemorySecretStore().put("rmi360-faults", KeyringCredentials.ID, rig.server.accessKey())
                        .put("rmi360-faults", KeyringCredentials.SECRET, "wrong-secret-FAKE0123456789abcdef"),
                Map.of(), ExitCodes.CREDENTIALS, "rejected", null));
        list.add(c("upload: unreachable endpoint", () -> {
            List<String> a = upload(images.toString());
            a.set(a.indexOf(endpoint), closed);
            return a;
        }, ExitCodes.USAGE, "cannot reach"));
        list.add(new Case("upload: no credentials in the keyring", () -> upload(images.toString()), new MemorySecretStore(),
                Map.of(), ExitCodes.CREDENTIALS, "keyring", null));
        // config.yaml
        list.add(c("config: file does not exist", () -> List.of("upload", "--config", tmp.resolve("missing.yaml").toString(),
                "--endpoint-url", endpoint, images.toString()), ExitCodes.USAGE, "missing.yaml"));
        list.add(c("config: YAML syntax error", () -> List.of("upload", "--config", config("syntax.yaml", """
                project: {number: "26-111", slug: "CAT-1"
                aws:
                  s3_bucket: catalogue
                """).toString(), "--endpoint-url", endpoint, images.toString()), ExitCodes.USAGE, "syntax.yaml:2"));
        list.add(c("config: placeholder bucket", () -> List.of("upload", "--config", config("placeholder.yaml", """
                project: {number: "26-111", slug: "CAT-1"}
                aws:
                  region: us-east-1
                  s3_bucket: <your-bucket-name>
                  auth_mode: keyring
                  keyring_service_name: rmi360-faults
                """).toString(), "--endpoint-url", endpoint, images.toString()), ExitCodes.USAGE, "s3_bucket"));
        list.add(c("config: unknown auth_mode", () -> List.of("upload", "--config", config("authmode.yaml", """
                project: {number: "26-111", slug: "CAT-1"}
                aws:
                  region: us-east-1
                  s3_bucket: catalogue
                  auth_mode: telepathy
                """).toString(), "--endpoint-url", endpoint, images.toString()), ExitCodes.USAGE, "auth_mode"));
        list.add(c("config: max_workers out of range", () -> List.of("upload", "--config", config("workers.yaml", """
                project: {number: "26-111", slug: "CAT-1"}
                aws:
                  region: us-east-1
                  s3_bucket: catalogue
                  auth_mode: keyring
                  keyring_service_name: rmi360-faults
                  max_workers: 100000
                """).toString(), "--endpoint-url", endpoint, images.toString()), ExitCodes.USAGE, "max_workers"));
        // credentials
        list.add(new Case("credentials set --from-env without the variables",
                () -> List.of("credentials", "set", "--service", "rmi360-faults-new", "--from-env"), new MemorySecretStore(),
                Map.of(), ExitCodes.USAGE, "AWS_ACCESS_KEY_ID", null));
        list.add(new Case("credentials show: nothing stored", () -> List.of("credentials", "show", "--service", "rmi360-none"),
                new MemorySecretStore(), Map.of(), ExitCodes.CREDENTIALS, "rmi360-none", null));
        list.add(c("credentials: unknown subcommand", () -> List.of("credentials", "steal"), ExitCodes.USAGE, "steal"));
        // monitor and status
        list.add(c("monitor tick: invalid slug", () -> List.of("monitor", "tick", "--config", goodConfig(), "--endpoint-url",
                endpoint, "--slug", "../etc"), ExitCodes.USAGE, "slug"));
        list.add(c("monitor start: negative expected total", () -> List.of("monitor", "start", "--config", goodConfig(),
                "--endpoint-url", endpoint, "--expected-total", "-5"), ExitCodes.USAGE, "--expected-total"));
        list.add(c("status: project without a progress file", () -> List.of("status", "--config", goodConfig(),
                "--endpoint-url", endpoint, "--slug", "NO-SUCH-PROJECT"), ExitCodes.SOME_FAILED, "NO-SUCH-PROJECT"));
        return list;
    }

    /** Every file under the work tree and every object in the bucket, to prove nothing was written. */
    static Map<String, Long> snapshot() throws IOException {
        Map<String, Long> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(tmp.resolve("work"))) {
            files.forEach(f -> all.put("file:" + tmp.relativize(f), f.toFile().length()));
        }
        for (S3Object o : rig.direct.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            all.put("s3:" + o.key(), o.size());
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBadCommandLineFailsWithOneLineItsCodeAndWritesNothing() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
        return cases.stream().map(k -> DynamicTest.dynamicTest(k.name(),
                () -> check(k, true, k.gap() == null)));
    }

    /** Runs one case; optionally checks the exit code and message, and that no local file was written. */
    static void check(Case k, boolean exitAndMessage, boolean noFiles) throws IOException {
        List<String> args = k.args().get(); // may prepare inputs; the snapshot comes after
        Map<String, Long> before = snapshot();
        MemorySecretStore store = k.store();
        Map<String, String> storeBefore = storeContents(store);
        CliRun.Result r = CliRun.with().store(store).env(k.env()).run(args.toArray(String[]::new));
        System.out.printf("catalogue | %-48s | exit %d | %s%s%n", k.name(), r.exitCode(),
                r.err().lines().filter(l -> l.startsWith("rmi360:")).findFirst().orElse(r.err().lines().findFirst().orElse("")),
                k.gap() == null ? "" : "   [known gap: " + k.gap() + "]");
        List<String> errorLines = r.err().lines().filter(l -> l.startsWith("rmi360:")).toList();
        assertThat(errorLines).as("one rmi360: line\n%s", r).hasSize(1);
        assertThat(r.out()).as("nothing on stdout").isBlank();
        assertThat(storeContents(store)).as("keyring untouched").isEqualTo(storeBefore);
        assertThat(r.all()).doesNotContain(rig.server.secretKey()).doesNotContain("wrong-secret-FAKE");
        Map<String, Long> after = snapshot();
        assertThat(only("s3:", after)).as("no object written").isEqualTo(only("s3:", before));
        if (exitAndMessage) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(k.exit());
            assertThat(errorLines.get(0)).as(r.toString()).containsIgnoringCase(k.says());
        }
        if (noFiles) {
            assertThat(after).as("no file written").isEqualTo(before);
        }
    }

    static Map<String, Long> only(String kind, Map<String, Long> all) {
        Map<String, Long> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(kind)) {
                out.put(k, v);
            }
        });
        return out;
    }

    static Map<String, String> storeContents(MemorySecretStore store) {
        Map<String, String> m = new HashMap<>();
        m.put("size", String.valueOf(store.size()));
        for (String service : List.of("rmi360-faults", "rmi360-faults-new", "rmi360-none")) {
            for (String account : List.of(KeyringCredentials.ID, KeyringCredentials.SECRET)) {
                m.put(service + "/" + account, store.get(service, account).orElse(null));
            }
        }
        return m;
    }

    /** monitor-core's ProgressMonitor function, which both Lambda handlers and local mode run, on the rig's S3. */
    static ProgressMonitorFunction monitorFunction() {
        return new ProgressMonitorFunction(new ProgressMonitor(new S3ObjectListing(rig.direct), new S3StatusStore(rig.direct),
                BadInputCatalogueIT::noRuleToDisable, MonitorSettings.defaults(), Clock.systemUTC()), System.out::println);
    }

    /** monitor-core's DisableUploadMonitorRule function; its rule switch must never be reached. */
    static DisableRuleFunction disableFunction() {
        return new DisableRuleFunction(BadInputCatalogueIT::noRuleToDisable, System.out::println);
    }

    static void noRuleToDisable(String ruleName, String region) {
        throw new AssertionError("a bad event reached the rule switch: " + ruleName);
    }

    @TestFactory
    Stream<DynamicTest> badLambdaEventsAreRejectedBeforeAnyAwsCall() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Map<String, Object>> monitorEvents = new TreeMap<>();
        monitorEvents.put("monitor event: no bucket", Map.of("project_slug", "CAT-1"));
        monitorEvents.put("monitor event: slug with a path", Map.of("project_slug", "../../etc", "bucket", BUCKET));
        monitorEvents.put("monitor event: expected_total not a number", Map.of("project_slug", "CAT-1", "bucket", BUCKET,
                "expected_total", "ten"));
        monitorEvents.put("monitor event: slug too long", Map.of("project_slug", "X".repeat(47), "bucket", BUCKET));
        monitorEvents.forEach((name, event) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            Map<String, Long> before = snapshot();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> monitorFunction().handle(new HashMap<>(event)));
            System.out.printf("catalogue | %-48s | throws | %s%n", name, thrown);
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).doesNotContain("\n");
            assertThat(snapshot()).isEqualTo(before);
        })));
        Map<String, Map<String, Object>> disableEvents = new TreeMap<>();
        disableEvents.put("disable event: blank rule name", Map.of("rule_name", "  "));
        disableEvents.put("disable event: rule outside UploadMonitorRule*", Map.of("rule_name", "SomeoneElsesRule"));
        disableEvents.put("disable event: no rule name", Map.of("region", "us-east-1"));
        disableEvents.forEach((name, event) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            Map<String, Object> response = disableFunction().handle(new HashMap<>(event));
            System.out.printf("catalogue | %-48s | %s%n", name, response);
            assertThat(response.get("statusCode")).isEqualTo(400);
            assertThat(String.valueOf(response.get("body"))).doesNotContain("\n").doesNotContain("Exception");
        })));
        return tests.stream();
    }
}

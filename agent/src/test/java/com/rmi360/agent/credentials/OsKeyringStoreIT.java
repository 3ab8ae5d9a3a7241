package com.rmi360.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.KeyringSession;

/** The real Secret Service (gnome-keyring on a private D-Bus session, see scripts/with-keyring.sh). */
class OsKeyringStoreIT {

    static final String SECRET = "LEAKCANARY/keyring+0123456789abcdefghijk";
    static final String KEY_ID = "AKIAKEYRINGIT0000001";

    String service;

    @BeforeEach
    void session() {
        KeyringSession.require();
        service = "rmi360-it-" + UUID.randomUUID();
    }

    /** Stores an item exactly as Python keyring does on Linux (attributes service + username). */
    private static void pythonKeyringSet(String service, String username, String secret) throws Exception {
        Process p = new ProcessBuilder("secret-tool", "store", "--label=Password for '" + username + "' on '" + service
                + "'", "service", service, "username", username, "application", "Python keyring library")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(secret.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private static String secretToolLookup(String... attributes) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("secret-tool", "lookup"));
        command.addAll(List.of(attributes));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void writesReadsAndDeletesThroughJavaKeyring() throws Exception {
        try (SecretStore store = OsKeyringStore.open()) {
            assertThat(store.description()).isEqualTo("Secret Service");
            assertThat(store.read(service, "aws_access_key_id")).isEmpty();
            store.write(service, "aws_access_key_id", KEY_ID);
            store.write(service, "aws_access_key_id", KEY_ID); // replaces, no duplicate
            assertThat(store.read(service, "aws_access_key_id")).contains(KEY_ID);
        }
        // other Secret Service clients see java-keyring's item under service + account
        assertThat(secretToolLookup("service", service, "account", "aws_access_key_id")).isEqualTo(KEY_ID);
        try (SecretStore store = OsKeyringStore.open()) {
            assertThat(store.delete(service, "aws_access_key_id")).isTrue();
            assertThat(store.delete(service, "aws_access_key_id")).isFalse();
            assertThat(store.read(service, "aws_access_key_id")).isEmpty();
        }
    }

    @Test
    void readsKeysPythonKeyringWroteInEitherSpelling() throws Exception {
        pythonKeyringSet(service, "AWS_ACCESS_KEY_ID", KEY_ID);
        pythonKeyringSet(service, "AWS_SECRET_ACCESS_KEY", SECRET);
        KeyringCredentials credentials = new KeyringCredentials(OsKeyringStore::open);
        KeyringCredentials.Found found = credentials.load(service);
        assertThat(found.keys().accessKeyId()).isEqualTo(KEY_ID);
        assertThat(found.keys().secretAccessKey()).isEqualTo(SECRET);
        assertThat(found.idAccount()).isEqualTo("AWS_ACCESS_KEY_ID");

        String lower = service + "-lower";
        pythonKeyringSet(lower, "aws_access_key_id", KEY_ID);
        pythonKeyringSet(lower, "aws_secret_access_key", SECRET);
        assertThat(credentials.load(lower).secretAccount()).isEqualTo("aws_secret_access_key");
        assertThat(credentials.delete(lower)).containsExactly("aws_access_key_id", "aws_secret_access_key");
    }

    @Test
    void pythonKeyringReadsWhatTheAgentWritesAndOldPythonCopiesAreReplaced() throws Exception {
        pythonKeyringSet(service, "aws_secret_access_key", "old-python-secret");
        try (SecretStore store = OsKeyringStore.open()) {
            store.write(service, "aws_secret_access_key", SECRET);
        }
        // Python keyring looks up service + username: it now finds the agent's item, and only that one.
        assertThat(secretToolLookup("service", service, "username", "aws_secret_access_key")).isEqualTo(SECRET);
        assertThat(secretToolLookup("service", service, "account", "aws_secret_access_key")).isEqualTo(SECRET);
        Process search = new ProcessBuilder("secret-tool", "search", "--all", "service", service)
                .redirectErrorStream(true).start();
        assertThat(search.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String items = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(items.lines().filter(line -> line.startsWith("label = ")).count()).as(items).isEqualTo(1);
        try (SecretStore store = OsKeyringStore.open()) {
            assertThat(store.delete(service, "aws_secret_access_key")).isTrue();
        }
        assertThat(secretToolLookup("service", service, "username", "aws_secret_access_key")).isEmpty();
    }

    @Test
    void deleteRemovesPythonKeyringItemsToo() throws Exception {
        pythonKeyringSet(service, "AWS_ACCESS_KEY_ID", KEY_ID);
        pythonKeyringSet(service, "AWS_SECRET_ACCESS_KEY", SECRET);
        assertThat(new KeyringCredentials(OsKeyringStore::open).delete(service))
                .containsExactly("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(secretToolLookup("service", service, "username", "AWS_SECRET_ACCESS_KEY")).isEmpty();
    }

    @Test
    void credentialsCommandsRoundTripOnTheRealKeyringWithoutLeakingTheSecret() throws Exception {
        CliRun cli = CliRun.with().store(OsKeyringStore::open)
                .env(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET));

        CliRun.Result set = cli.run("credentials", "set", "--from-env", "--service", service);
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("Secret Service", "AKIA************0001");

        CliRun.Result show = cli.run("credentials", "show", "--service", service);
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("AKIA************0001", "account aws_access_key_id");

        CliRun.Result process = cli.run("credentials", "process", "--service", service);
        assertThat(process.exitCode()).as(process.toString()).isZero();
        assertThat(process.out()).contains("\"SecretAccessKey\":\"" + SECRET.replace("/", "/") + "\"");

        CliRun.Result delete = cli.run("credentials", "delete", "--service", service);
        assertThat(delete.exitCode()).as(delete.toString()).isZero();

        CliRun.Result gone = cli.run("credentials", "show", "--service", service);
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);

        for (CliRun.Result run : List.of(set, show, delete, gone)) {
            assertThat(run.all()).doesNotContain(SECRET).doesNotContain(KEY_ID);
        }
        assertThat(process.err()).isEmpty();
    }
}

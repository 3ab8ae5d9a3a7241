package com.rmi360.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.testing.RequiredTool;

/**
 * The packaged CLI against broken keyrings, each in its own throw-away D-Bus session: no D-Bus at
 * all, a bus without a Secret Service, a Secret Service without a default collection, and a locked
 * collection. Each must end within seconds with exit 3 and one line on stderr (java-keyring alone
 * throws NullPointerException or waits on an unlock prompt there, and a leaked D-Bus connection
 * keeps the JVM from exiting).
 */
class KeyringFailuresIT {

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        RequiredTool.require("dbus-run-session");
        RequiredTool.require("gnome-keyring-daemon");
        RequiredTool.require("secret-tool");
        RequiredTool.require("gdbus");
    }

    /** A clean environment for a child: no inherited bus, keyring control or wrapper markers. */
    private Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK",
                "RMI360_KEYRING_SESSION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            env.put(name, null);
        }
        Path data = Files.createDirectories(dir.resolve("xdg-data"));
        env.put("XDG_DATA_HOME", data.toString());
        Path runtime = Files.createDirectories(dir.resolve("xdg-runtime"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        return env;
    }

    private List<String> cli(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Processes.java(), "-jar",
                Processes.agentJar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String quoted(List<String> command) {
        StringBuilder text = new StringBuilder();
        for (String part : command) {
            text.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return text.toString();
    }

    private static void assertOneLine(CliRun.Result run, String start) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err().lines().filter(line -> line.startsWith("rmi360:")).toList()).as(run.toString())
                .singleElement().asString().startsWith(start);
        assertThat(run.err()).as(run.toString()).doesNotContain("Exception", "\tat ");
        // an activated gnome-keyring-daemon announces itself on the bus's stdout; nothing else may appear
        assertThat(run.out().lines().filter(line -> !line.startsWith("GNOME_KEYRING_CONTROL=")
                && !line.startsWith("SSH_AUTH_SOCK=")).toList()).as(run.toString()).isEmpty();
    }

    @Test
    void withoutDbusTheCliSaysSoAndExits() throws Exception {
        CliRun.Result run = Processes.run(cli("credentials", "show"), env(), dir, 60);
        assertOneLine(run, "rmi360: no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set");
        assertThat(run.err().lines().toList()).hasSize(1);
    }

    @Test
    void busWithoutASecretServiceIsOneLine() throws Exception {
        // A session bus that cannot activate anything: no org.freedesktop.secrets on it.
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:tmpdir=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir));
        List<String> command = new java.util.ArrayList<>(List.of("dbus-run-session", "--config-file=" + config, "--"));
        command.addAll(cli("credentials", "show"));
        CliRun.Result run = Processes.run(command, env(), dir, 90);
        assertOneLine(run, "rmi360: no Secret Service on the D-Bus session bus");
    }

    @Test
    void secretServiceWithoutADefaultCollectionIsOneLine() throws Exception {
        // The standard session bus activates gnome-keyring, which has no login keyring in a fresh home.
        List<String> command = new java.util.ArrayList<>(List.of("dbus-run-session", "--"));
        command.addAll(cli("credentials", "show"));
        CliRun.Result run = Processes.run(command, env(), dir, 90);
        assertOneLine(run, "rmi360: the Secret Service has no default keyring collection");
    }

    @Test
    void lockedCollectionIsOneLine() throws Exception {
        Path script = dir.resolve("locked.sh");
        Files.writeString(script, """
                set -eu
                eval "$(printf 'rmi360-test-keyring\\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
                # Wait until that daemon owns the Secret Service name: otherwise secret-tool makes D-Bus
                # activate a second daemon, whose start-up noise lands on this test's stderr.
                for _ in $(seq 1 100); do
                  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \\
                    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
                  sleep 0.1
                done
                printf 'AKIALOCKEDTEST000001' | secret-tool store --label=x service locked-svc username aws_access_key_id
                printf 'LEAKCANARY-locked' | secret-tool store --label=x service locked-svc username aws_secret_access_key
                gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \\
                  --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/aliases/default']" >/dev/null
                set +e
                %s
                """.formatted(quoted(cli("credentials", "show", "--service", "locked-svc"))));
        CliRun.Result run = Processes.run(List.of("dbus-run-session", "--", "bash", script.toString()), env(), dir, 120);
        assertOneLine(run, "rmi360: the keyring collection 'Login' is locked; unlock it");
        assertThat(run.all()).doesNotContain("LEAKCANARY");
    }
}

package com.rmi360.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.testsupport.MemorySecretStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** The shared AWS flags as an AWS command (like upload) sees them. */
class AwsOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        final AgentRuntime runtime;
        @Mixin
        AwsOptions aws;
        @Spec
        CommandSpec spec;
        AwsContext context;

        Probe(AgentRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            context = aws.resolve(runtime, spec.commandLine().getErr());
            return 0;
        }
    }

    private Probe run(Map<String, String> env, MemorySecretStore keyring, StringWriter err, String... args) {
        AgentRuntime runtime = new AgentRuntime(env, keyring, null);
        CommandLine cmd = UserErrorHandler.install(new CommandLine(Probe.class, new RuntimeFactory(runtime)), false);
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute(args)).as(err.toString()).isZero();
        return cmd.getCommand();
    }

    @Test
    void flagsConfigAndEnvironmentCombine() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "aws: {region: us-east-2, auth_mode: keyring, keyring_service_name: rmi_s3}\n");
        MemorySecretStore keyring = new MemorySecretStore().put("rmi_s3", "aws_access_key_id", "AKIAOPTIONSTEST00001")
                .put("rmi_s3", "aws_secret_access_key", "secret");
        StringWriter err = new StringWriter();
        Probe probe = run(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"), keyring, err,
                "--config", config.toString(), "--region", "eu-central-1");
        assertThat(probe.context.region()).isEqualTo(Region.EU_CENTRAL_1);
        assertThat(probe.context.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(probe.context.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAOPTIONSTEST00001");
        assertThat(probe.aws.configFile()).isEqualTo(config);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void configModeWarningGoesToTheCommandsStderr() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "aws: {region: us-east-2, auth_mode: config, access_key_id: AKIAOPTIONSTEST00001,"
                + " secret_access_key: plain-secret}\n");
        StringWriter err = new StringWriter();
        run(Map.of(), new MemorySecretStore(), err, "--config", config.toString(), "--endpoint-url", "http://localhost:1");
        assertThat(err.toString()).startsWith("rmi360: WARNING: using plain AWS keys").doesNotContain("plain-secret");
    }

    @Test
    void profileFlagIsPassedOn() {
        StringWriter err = new StringWriter();
        Probe probe = run(Map.of("AWS_REGION", "us-west-1"), new MemorySecretStore(), err, "--profile", "ops");
        assertThat(probe.aws.overrides().profile()).isEqualTo("ops");
        assertThat(probe.context.credentialSource()).isEqualTo("AWS profile 'ops' (--profile)");
    }
}

package com.rmi360.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.credentials.OsKeyringStore;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.KeyringSession;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.agent.testsupport.Processes;
import com.rmi360.testing.MotoServer;

import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** {@code credentials check} and {@code process} against a real STS API (moto_server). */
class CredentialsStsIT {

    static MotoServer moto;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    private static CliRun cli(MemorySecretStore keyring) {
        return CliRun.with().store(keyring).env(Map.of("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY, "AWS_ENDPOINT_URL", moto.endpoint().toString()));
    }

    @Test
    void checkPrintsAccountAndArnFromSts() {
        MemorySecretStore keyring = new MemorySecretStore();
        CliRun cli = cli(keyring);
        assertThat(cli.run("credentials", "set", "--from-env").exitCode()).isZero();

        CliRun.Result check = cli.run("credentials", "check", "--region", MotoServer.REGION);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).containsPattern("Account: \\d{12}").containsPattern("ARN: +arn:aws:");
        assertThat(check.all()).doesNotContain(MotoServer.SECRET_KEY).doesNotContain(MotoServer.ACCESS_KEY);
    }

    @Test
    void processSessionReturnsStsSessionCredentials() throws Exception {
        MemorySecretStore keyring = new MemorySecretStore();
        CliRun cli = cli(keyring);
        assertThat(cli.run("credentials", "set", "--from-env").exitCode()).isZero();

        CliRun.Result process = cli.run("credentials", "process", "--session", "--duration", "900");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(process.out());
        assertThat(json.get("Version").asInt()).isEqualTo(1);
        assertThat(json.get("AccessKeyId").asText()).isNotBlank().isNotEqualTo(MotoServer.ACCESS_KEY);
        assertThat(json.get("SecretAccessKey").asText()).isNotBlank().isNotEqualTo(MotoServer.SECRET_KEY);
        assertThat(json.get("SessionToken").asText()).isNotBlank();
        assertThat(Instant.parse(json.get("Expiration").asText())).isAfter(Instant.now());
        assertThat(process.all()).doesNotContain(MotoServer.SECRET_KEY);
    }

    /**
     * The documented ~/.aws/config profile, read by the SDK's own profile/credential_process code,
     * runs the packaged jar, which reads the real keyring; the keys then sign a call to STS.
     */
    @Test
    void awsConfigCredentialProcessProfileWorksEndToEnd() throws Exception {
        KeyringSession.require();
        String service = "rmi360-it-" + UUID.randomUUID();
        KeyringCredentials keyring = new KeyringCredentials(OsKeyringStore::open);
        keyring.save(service, new com.rmi360.agent.credentials.AwsKeys(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));
        try {
            for (String extra : new String[] {"", " --session --endpoint-url " + moto.endpoint()}) {
                String config = "[profile rmi360]\n"
                        + "credential_process = " + Processes.java() + " -jar " + Processes.agentJar()
                        + " credentials process --service " + service + extra + "\n"
                        + "region = " + MotoServer.REGION + "\n";
                ProfileFile profiles = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                        .content(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))).build();
                try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder().profileFile(profiles)
                        .profileName("rmi360").build();
                        StsClient sts = StsClient.builder().region(Region.of(MotoServer.REGION))
                                .endpointOverride(moto.endpoint()).credentialsProvider(provider)
                                .httpClient(UrlConnectionHttpClient.create()).build()) {
                    assertThat(provider.resolveCredentials().accessKeyId()).startsWith(extra.isEmpty()
                            ? MotoServer.ACCESS_KEY : "");
                    GetCallerIdentityResponse identity = sts.getCallerIdentity();
                    assertThat(identity.account()).matches("\\d{12}");
                }
            }
        } finally {
            keyring.delete(service);
        }
    }
}

package com.rmi360.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.error.CredentialsException;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.FakeSts;
import com.rmi360.agent.testsupport.MemorySecretStore;

/** Every credentials subcommand in-process, on an in-memory keyring and a fake STS endpoint. */
class CredentialsCommandTest {

    static final String KEY_ID = "AKIACANARY0000000001";
    static final String SECRET = "LEAKCANARY/secret+0123456789abcdefghijkl";

    @TempDir
    Path dir;

    MemorySecretStore keyring;
    FakeSts sts;
    final List<CliRun.Result> runs = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        keyring = new MemorySecretStore();
        sts = new FakeSts();
    }

    @AfterEach
    void noSecretLeaked() {
        sts.close();
        for (CliRun.Result run : runs) {
            assertThat(run.err()).doesNotContain(SECRET).doesNotContain(KEY_ID).doesNotContain("LEAKCANARY");
            if (!run.out().contains("\"Version\":1")) { // credential_process output prints the keys by design
                assertThat(run.out()).doesNotContain(SECRET).doesNotContain(KEY_ID).doesNotContain("LEAKCANARY");
            }
        }
        assertThat(keyring.closeCount()).as("every opened keyring is closed").isEqualTo(keyring.openCount());
    }

    private CliRun cli() {
        return CliRun.with().store(keyring);
    }

    private CliRun.Result run(CliRun cli, String... args) {
        CliRun.Result result = cli.run(args);
        runs.add(result);
        return result;
    }

    private void stored() {
        keyring.put("aws-deployer", "aws_access_key_id", KEY_ID).put("aws-deployer", "aws_secret_access_key", SECRET);
    }

    // ---- set ---------------------------------------------------------------------------------

    @Test
    void setFromEnvStoresBothAccountsAndMasksTheId() {
        CliRun.Result run = run(cli().env("AWS_ACCESS_KEY_ID", KEY_ID).env("AWS_SECRET_ACCESS_KEY", SECRET),
                "credentials", "set", "--from-env");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("AKIA************0001", "service 'aws-deployer'", "test keyring");
        assertThat(keyring.get("aws-deployer", "aws_access_key_id")).contains(KEY_ID);
        assertThat(keyring.get("aws-deployer", "aws_secret_access_key")).contains(SECRET);
    }

    @Test
    void setPromptsForIdAndSecret() {
        CliRun.Result run = run(cli().stdin(KEY_ID + "\n" + SECRET + "\n"), "credentials", "set", "--service", "rmi_s3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(keyring.get("rmi_s3", "aws_access_key_id")).contains(KEY_ID);
        assertThat(keyring.get("rmi_s3", "aws_secret_access_key")).contains(SECRET);
    }

    @Test
    void setUsesTheServiceFromConfig() throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "aws: {keyring_service_name: aws_s3}\n");
        CliRun.Result run = run(cli().stdin(KEY_ID + "\n" + SECRET + "\n"), "credentials", "set", "--config",
                config.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(keyring.get("aws_s3", "aws_secret_access_key")).contains(SECRET);
    }

    @Test
    void setFromEnvWithoutTheVariablesIsAUsageError() {
        CliRun.Result run = run(cli().env("AWS_ACCESS_KEY_ID", KEY_ID), "credentials", "set", "--from-env");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("rmi360: --from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the"
                + " environment" + System.lineSeparator());
        assertThat(keyring.size()).isZero();
    }

    @Test
    void setRejectsAnIdThatIsNotAnAccessKeyIdWithoutEchoingIt() {
        CliRun.Result run = run(cli().stdin("LEAKCANARY-not-an-id\n" + SECRET + "\n"), "credentials", "set");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("does not look like an AWS access key id");
        assertThat(keyring.size()).isZero();
    }

    @Test
    void setWithEmptyInputIsAUsageError() {
        CliRun.Result noId = run(cli().stdin(""), "credentials", "set");
        assertThat(noId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noId.err()).contains("no access key id given");
        CliRun.Result noSecret = run(cli().stdin(KEY_ID + "\n"), "credentials", "set");
        assertThat(noSecret.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSecret.err()).contains("no secret access key given");
    }

    @Test
    void setWithASecretContainingSpacesIsRejected() {
        CliRun.Result run = run(cli().stdin(KEY_ID + "\nLEAKCANARY with spaces\n"), "credentials", "set");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("contains spaces");
    }

    // ---- show --------------------------------------------------------------------------------

    @Test
    void showMasksTheIdAndNeverPrintsTheSecret() {
        stored();
        CliRun.Result run = run(cli(), "credentials", "show");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("aws-deployer (test keyring)", "AKIA************0001", "account aws_access_key_id",
                "stored, hidden");
    }

    @Test
    void showReadsTheSeedGuideSpelling() {
        keyring.put("aws_s3", "AWS_ACCESS_KEY_ID", KEY_ID).put("aws_s3", "AWS_SECRET_ACCESS_KEY", SECRET);
        CliRun.Result run = run(cli(), "credentials", "show", "--service", "aws_s3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("account AWS_ACCESS_KEY_ID", "account AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void showWithNothingStoredIsExitThree() {
        CliRun.Result run = run(cli(), "credentials", "show", "--service", "empty");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err()).isEqualTo("rmi360: no AWS keys in the keyring under service 'empty' (run `rmi360"
                + " credentials set --service empty`)" + System.lineSeparator());
    }

    @Test
    void showWithOnlyHalfThePairSaysWhichHalf() {
        keyring.put("aws-deployer", "aws_secret_access_key", SECRET);
        CliRun.Result run = run(cli(), "credentials", "show");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err()).contains("only the secret access key");
    }

    @Test
    void keyringFailuresAreOneLineExitThree() {
        CliRun.Result run = run(CliRun.with().store(() -> {
            throw new CredentialsException("no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set");
        }), "credentials", "show");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err()).isEqualTo("rmi360: no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void placeholderServiceNameInConfigIsExitTwo() throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "aws: {keyring_service_name: <SERVICE>}\n");
        CliRun.Result run = run(cli(), "credentials", "show", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).endsWith("config.yaml: aws.keyring_service_name is a placeholder (<SERVICE>)"
                + System.lineSeparator());
    }

    // ---- delete ------------------------------------------------------------------------------

    @Test
    void deleteRemovesEverySpelling() {
        stored();
        keyring.put("aws-deployer", "AWS_ACCESS_KEY_ID", KEY_ID);
        CliRun.Result run = run(cli(), "credentials", "delete");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("aws_access_key_id, aws_secret_access_key, AWS_ACCESS_KEY_ID");
        assertThat(keyring.size()).isZero();
    }

    @Test
    void deleteWithNothingStoredIsExitThree() {
        CliRun.Result run = run(cli(), "credentials", "delete", "--service", "none");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err()).contains("nothing deleted");
    }

    // ---- check -------------------------------------------------------------------------------

    @Test
    void checkPrintsAccountAndArn() {
        stored();
        CliRun.Result run = run(cli(), "credentials", "check", "--endpoint-url", sts.endpoint().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Account: " + FakeSts.ACCOUNT, "ARN:     " + FakeSts.ARN,
                "keyring service 'aws-deployer'", "AKIA************0001");
        assertThat(sts.authorizations()).singleElement().asString().contains("Credential=" + KEY_ID + "/");
        assertThat(sts.bodies()).singleElement().asString().contains("Action=GetCallerIdentity");
    }

    @Test
    void checkUsesAwsEndpointUrlFromTheEnvironment() {
        stored();
        CliRun.Result run = run(cli().env("AWS_ENDPOINT_URL", sts.endpoint().toString()).env("AWS_REGION", "eu-west-1"),
                "credentials", "check");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(sts.authorizations()).singleElement().asString().contains("/eu-west-1/sts/");
    }

    @Test
    void checkWithRejectedKeysIsExitThree() {
        stored();
        sts.failWith(403, "InvalidClientTokenId");
        CliRun.Result run = run(cli(), "credentials", "check", "--endpoint-url", sts.endpoint().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("rmi360: STS GetCallerIdentity: AWS rejected the credentials from keyring service"
                        + " 'aws-deployer'")
                .contains("InvalidClientTokenId");
    }

    @Test
    void checkAgainstAnUnreachableEndpointIsExitTwo() throws IOException {
        stored();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun.Result run = run(cli(), "credentials", "check", "--endpoint-url", "http://127.0.0.1:" + closedPort);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("rmi360: STS GetCallerIdentity: cannot reach the AWS endpoint");
    }

    @Test
    void checkWithABadEndpointUrlIsExitTwo() {
        stored();
        CliRun.Result run = run(cli(), "credentials", "check", "--endpoint-url", "ftp://example");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--endpoint-url 'ftp://example' must be an http:// or https:// URL");
    }

    @Test
    void checkWithoutKeysIsExitThree() {
        CliRun.Result run = run(cli(), "credentials", "check", "--endpoint-url", sts.endpoint().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(sts.bodies()).isEmpty();
    }

    // ---- process -----------------------------------------------------------------------------

    @Test
    void processPrintsCredentialProcessJson() throws IOException {
        stored();
        CliRun.Result run = run(cli(), "credentials", "process");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("Version").asInt()).isEqualTo(1);
        assertThat(json.get("AccessKeyId").asText()).isEqualTo(KEY_ID);
        assertThat(json.get("SecretAccessKey").asText()).isEqualTo(SECRET);
        assertThat(json.has("SessionToken")).isFalse();
        assertThat(run.err()).isEmpty();
        assertThat(sts.bodies()).as("plain process needs no network").isEmpty();
    }

    @Test
    void processSessionPrintsTemporaryCredentialsWithExpiration() throws IOException {
        stored();
        CliRun.Result run = run(cli(), "credentials", "process", "--session", "--duration", "900",
                "--endpoint-url", sts.endpoint().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("Version").asInt()).isEqualTo(1);
        assertThat(json.get("AccessKeyId").asText()).isEqualTo(FakeSts.SESSION_KEY_ID);
        assertThat(json.get("SecretAccessKey").asText()).isEqualTo(FakeSts.SESSION_SECRET);
        assertThat(json.get("SessionToken").asText()).isEqualTo(FakeSts.SESSION_TOKEN);
        assertThat(json.get("Expiration").asText()).isEqualTo(FakeSts.EXPIRATION);
        assertThat(run.out()).doesNotContain(SECRET).doesNotContain(KEY_ID);
        assertThat(sts.bodies()).singleElement().asString().contains("Action=GetSessionToken", "DurationSeconds=900");
    }

    @Test
    void processSessionDurationIsChecked() {
        stored();
        CliRun.Result run = run(cli(), "credentials", "process", "--session", "--duration", "60");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--duration must be between 900 and 129600");
    }

    @Test
    void processWithoutKeysIsExitThreeAndPrintsNothingOnStdout() {
        CliRun.Result run = run(cli(), "credentials", "process");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void processSessionWithRejectedKeysIsExitThree() {
        stored();
        sts.failWith(403, "SignatureDoesNotMatch");
        CliRun.Result run = run(cli(), "credentials", "process", "--session", "--endpoint-url", sts.endpoint().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("SignatureDoesNotMatch");
    }
}

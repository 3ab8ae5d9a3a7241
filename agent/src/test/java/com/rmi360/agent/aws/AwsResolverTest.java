package com.rmi360.agent.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
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

import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ConfigLoader;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ConfigException;
import com.rmi360.agent.error.CredentialsException;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.testsupport.MemorySecretStore;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class AwsResolverTest {

    @TempDir
    Path dir;

    static String savedConfigFile;

    /** Keep the developer's ~/.aws/config out of region resolution. */
    @BeforeAll
    static void noProfileFile() {
        savedConfigFile = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", "/nonexistent/rmi360-test-aws-config");
    }

    @AfterAll
    static void restore() {
        if (savedConfigFile == null) {
            System.clearProperty("aws.configFile");
        } else {
            System.setProperty("aws.configFile", savedConfigFile);
        }
    }

    final MemorySecretStore keyring = new MemorySecretStore();
    final List<String> warnings = new ArrayList<>();
    final Map<String, String> env = new HashMap<>();

    private AwsResolver resolver() {
        return new AwsResolver(env, new KeyringCredentials(keyring), warnings::add);
    }

    private AgentConfig config(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    // ---- region ------------------------------------------------------------------------------

    @Test
    void regionFlagBeatsConfigBeatsEnvironment() throws IOException {
        AgentConfig config = config("aws: {region: us-east-2}\n");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "ap-south-1");
        assertThat(resolver().region(config, new AwsOverrides("ca-central-1", null, null)).id()).isEqualTo("ca-central-1");
        assertThat(resolver().region(config, AwsOverrides.none()).id()).isEqualTo("us-east-2");
        assertThat(resolver().region(AgentConfig.empty(), AwsOverrides.none()).id()).isEqualTo("eu-west-1");
        env.remove("AWS_REGION");
        assertThat(resolver().region(AgentConfig.empty(), AwsOverrides.none()).id()).isEqualTo("ap-south-1");
    }

    @Test
    void noRegionAnywhereIsExitTwoNamingThePlaces() {
        assertThatThrownBy(() -> resolver().region(AgentConfig.empty(), AwsOverrides.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no AWS region: pass --region, set aws.region in config.yaml or AWS_REGION");
    }

    @Test
    void placeholderRegionIsRejectedEvenWithAwsRegionSet() throws IOException {
        env.put("AWS_REGION", "eu-west-1");
        AgentConfig config = config("aws: {region: <YOUR-AWS-REGION>}\n");
        assertThatThrownBy(() -> resolver().region(config, AwsOverrides.none()))
                .hasMessageEndingWith("aws.region is a placeholder (<YOUR-AWS-REGION>)");
        assertThat(resolver().region(config, new AwsOverrides("us-west-2", null, null))).isEqualTo(Region.US_WEST_2);
    }

    @Test
    void garbageRegionIsRejected() {
        assertThatThrownBy(() -> resolver().region(AgentConfig.empty(), new AwsOverrides("us east", null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not an AWS region name");
    }

    // ---- endpoint ----------------------------------------------------------------------------

    @Test
    void endpointFlagBeatsAwsEndpointUrl() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        assertThat(resolver().endpoint(AwsOverrides.none())).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(resolver().endpoint(new AwsOverrides(null, null, URI.create("https://s3.local:9000"))))
                .contains(URI.create("https://s3.local:9000"));
        env.remove("AWS_ENDPOINT_URL");
        assertThat(resolver().endpoint(AwsOverrides.none())).isEmpty();
    }

    @Test
    void badEndpointsAreUsageErrors() {
        env.put("AWS_ENDPOINT_URL", "localhost:9000");
        assertThatThrownBy(() -> resolver().endpoint(AwsOverrides.none())).isInstanceOf(ConfigException.class)
                .hasMessage("AWS_ENDPOINT_URL 'localhost:9000' must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> AwsResolver.checkEndpoint("http://exa mple", "--endpoint-url"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--endpoint-url 'http://exa mple' is not a URL");
    }

    // ---- credentials -------------------------------------------------------------------------

    @Test
    void keyringModeReadsTheConfiguredService() throws IOException {
        keyring.put("rmi_s3", "AWS_ACCESS_KEY_ID", "AKIAKEYRINGTEST00001").put("rmi_s3", "AWS_SECRET_ACCESS_KEY", "s3cr3t");
        AgentConfig config = config("aws: {region: us-east-2, keyring_aws: true, keyring_service_name: rmi_s3}\n");
        AwsContext context = resolver().resolve(config, AwsOverrides.none());
        AwsCredentials credentials = context.credentials().resolveCredentials();
        assertThat(credentials.accessKeyId()).isEqualTo("AKIAKEYRINGTEST00001");
        assertThat(credentials.secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(context.credentialSource()).isEqualTo("keyring service 'rmi_s3' (test keyring)");
        assertThat(context.region()).isEqualTo(Region.US_EAST_2);
        assertThat(keyring.closeCount()).isEqualTo(keyring.openCount()).isEqualTo(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void keyringModeWithoutKeysIsExitThree() throws IOException {
        AgentConfig config = config("aws: {region: us-east-2, auth_mode: keyring}\n");
        assertThatThrownBy(() -> resolver().resolve(config, AwsOverrides.none()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("no AWS keys in the keyring under service 'aws-deployer'")
                .extracting(e -> ((UserError) e).exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
    }

    @Test
    void configModeWorksWithALoudWarning() throws IOException {
        AgentConfig config = config("aws: {region: us-east-2, auth_mode: config, access_key_id: AKIAPLAINKEY00000001,"
                + " secret_access_key: plain-secret}\n");
        AwsContext context = resolver().resolve(config, AwsOverrides.none());
        assertThat(context.credentials().resolveCredentials().secretAccessKey()).isEqualTo("plain-secret");
        assertThat(warnings).singleElement().asString().startsWith("rmi360: WARNING: using plain AWS keys from ")
                .contains("rmi360 credentials set").doesNotContain("plain-secret");
        assertThat(keyring.openCount()).isZero();
    }

    @Test
    void instanceModeUsesTheSdkDefaultChain() throws IOException {
        env.put("AWS_PROFILE", "deployer");
        AgentConfig config = config("aws: {region: us-east-2, auth_mode: instance}\n");
        AwsContext context = resolver().resolve(config, AwsOverrides.none());
        assertThat(context.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(context.credentialSource()).isEqualTo("AWS profile 'deployer' (AWS_PROFILE)");
        assertThat(warnings).containsExactly("rmi360: credentials: AWS profile 'deployer' (AWS_PROFILE)");
        assertThat(keyring.openCount()).isZero();
    }

    @Test
    void noConfigMeansTheDefaultChain() {
        env.put("AWS_REGION", "us-east-1");
        AwsContext context = resolver().resolve(AgentConfig.empty(), AwsOverrides.none());
        assertThat(context.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(context.credentialSource()).isEqualTo("SDK default chain");
    }

    @Test
    void profileFlagOverridesKeyringMode() throws IOException {
        AgentConfig config = config("aws: {region: us-east-2, auth_mode: keyring}\n");
        AwsContext context = resolver().resolve(config, new AwsOverrides(null, "ops", null));
        assertThat(context.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(context.credentialSource()).isEqualTo("AWS profile 'ops' (--profile)");
        assertThat(keyring.openCount()).isZero();
    }

    /** As in the AWS CLI: AWS_PROFILE beats the toolbox's keyring_aws: true, and one line says so. */
    @Test
    void awsProfileBeatsTheKeyringOfTheConfigAndSaysSo() throws IOException {
        keyring.put("aws-deployer", "AWS_ACCESS_KEY_ID", "AKIAKEYRINGTEST00001").put("aws-deployer", "AWS_SECRET_ACCESS_KEY", "ring-secret");
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[ops]\naws_access_key_id = AKIAPROFILETEST00001\naws_secret_access_key = profile-secret\n");
        String saved = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            env.put("AWS_PROFILE", "ops");
            AgentConfig config = config("aws: {region: us-east-2, keyring_aws: true}\n");
            AwsContext context = resolver().resolve(config, AwsOverrides.none());
            assertThat(context.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAPROFILETEST00001");
            assertThat(context.credentialSource()).isEqualTo("AWS profile 'ops' (AWS_PROFILE)");
            assertThat(warnings).singleElement().asString()
                    .isEqualTo("rmi360: credentials: AWS profile 'ops' (AWS_PROFILE), not the keyring of "
                            + config.displayName() + " (unset AWS_PROFILE to use them)")
                    .doesNotContain("secret");
            assertThat(keyring.openCount()).isZero();

            env.remove("AWS_PROFILE"); // without it the keyring is used, silently
            warnings.clear();
            AwsContext ring = resolver().resolve(config, AwsOverrides.none());
            assertThat(ring.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAKEYRINGTEST00001");
            assertThat(warnings).isEmpty();
        } finally {
            if (saved == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", saved);
            }
        }
    }

    @Test
    void contextConfiguresAnySdkBuilder() {
        AwsContext context = new AwsContext(Region.EU_WEST_1, java.util.Optional.of(URI.create("http://127.0.0.1:1")),
                AwsResolver.provider(new com.rmi360.agent.credentials.AwsKeys("AKIAXXXXXXXXXXXXXXXX", "s")), "test");
        assertThat(context.pathStyle()).isTrue();
        try (StsClient sts = context.configure(StsClient.builder()).httpClient(AwsClients.httpClient()).build()) {
            assertThat(sts.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(sts.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:1"));
        }
        try (var s3 = new AwsClients(context).s3(); var events = new AwsClients(context).eventBridge()) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).isPresent();
            assertThat(events.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }
}

package com.rmi360.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.error.ConfigException;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private AgentConfig yaml(String text) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return ConfigLoader.load(file);
    }

    private AgentConfig resource(String name) throws IOException {
        Path file = dir.resolve("config.yaml");
        try (InputStream in = getClass().getResourceAsStream("/config/" + name)) {
            Files.copy(in, file);
        }
        return ConfigLoader.load(file);
    }

    private static String errorOf(Runnable action) {
        try {
            action.run();
        } catch (ConfigException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void readsTheReferenceConfigAsIs() throws IOException {
        AgentConfig config = resource("reference.yaml");

        assertThat(config.region()).contains("us-east-2");
        assertThat(config.bucket()).contains("my-bucket");
        assertThat(config.prefix()).contains("ABC25101");
        assertThat(config.authMode()).isEqualTo(AuthMode.KEYRING);
        assertThat(config.keyringService()).isEqualTo("aws-deployer");
        assertThat(config.skipExisting()).isTrue();
        assertThat(config.maxWorkers()).isEqualTo(16);
        assertThat(config.retries()).isEqualTo(3);
        assertThat(config.useAcceleration()).isFalse();
        assertThat(config.allowCancelFileTrigger()).isTrue();
        assertThat(config.projectInfo()).isEqualTo(new ProjectInfo("25-101", "ABC25101", "Acme Rail", "Acme Railroad",
                "ACME", "Main line survey"));
        assertThat(config.cameraInfo()).isEqualTo(new CameraInfo("Mosaic", "Mosaic 51", "M51-0042", "2.2.0",
                "Mosaic Stitcher 1.4"));
        assertThat(config.source()).contains(dir.resolve("config.yaml"));
    }

    @Test
    void keyTheAgentNeverReadsMayStayAPlaceholder() throws IOException {
        AgentConfig config = resource("reference.yaml");
        assertThat(config.bucket()).isPresent(); // lambda_role_arn: arn:aws:iam::<ACCOUNT>:... does not matter
        assertThat(errorOf(() -> config.string("aws.lambda_role_arn")))
                .endsWith("config.yaml: aws.lambda_role_arn is a placeholder (<ACCOUNT>)");
    }

    @Test
    void seedGuidePlaceholdersAreRejectedNamingTheKey() throws IOException {
        AgentConfig config = resource("seed.yaml");

        assertThat(errorOf(config::bucket)).endsWith("config.yaml: aws.s3_bucket is a placeholder (<YOUR-BUCKET-NAME>)");
        assertThat(errorOf(config::region)).endsWith("config.yaml: aws.region is a placeholder (<YOUR-AWS-REGION>)");
        assertThat(config.authMode()).isEqualTo(AuthMode.KEYRING);
        assertThat(config.keyringService()).isEqualTo("aws-deployer");
    }

    @Test
    void placeholderInsideAValueIsRejectedToo() throws IOException {
        AgentConfig config = yaml("project: {slug: ABC}\naws: {s3_bucket: \"rmi-<ENV>-images\"}\n");
        assertThat(errorOf(config::bucket)).endsWith("aws.s3_bucket is a placeholder (<ENV>)");
    }

    @Test
    void folderExpressionsAndLiterals() throws IOException {
        String project = "project: {number: \"25-101\", slug: ABC25101}\n";
        assertThat(yaml(project + "aws: {s3_bucket_folder: config.project.slug}\n").prefix()).contains("ABC25101");
        assertThat(yaml(project + "aws: {s3_bucket_folder: config.project.number}\n").prefix()).contains("25-101");
        assertThat(yaml(project + "aws: {s3_bucket_folder: /surveys/2025/ABC/}\n").prefix()).contains("surveys/2025/ABC");
        assertThat(yaml(project + "aws: {s3_bucket_folder: plain-folder}\n").prefix()).contains("plain-folder");
        assertThat(yaml(project + "aws: {}\n").prefix()).isEmpty();
        assertThat(yaml(project + "aws: {s3_bucket_folder: \"/\"}\n").prefix()).isEmpty();
    }

    @Test
    void folderExpressionNamingAMissingProjectKeyFails() throws IOException {
        AgentConfig config = yaml("project: {slug: ABC}\naws: {s3_bucket_folder: config.project.number}\n");
        assertThat(errorOf(config::prefix))
                .endsWith("aws.s3_bucket_folder is 'config.project.number' but project.number is not set");
    }

    @Test
    void folderExpressionOnAPlaceholderSlugNamesTheSlug() throws IOException {
        AgentConfig config = yaml("project: {slug: <SLUG>}\naws: {s3_bucket_folder: config.project.slug}\n");
        assertThat(errorOf(config::prefix)).endsWith("project.slug is a placeholder (<SLUG>)");
    }

    @Test
    void folderWithDotDotSegmentsIsRejected() throws IOException {
        AgentConfig config = yaml("aws: {s3_bucket_folder: a/../b}\n");
        assertThat(errorOf(config::prefix)).contains("is not a clean S3 folder");
        AgentConfig doubleSlash = yaml("aws: {s3_bucket_folder: a//b}\n");
        assertThat(errorOf(doubleSlash::prefix)).contains("is not a clean S3 folder");
    }

    @Test
    void maxWorkersIsANumberOrACpuExpression() throws IOException {
        assertThat(yaml("aws: {max_workers: 16}\n").maxWorkers(4)).isEqualTo(16);
        assertThat(yaml("aws: {max_workers: \"12\"}\n").maxWorkers(4)).isEqualTo(12);
        assertThat(yaml("aws: {max_workers: \"cpu*2\"}\n").maxWorkers(4)).isEqualTo(8);
        assertThat(yaml("aws: {max_workers: \"CPU * 3\"}\n").maxWorkers(4)).isEqualTo(12);
        assertThat(yaml("aws: {max_workers: cpu}\n").maxWorkers(6)).isEqualTo(6);
        assertThat(yaml("aws: {}\n").maxWorkers(4)).isEqualTo(AgentConfig.DEFAULT_MAX_WORKERS);
        assertThat(yaml("aws: {max_workers: \"cpu*2\"}\n").maxWorkers()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badMaxWorkersSayWhatIsAllowed() throws IOException {
        assertThat(errorOf(() -> {
            try {
                yaml("aws: {max_workers: lots}\n").maxWorkers(4);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        })).endsWith("aws.max_workers must be a number or \"cpu*N\", not 'lots'");
        AgentConfig zero = yaml("aws: {max_workers: 0}\n");
        assertThat(errorOf(() -> zero.maxWorkers(4))).endsWith("aws.max_workers must be between 1 and 512, not 0");
        AgentConfig huge = yaml("aws: {max_workers: \"cpu*1000\"}\n");
        assertThat(errorOf(() -> huge.maxWorkers(4))).contains("not 4000");
        AgentConfig list = yaml("aws: {max_workers: [1, 2]}\n");
        assertThat(errorOf(() -> list.maxWorkers(4))).endsWith("aws.max_workers must be a single value, not a list");
    }

    @Test
    void maxBandwidthIsARateOrOffAndABadOneNamesTheKey() throws IOException {
        assertThat(yaml("aws: {max_bandwidth: 50MB/s}\n").maxBandwidth().bytesPerSecond()).isEqualTo(50L << 20);
        assertThat(yaml("aws: {max_bandwidth: 1048576}\n").maxBandwidth().bytesPerSecond()).isEqualTo(1L << 20);
        assertThat(yaml("aws: {max_bandwidth: 40Mbit}\n").maxBandwidth().bytesPerSecond()).isEqualTo(5_000_000);
        assertThat(yaml("aws: {max_bandwidth: 0}\n").maxBandwidth().capped()).isFalse();
        assertThat(yaml("aws: {}\n").maxBandwidth()).isEqualTo(BandwidthLimit.OFF);
        AgentConfig bad = yaml("aws: {max_bandwidth: 20X}\n");
        assertThat(errorOf(bad::maxBandwidth)).endsWith("aws.max_bandwidth '20X': use a rate like 20M, 5MiB/s or 40Mbit");
    }

    @Test
    void authModeFromAuthModeOrKeyringAws() throws IOException {
        assertThat(yaml("aws: {auth_mode: keyring}\n").authMode()).isEqualTo(AuthMode.KEYRING);
        assertThat(yaml("aws: {auth_mode: Config}\n").authMode()).isEqualTo(AuthMode.CONFIG);
        assertThat(yaml("aws: {auth_mode: instance}\n").authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
        assertThat(yaml("aws: {auth_mode: instance, keyring_aws: true}\n").authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
        assertThat(yaml("aws: {keyring_aws: true}\n").authMode()).isEqualTo(AuthMode.KEYRING);
        assertThat(yaml("aws: {keyring_aws: false}\n").authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
        assertThat(yaml("aws: {}\n").authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
        assertThat(AgentConfig.empty().authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
        AgentConfig odd = yaml("aws: {auth_mode: magic}\n");
        assertThat(errorOf(odd::authMode)).endsWith("aws.auth_mode must be keyring, config or instance, not 'magic'");
    }

    @Test
    void booleansAndNumbersAreChecked() throws IOException {
        AgentConfig config = yaml("aws: {skip_existing: maybe, retries: many, use_acceleration: \"yes\"}\n");
        assertThat(errorOf(config::skipExisting)).endsWith("aws.skip_existing must be true or false, not 'maybe'");
        assertThat(errorOf(config::retries)).endsWith("aws.retries must be a whole number, not 'many'");
        assertThat(config.useAcceleration()).isTrue();
        AgentConfig negative = yaml("aws: {retries: -1}\n");
        assertThat(errorOf(negative::retries)).endsWith("aws.retries must be between 0 and 20, not -1");
    }

    @Test
    void defaultsWithoutAConfigFile() {
        AgentConfig config = AgentConfig.empty();
        assertThat(config.source()).isEmpty();
        assertThat(config.bucket()).isEmpty();
        assertThat(config.region()).isEmpty();
        assertThat(config.prefix()).isEmpty();
        assertThat(config.keyringService()).isEqualTo(AgentConfig.DEFAULT_KEYRING_SERVICE);
        assertThat(config.skipExisting()).isTrue();
        assertThat(config.allowCancelFileTrigger()).isTrue();
        assertThat(config.projectInfo()).isEqualTo(new ProjectInfo(null, null, null, null, null, null));
    }

    @Test
    void plainKeysForConfigMode() throws IOException {
        AgentConfig config = yaml("aws: {auth_mode: config, access_key_id: AKIAEXAMPLE000000001,"
                + " secret_access_key: not-a-real-secret}\n");
        PlainKeys keys = config.plainKeys();
        assertThat(keys.accessKeyId()).isEqualTo("AKIAEXAMPLE000000001");
        assertThat(keys.secretAccessKey()).isEqualTo("not-a-real-secret");
        assertThat(keys.toString()).doesNotContain("not-a-real-secret");

        AgentConfig upper = yaml("aws: {aws_access_key_id: AKIAEXAMPLE000000001, aws_secret_access_key: s}\n");
        assertThat(upper.plainKeys().secretAccessKey()).isEqualTo("s");

        AgentConfig half = yaml("aws: {auth_mode: config, access_key_id: AKIAEXAMPLE000000001}\n");
        assertThat(errorOf(half::plainKeys)).endsWith("aws.auth_mode is config but aws.secret_access_key is not set");
        AgentConfig placeholder = yaml("aws: {access_key_id: <ACCESS_KEY_ID>, secret_access_key: x}\n");
        assertThat(errorOf(placeholder::plainKeys)).endsWith("aws.access_key_id is a placeholder (<ACCESS_KEY_ID>)");
    }

    @Test
    void slugMustFitTheRuleName() throws IOException {
        assertThat(yaml("project: {slug: ABC_25-101}\n").projectSlug()).contains("ABC_25-101");
        AgentConfig spaces = yaml("project: {slug: \"ABC 25\"}\n");
        assertThat(errorOf(spaces::projectSlug)).endsWith("project.slug 'ABC 25' is not a valid slug"
                + " (letters, digits, _ and -, 1 to 46 characters)");
        AgentConfig tooLong = yaml("project: {slug: " + "a".repeat(47) + "}\n");
        assertThat(errorOf(tooLong::projectSlug)).contains("is not a valid slug");
        assertThat(ProjectSlug.isValid("a".repeat(46))).isTrue();
        assertThat(ProjectSlug.isValid("")).isFalse();
        assertThat(ProjectSlug.isValid(null)).isFalse();
    }

    @Test
    void numericSlugAndNumberAreText() throws IOException {
        AgentConfig config = yaml("project: {number: 25101, slug: 12345}\naws: {s3_bucket_folder: config.project.number}\n");
        assertThat(config.projectNumber()).contains("25101");
        assertThat(config.projectSlug()).contains("12345");
        assertThat(config.prefix()).contains("25101");
    }

    // ---- bad files: one line with the file and, where the parser knows it, the line ----------

    @Test
    void badYamlNamesFileAndLine() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "project:\n  slug: ABC\naws:\n  region: us-east-2\n   s3_bucket: x: y\n");
        String message = errorOf(() -> ConfigLoader.load(file));
        assertThat(message).startsWith(file + ":5: ");
    }

    @Test
    void tabIndentationIsABadYamlLine() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "aws:\n\tregion: us-east-2\n");
        assertThat(errorOf(() -> ConfigLoader.load(file))).startsWith(file + ":2: ");
    }

    @Test
    void unclosedQuoteIsABadYamlLine() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "aws:\n  region: \"us-east-2\n  s3_bucket: b\n");
        assertThat(errorOf(() -> ConfigLoader.load(file))).matches(java.util.regex.Pattern.quote(file.toString())
                + ":\\d+: .+");
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "aws:\n  s3_bucket: a\n  s3_bucket: b\n");
        assertThat(errorOf(() -> ConfigLoader.load(file))).startsWith(file + ":3: ").contains("s3_bucket");
    }

    @Test
    void missingEmptyNonMappingAndDirectory() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThat(errorOf(() -> ConfigLoader.load(missing))).isEqualTo(missing + ": no such file");

        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# only a comment\n");
        assertThat(errorOf(() -> ConfigLoader.load(empty))).isEqualTo(empty + ": the file is empty");

        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- a\n- b\n");
        assertThat(errorOf(() -> ConfigLoader.load(list))).startsWith(list + ": expected a mapping");

        assertThat(errorOf(() -> ConfigLoader.load(dir))).startsWith(dir + ": ");
    }

    @Test
    void mappingWhereAValueBelongsIsRejected() throws IOException {
        AgentConfig config = yaml("aws:\n  s3_bucket:\n    name: x\n");
        assertThat(errorOf(config::bucket)).endsWith("aws.s3_bucket must be a single value, not a mapping");
    }

    @Test
    void configExceptionIsAUserErrorWithExitTwo() {
        UserError error = new ConfigException("x");
        assertThat(error.exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> ProjectSlug.check("a b", "--slug")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--slug 'a b'");
    }
}

package com.rmi360.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rmi360.agent.error.ConfigException;
import com.rmi360.agent.error.UserError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The toolbox's config.yaml, read lazily: each accessor checks its key when called, so a key the
 * agent does not need (e.g. {@code aws.lambda_role_arn: arn:aws:iam::<ACCOUNT>:role/...}) never
 * fails a run, and a key a flag overrides (--bucket, --region, --slug, --prefix) need not be set.
 * A {@code <...>} placeholder counts as "not set" and is rejected naming the key:
 * {@code config.yaml: aws.s3_bucket is a placeholder (<YOUR-BUCKET-NAME>)}.
 * <p>All failures are {@link ConfigException} (exit 2).
 */
public final class AgentConfig {

    /** The keyring service name when neither config nor --service names one (the seed guide's example). */
    public static final String DEFAULT_KEYRING_SERVICE = "aws-deployer";
    public static final int DEFAULT_MAX_WORKERS = 16;
    public static final int MAX_MAX_WORKERS = 512;
    public static final int DEFAULT_RETRIES = 3;

    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");
    private static final Pattern PROJECT_EXPRESSION = Pattern.compile("config\\.project\\.([A-Za-z0-9_]+)");
    private static final Pattern CPU_EXPRESSION = Pattern.compile("cpu\\s*(?:\\*\\s*(\\d+))?");

    private final Path source;
    private final String name;
    private final JsonNode root;

    AgentConfig(Path source, String name, JsonNode root) {
        this.source = source;
        this.name = name;
        this.root = root;
    }

    /** No config file: every key is unset and defaults apply. */
    public static AgentConfig empty() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        return new AgentConfig(null, "config.yaml", root);
    }

    /** The file this was read from; empty for {@link #empty()}. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    // ---- generic access ------------------------------------------------------------------------

    /**
     * The scalar at a dotted key ({@code "aws.s3_bucket"}) as text; empty when missing, null or blank.
     * Throws when the value is a placeholder or not a scalar.
     */
    public Optional<String> string(String key) {
        JsonNode node = node(key);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new ConfigException(name + ": " + key + " must be a single value, not a "
                    + (node.isArray() ? "list" : "mapping"));
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        if (placeholder.find()) {
            throw new ConfigException(name + ": " + key + " is a placeholder (" + placeholder.group() + ")");
        }
        return Optional.of(text);
    }

    /** A boolean key ({@code true/false/yes/no}); empty when missing. */
    public Optional<Boolean> bool(String key) {
        JsonNode node = node(key);
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        return string(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new ConfigException(name + ": " + key + " must be true or false, not '" + text + "'");
        });
    }

    /** A whole-number key; empty when missing. */
    public Optional<Integer> integer(String key) {
        JsonNode node = node(key);
        if (node.isInt()) {
            return Optional.of(node.intValue());
        }
        return string(key).map(text -> {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + ": " + key + " must be a whole number, not '" + text + "'");
            }
        });
    }

    private JsonNode node(String key) {
        JsonNode current = root;
        for (String part : key.split("\\.")) {
            if (current == null || !current.isObject()) {
                return MissingNode.getInstance();
            }
            current = current.path(part);
        }
        return current;
    }

    // ---- project and camera --------------------------------------------------------------------

    /** {@code project.slug}, checked against the slug rule (see {@link ProjectSlug}). */
    public Optional<String> projectSlug() {
        return string("project.slug").map(slug -> ProjectSlug.check(slug, name + ": project.slug"));
    }

    /** {@code project.number}, e.g. {@code 25-101}. */
    public Optional<String> projectNumber() {
        return string("project.number");
    }

    /** The project card for the progress JSON; every field checked for placeholders. */
    public ProjectInfo projectInfo() {
        return new ProjectInfo(opt("project.number"), projectSlug().orElse(null), opt("project.client"),
                opt("project.rr_name"), opt("project.rr_mark"), opt("project.description"));
    }

    /** The camera card for the progress JSON; every field checked for placeholders. */
    public CameraInfo cameraInfo() {
        return new CameraInfo(opt("camera.make"), opt("camera.model"), opt("camera.sn"), opt("camera.firmware"),
                opt("camera.software"));
    }

    private String opt(String key) {
        return string(key).orElse(null);
    }

    // ---- aws -----------------------------------------------------------------------------------

    /** {@code aws.region}. */
    public Optional<String> region() {
        return string("aws.region");
    }

    /** {@code aws.s3_bucket}. */
    public Optional<String> bucket() {
        return string("aws.s3_bucket");
    }

    /**
     * {@code aws.s3_bucket_folder} resolved to a key prefix without leading/trailing slashes:
     * the expression {@code config.project.slug} (or any {@code config.project.<key>}) gives that
     * project value, anything else is taken literally. Empty when missing.
     */
    public Optional<String> prefix() {
        Optional<String> folder = string("aws.s3_bucket_folder");
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        String value = folder.get();
        Matcher expression = PROJECT_EXPRESSION.matcher(value);
        if (expression.matches()) {
            String key = "project." + expression.group(1);
            value = string(key).orElseThrow(() -> new ConfigException(
                    name + ": aws.s3_bucket_folder is '" + folder.get() + "' but " + key + " is not set"));
        }
        String trimmed = value.replaceAll("^/+|/+$", "");
        for (String segment : trimmed.split("/")) {
            if (segment.equals("..") || segment.equals(".") || (segment.isEmpty() && !trimmed.isEmpty())) {
                throw new ConfigException(name + ": aws.s3_bucket_folder '" + value + "' is not a clean S3 folder");
            }
        }
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /**
     * {@code aws.auth_mode} ({@code keyring | config | instance}); when it is missing,
     * {@code aws.keyring_aws: true} means keyring, and otherwise the SDK default chain.
     */
    public AuthMode authMode() {
        Optional<String> mode = string("aws.auth_mode");
        if (mode.isPresent()) {
            return switch (mode.get().toLowerCase(Locale.ROOT)) {
                case "keyring" -> AuthMode.KEYRING;
                case "config" -> AuthMode.CONFIG;
                case "instance", "default", "profile", "sso", "env" -> AuthMode.DEFAULT_CHAIN;
                default -> throw new ConfigException(name + ": aws.auth_mode must be keyring, config or instance, not '"
                        + mode.get() + "'");
            };
        }
        return bool("aws.keyring_aws").orElse(false) ? AuthMode.KEYRING : AuthMode.DEFAULT_CHAIN;
    }

    /** {@code aws.keyring_service_name}, default {@value #DEFAULT_KEYRING_SERVICE}. */
    public String keyringService() {
        return string("aws.keyring_service_name").orElse(DEFAULT_KEYRING_SERVICE);
    }

    /** {@code aws.skip_existing}, default true. */
    public boolean skipExisting() {
        return bool("aws.skip_existing").orElse(true);
    }

    /** {@code aws.max_workers}: a number or {@code cpu} / {@code cpu*N}; default {@value #DEFAULT_MAX_WORKERS}. */
    public int maxWorkers() {
        return maxWorkers(Runtime.getRuntime().availableProcessors());
    }

    /** True when config.yaml sets {@code aws.max_workers} (a user who set it meant it: it pins the files in flight). */
    public boolean maxWorkersSet() {
        JsonNode node = node("aws.max_workers");
        return node.isNumber() || string("aws.max_workers").isPresent();
    }

    int maxWorkers(int cpus) {
        JsonNode node = node("aws.max_workers");
        int workers;
        if (node.isInt()) {
            workers = node.intValue();
        } else {
            Optional<String> text = string("aws.max_workers");
            if (text.isEmpty()) {
                return DEFAULT_MAX_WORKERS;
            }
            String value = text.get().toLowerCase(Locale.ROOT);
            Matcher cpu = CPU_EXPRESSION.matcher(value);
            try {
                if (cpu.matches()) {
                    workers = cpus * (cpu.group(1) == null ? 1 : Integer.parseInt(cpu.group(1)));
                } else {
                    workers = Integer.parseInt(value);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(name + ": aws.max_workers must be a number or \"cpu*N\", not '"
                        + text.get() + "'");
            }
        }
        if (workers < 1 || workers > MAX_MAX_WORKERS) {
            throw new ConfigException(name + ": aws.max_workers must be between 1 and " + MAX_MAX_WORKERS
                    + ", not " + workers);
        }
        return workers;
    }

    /** {@code aws.retries}, default {@value #DEFAULT_RETRIES}, 0..20. */
    public int retries() {
        int retries = integer("aws.retries").orElse(DEFAULT_RETRIES);
        if (retries < 0 || retries > 20) {
            throw new ConfigException(name + ": aws.retries must be between 0 and 20, not " + retries);
        }
        return retries;
    }

    /** {@code aws.use_acceleration} (S3 Transfer Acceleration endpoint), default false. */
    public boolean useAcceleration() {
        return bool("aws.use_acceleration").orElse(false);
    }

    /** {@code aws.proxy}: an http:// proxy URL (may hold credentials: never print it), or empty. */
    public Optional<String> proxy() {
        return string("aws.proxy");
    }

    /** {@code aws.storage_class} as written (validated by the upload), or empty for STANDARD. */
    public Optional<String> storageClass() {
        return string("aws.storage_class");
    }

    /**
     * {@code aws.max_bandwidth}: the upload's bandwidth cap over all connections ({@code 50MB/s},
     * {@code 20M}, {@code 40Mbit}: see {@link BandwidthLimit}); not set, 0 or off: none.
     */
    public BandwidthLimit maxBandwidth() {
        Optional<String> text = string("aws.max_bandwidth");
        try {
            return BandwidthLimit.parse(text.orElse(null), name + ": aws.max_bandwidth");
        } catch (UserError e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** {@code aws.allow_cancel_file_trigger} (cancel_copy.txt), default true. */
    public boolean allowCancelFileTrigger() {
        return bool("aws.allow_cancel_file_trigger").orElse(true);
    }

    /**
     * Plain keys for {@code auth_mode: config}: {@code aws.access_key_id} + {@code aws.secret_access_key}
     * (also spelled {@code aws_access_key_id}/{@code aws_secret_access_key}), optional
     * {@code aws.session_token}. Throws when one of the pair is missing.
     */
    public PlainKeys plainKeys() {
        String id = first("aws.access_key_id", "aws.aws_access_key_id", "aws.access_key");
        String secret = first("aws.secret_access_key", "aws.aws_secret_access_key", "aws.secret_key");
        if (id == null || secret == null) {
            throw new ConfigException(name + ": aws.auth_mode is config but aws."
                    + (id == null ? "access_key_id" : "secret_access_key") + " is not set");
        }
        return new PlainKeys(id, secret, first("aws.session_token", "aws.aws_session_token"));
    }

    private String first(String... keys) {
        for (String key : keys) {
            Optional<String> value = string(key);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return null;
    }

    /** How messages name this file (the path as the user gave it). */
    public String displayName() {
        return name;
    }
}

package com.rmi360.agent.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.AuthMode;
import com.rmi360.agent.config.PlainKeys;
import com.rmi360.agent.credentials.AwsKeys;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ConfigException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * Resolves region, endpoint and credentials for every AWS command, the same way everywhere:
 * <ul>
 * <li><b>Credentials</b>: {@code --profile}, else AWS_PROFILE → that profile via the SDK default chain
 *     (as in the AWS CLI, an explicit profile wins over config.yaml; one line on stderr says so); else config
 *     {@code aws.auth_mode: keyring} (or {@code keyring_aws: true}) → the keyring service
 *     {@code aws.keyring_service_name}; {@code auth_mode: config} → plain keys from the YAML with a
 *     loud warning; otherwise the SDK default chain (env, AWS_PROFILE, SSO, instance profile).</li>
 * <li><b>Region</b>: {@code --region}, config {@code aws.region}, AWS_REGION, AWS_DEFAULT_REGION,
 *     the profile's region; none → exit 2.</li>
 * <li><b>Endpoint</b>: {@code --endpoint-url}, else AWS_ENDPOINT_URL; must be http(s).</li>
 * <li><b>Proxy</b>: {@code --proxy}, config {@code aws.proxy}, else HTTPS_PROXY/HTTP_PROXY; NO_PROXY ({@link HttpProxy}).</li>
 * </ul>
 * Keyring keys are read once, at resolve time, and the keyring is closed again at once.
 */
public final class AwsResolver {

    private final Map<String, String> env;
    private final KeyringCredentials keyring;
    private final Consumer<String> warnings;

    /**
     * @param env      the process environment (tests pass their own)
     * @param keyring  keyring access (production: {@code new KeyringCredentials(OsKeyringStore::open)})
     * @param warnings where to print warnings (the command's stderr)
     */
    public AwsResolver(Map<String, String> env, KeyringCredentials keyring, Consumer<String> warnings) {
        this.env = env;
        this.keyring = keyring;
        this.warnings = warnings;
    }

    /** Region, endpoint and credentials for one run. Throws UserError (exit 2 or 3) with one line. */
    public AwsContext resolve(AgentConfig config, AwsOverrides overrides) {
        Region region = region(config, overrides);
        Optional<URI> endpoint = endpoint(overrides);
        return credentials(config, overrides, new AwsContext(region, endpoint, null, null,
                proxy(config, overrides, endpoint)));
    }

    /** The proxy (see class doc) for requests to {@code endpoint} (AWS, https, when empty). */
    public HttpProxy proxy(AgentConfig config, AwsOverrides overrides, Optional<URI> endpoint) {
        return HttpProxy.resolve(overrides.proxy(), config.proxy(), env, endpoint.map(URI::getScheme).orElse("https"));
    }

    /** The region (see class doc), or a ConfigException naming the three places to set it. */
    public Region region(AgentConfig config, AwsOverrides overrides) {
        String name = overrides.region() != null ? overrides.region()
                : first(config.region().orElse(null), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (name == null) {
            name = profileRegion(profileName(overrides));
        }
        if (name == null) {
            throw new ConfigException("no AWS region: pass --region, set aws.region in config.yaml or AWS_REGION");
        }
        String normalized = name.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[a-z0-9-]+")) {
            throw new ConfigException("'" + name + "' is not an AWS region name (e.g. us-east-2)");
        }
        return Region.of(normalized);
    }

    private String profileRegion(String profile) {
        try {
            Region region = profile == null ? new AwsProfileRegionProvider().getRegion()
                    : new AwsProfileRegionProvider(null, profile).getRegion();
            return region == null ? null : region.id();
        } catch (RuntimeException noProfileRegion) {
            return null;
        }
    }

    /** The endpoint override, validated: {@code --endpoint-url} wins over AWS_ENDPOINT_URL. */
    public Optional<URI> endpoint(AwsOverrides overrides) {
        if (overrides.endpoint() != null) {
            return Optional.of(checkEndpoint(overrides.endpoint().toString(), "--endpoint-url"));
        }
        String fromEnv = env.get("AWS_ENDPOINT_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(checkEndpoint(fromEnv.strip(), "AWS_ENDPOINT_URL"));
        }
        return Optional.empty();
    }

    /** Parses an endpoint URL given by {@code where}; only http/https with a host. */
    public static URI checkEndpoint(String text, String where) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(where + " '" + text + "' must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(where + " '" + text + "' is not a URL (" + e.getReason() + ")");
        }
    }

    private AwsContext credentials(AgentConfig config, AwsOverrides overrides, AwsContext base) {
        String explicit = profileName(overrides);
        if (explicit != null) { // as in the AWS CLI: a named profile wins over what config.yaml says
            String source = "AWS profile '" + explicit + "' (" + (overrides.profile() != null ? "--profile" : "AWS_PROFILE") + ")";
            AuthMode mode = config.authMode();
            warnings.accept("rmi360: credentials: " + source + (mode == AuthMode.DEFAULT_CHAIN ? ""
                    : ", not the " + (mode == AuthMode.KEYRING ? "keyring" : "plain keys") + " of "
                    + config.displayName() + " (unset AWS_PROFILE to use them)"));
            return base.withCredentials(defaultChain(explicit), source);
        }
        switch (config.authMode()) {
            case KEYRING -> {
                String service = config.keyringService();
                KeyringCredentials.Found found = keyring.load(service);
                return base.withCredentials(provider(found.keys()), "keyring service '" + service + "' ("
                        + found.store() + ")");
            }
            case CONFIG -> {
                PlainKeys keys = config.plainKeys();
                warnings.accept("rmi360: WARNING: using plain AWS keys from " + config.displayName()
                        + " (aws.auth_mode: config). Anyone who can read that file can use them. Move them to the"
                        + " keyring with `rmi360 credentials set` and set aws.auth_mode: keyring.");
                return base.withCredentials(provider(new AwsKeys(keys.accessKeyId(), keys.secretAccessKey(),
                        keys.sessionToken())), "plain keys in " + config.displayName());
            }
            default -> {
                return base.withCredentials(defaultChain(null), "SDK default chain");
            }
        }
    }

    private String profileName(AwsOverrides overrides) {
        return first(overrides.profile(), env.get("AWS_PROFILE"));
    }

    private static AwsCredentialsProvider defaultChain(String profile) {
        DefaultCredentialsProvider.Builder builder = DefaultCredentialsProvider.builder();
        if (profile != null) {
            builder.profileName(profile);
        }
        return builder.build();
    }

    /** A provider for fixed keys (with a session token when present). */
    public static AwsCredentialsProvider provider(AwsKeys keys) {
        AwsCredentials credentials = keys.sessionToken() == null
                ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                : AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken());
        return StaticCredentialsProvider.create(credentials);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}

package com.rmi360.agent.command;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsOverrides;
import com.rmi360.agent.aws.AwsResolver;
import com.rmi360.agent.aws.StsCalls;
import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.ConfigOption;
import com.rmi360.agent.cli.EndpointOptions;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.credentials.AwsKeys;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ConfigException;
import com.rmi360.agent.error.CredentialsException;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code rmi360 credentials set|show|delete|check|process}: AWS keys in the OS keyring under a
 * service name ({@code --service}, else config {@code aws.keyring_service_name}, else
 * {@value AgentConfig#DEFAULT_KEYRING_SERVICE}). Only {@code process} ever prints the secret: that
 * is what credential_process is for.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Store, show, delete and check AWS keys in the OS keyring.")
public final class CredentialsCommand {

    private static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    CredentialsCommand(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /** The options every credentials subcommand shares. */
    static final class ServiceOption {
        @Option(names = "--service", paramLabel = "NAME",
                description = "Keyring service name (default: config aws.keyring_service_name, else "
                        + AgentConfig.DEFAULT_KEYRING_SERVICE + ").")
        String service;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Store an access key pair (prompted without echo, or --from-env).")
    int set(@Mixin ServiceOption serviceOption, @Mixin ConfigOption config,
            @Option(names = "--from-env", description = "Take AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment.")
            boolean fromEnv) {
        String service = service(serviceOption, config.load());
        AwsKeys keys = fromEnv ? keysFromEnv() : keysFromPrompt();
        String store = runtime.keyring().save(service, keys);
        out().printf("Stored access key %s and its secret in the %s under service '%s'.%n",
                keys.maskedAccessKeyId(), store, service);
        out().printf("Check them with: rmi360 credentials check --service %s%n", service);
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the stored key id (masked); never the secret.")
    int show(@Mixin ServiceOption serviceOption, @Mixin ConfigOption config) {
        String service = service(serviceOption, config.load());
        KeyringCredentials.Found found = runtime.keyring().load(service);
        PrintWriter out = out();
        out.printf("Service:           %s (%s)%n", service, found.store());
        out.printf("Access key id:     %s  (account %s)%n", found.keys().maskedAccessKeyId(), found.idAccount());
        out.printf("Secret access key: stored, hidden  (account %s)%n", found.secretAccount());
        return ExitCodes.OK;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete the stored keys (every account spelling).")
    int delete(@Mixin ServiceOption serviceOption, @Mixin ConfigOption config) {
        String service = service(serviceOption, config.load());
        List<String> removed = runtime.keyring().delete(service);
        if (removed.isEmpty()) {
            throw new CredentialsException("no AWS keys in the keyring under service '" + service + "'; nothing deleted");
        }
        out().printf("Deleted %s from service '%s'.%n", String.join(", ", removed), service);
        return ExitCodes.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Call STS GetCallerIdentity with the stored keys; print account and ARN.")
    int check(@Mixin ServiceOption serviceOption, @Mixin ConfigOption config, @Mixin EndpointOptions target) {
        AwsContext context = keyringContext(serviceOption, config, target);
        StsCalls.Identity identity = StsCalls.callerIdentity(context);
        PrintWriter out = out();
        out.printf("Account: %s%n", identity.account());
        out.printf("ARN:     %s%n", identity.arn());
        out.printf("Keys:    %s%n", context.credentialSource());
        return ExitCodes.OK;
    }

    @Command(name = "process", mixinStandardHelpOptions = true,
            description = {"Print the keys as AWS credential_process JSON (Version 1) for ~/.aws/config.",
                "This is the one command that prints the secret: the AWS CLI/SDK reads it from stdout."})
    int process(@Mixin ServiceOption serviceOption, @Mixin ConfigOption config, @Mixin EndpointOptions target,
            @Option(names = "--session", description = "Print STS GetSessionToken credentials (with Expiration) instead.")
            boolean session,
            @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "3600",
                    description = "Session length for --session, 900..129600 (default: ${DEFAULT-VALUE}).")
            int durationSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Version", 1);
        AwsKeys keys;
        if (session) {
            AwsContext context = keyringContext(serviceOption, config, target);
            if (durationSeconds < 900 || durationSeconds > 129_600) {
                throw UserError.usage("--duration must be between 900 and 129600 seconds, not " + durationSeconds);
            }
            StsCalls.Session temporary = StsCalls.sessionToken(context, durationSeconds);
            keys = temporary.keys();
            json.put("AccessKeyId", keys.accessKeyId());
            json.put("SecretAccessKey", keys.secretAccessKey());
            json.put("SessionToken", keys.sessionToken());
            json.put("Expiration", temporary.expiration().toString());
        } else {
            keys = runtime.keyring().load(service(serviceOption, config.load())).keys();
            json.put("AccessKeyId", keys.accessKeyId());
            json.put("SecretAccessKey", keys.secretAccessKey());
        }
        try {
            out().println(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new UserError(ExitCodes.SOME_FAILED, "cannot write JSON: " + e.getOriginalMessage());
        }
        return ExitCodes.OK;
    }

    /** Region and endpoint as for any AWS command, credentials from the keyring service. */
    private AwsContext keyringContext(ServiceOption serviceOption, ConfigOption configOption, EndpointOptions target) {
        AgentConfig config = configOption.load();
        AwsOverrides overrides = new AwsOverrides(target.region(), null, target.endpoint(), target.proxy());
        String service = service(serviceOption, config);
        AwsResolver resolver = runtime.awsResolver(line -> err().println(line));
        Region region;
        try {
            region = resolver.region(config, overrides);
        } catch (ConfigException noRegion) {
            if (!noRegion.getMessage().startsWith("no AWS region")) {
                throw noRegion;
            }
            region = Region.US_EAST_1; // STS answers in every region; the keys are global
        }
        KeyringCredentials.Found found = runtime.keyring().load(service);
        java.util.Optional<java.net.URI> endpoint = resolver.endpoint(overrides);
        return new AwsContext(region, endpoint, AwsResolver.provider(found.keys()),
                "keyring service '" + service + "' (" + found.store() + "), key " + found.keys().maskedAccessKeyId(),
                resolver.proxy(config, overrides, endpoint));
    }

    private static String service(ServiceOption option, AgentConfig config) {
        return checkService(option.service != null ? option.service : config.keyringService());
    }

    private static String checkService(String service) {
        if (service.isBlank()) {
            throw UserError.usage("--service must not be empty");
        }
        return service.strip();
    }

    private AwsKeys keysFromEnv() {
        String id = runtime.env().get("AWS_ACCESS_KEY_ID");
        String secret = runtime.env().get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw UserError.usage("--from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
        }
        return validated(id.strip(), secret.strip());
    }

    private AwsKeys keysFromPrompt() {
        String id = runtime.prompter().readLine("AWS access key id: ");
        if (id == null || id.isBlank()) {
            throw UserError.usage("no access key id given");
        }
        char[] secret = runtime.prompter().readSecret("AWS secret access key (not shown): ");
        if (secret == null || secret.length == 0) {
            throw UserError.usage("no secret access key given");
        }
        try {
            return validated(id.strip(), new String(secret).strip());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static AwsKeys validated(String id, String secret) {
        if (!KEY_ID.matcher(id).matches()) {
            throw UserError.usage("'" + AwsKeys.mask(id) + "' does not look like an AWS access key id"
                    + " (16+ capital letters and digits, e.g. AKIA...)");
        }
        if (secret.chars().anyMatch(Character::isWhitespace)) {
            throw UserError.usage("the secret access key contains spaces; paste it again");
        }
        return new AwsKeys(id, secret);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

package com.rmi360.agent.cli;

import java.net.URI;
import java.nio.file.Path;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsOverrides;
import com.rmi360.agent.aws.AwsResolver;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ConfigLoader;

import picocli.CommandLine.Option;

/**
 * The options every AWS command shares ({@code @Mixin AwsOptions aws;}): {@code --config},
 * {@code --region}, {@code --profile}, {@code --endpoint-url}. Flags win over config.yaml, which
 * wins over the environment (see {@link AwsResolver}).
 */
public final class AwsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The toolbox's config.yaml (project:, camera:, aws: keys).")
    Path config;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: config aws.region, then AWS_REGION, then the profile).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use this AWS profile (SDK default chain) instead of config's auth_mode.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send AWS requests to this URL (local S3 server, moto); default AWS_ENDPOINT_URL.")
    String endpointUrl;

    /** The flags as plain data (endpoint validated: exit 2 on a bad URL). */
    public AwsOverrides overrides() {
        URI endpoint = endpointUrl == null ? null : AwsResolver.checkEndpoint(endpointUrl, "--endpoint-url");
        return new AwsOverrides(blankToNull(region), blankToNull(profile), endpoint);
    }

    /** The parsed {@code --config} file, or {@link AgentConfig#empty()} when none was given. */
    public AgentConfig loadConfig() {
        return config == null ? AgentConfig.empty() : ConfigLoader.load(config);
    }

    /** {@code --config} as given, or null. */
    public Path configFile() {
        return config;
    }

    /** Loads the config and resolves region, endpoint and credentials in one go. */
    public AwsContext resolve(AgentRuntime runtime, java.io.PrintWriter err) {
        AgentConfig cfg = loadConfig();
        return runtime.awsResolver(line -> {
            err.println(line);
            err.flush();
        }).resolve(cfg, overrides());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

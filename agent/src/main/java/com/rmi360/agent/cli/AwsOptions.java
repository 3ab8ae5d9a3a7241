package com.rmi360.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsOverrides;
import com.rmi360.agent.aws.AwsResolver;
import com.rmi360.agent.config.AgentConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every AWS command shares ({@code @Mixin AwsOptions aws;}): {@code --config},
 * {@code --region}, {@code --profile}, {@code --endpoint-url}, {@code --proxy}. Flags win over config.yaml, which
 * wins over the environment (see {@link AwsResolver}).
 */
public final class AwsOptions {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Mixin
    EndpointOptions endpoint = new EndpointOptions();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use this AWS profile (SDK default chain) instead of config's auth_mode.")
    String profile;

    /** The flags as plain data (endpoint validated: exit 2 on a bad URL). */
    public AwsOverrides overrides() {
        return new AwsOverrides(endpoint.region(), profile == null || profile.isBlank() ? null : profile.strip(),
                endpoint.endpoint(), endpoint.proxy());
    }

    /** The parsed {@code --config} file, or {@link AgentConfig#empty()} when none was given. */
    public AgentConfig loadConfig() {
        return config.load();
    }

    /** {@code --config} as given, or null. */
    public Path configFile() {
        return config.file();
    }

    /** Resolves region, endpoint and credentials for {@code cfg}; warnings go to {@code err}. */
    public AwsContext resolve(AgentRuntime runtime, AgentConfig cfg, PrintWriter err) {
        return runtime.awsResolver(line -> {
            err.println(line);
            err.flush();
        }).resolve(cfg, overrides());
    }

    /** Loads the config and resolves region, endpoint and credentials in one go. */
    public AwsContext resolve(AgentRuntime runtime, PrintWriter err) {
        return resolve(runtime, loadConfig(), err);
    }
}

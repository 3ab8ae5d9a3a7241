package com.rmi360.agent.cli;

import java.nio.file.Path;

import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ConfigLoader;

import picocli.CommandLine.Option;

/** {@code --config FILE} ({@code @Mixin ConfigOption config;}); part of {@link AwsOptions}. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The toolbox's config.yaml (project:, camera:, aws: keys).")
    Path config;

    /** The parsed file, or {@link AgentConfig#empty()} when none was given (exit 2 on a bad file). */
    public AgentConfig load() {
        return config == null ? AgentConfig.empty() : ConfigLoader.load(config);
    }

    /** {@code --config} as given, or null. */
    public Path file() {
        return config;
    }
}

/**
 * The rmi360 command line. {@link com.rmi360.agent.Rmi360} is the root command (main only); each
 * subcommand is one class in {@code command/} taking an {@link com.rmi360.agent.cli.AgentRuntime}
 * (environment, keyring, prompter) as its only constructor argument and writing through picocli's
 * out/err.
 *
 * <p>Building blocks for AWS commands:
 * <ul>
 * <li>{@code @Mixin AwsOptions aws;} gives {@code --config --region --profile --endpoint-url};
 *     {@code aws.loadConfig()} → {@link com.rmi360.agent.config.AgentConfig} (lazy, placeholder-aware
 *     accessors); {@code aws.resolve(runtime, config, err)} → {@link com.rmi360.agent.aws.AwsContext}
 *     (region, endpoint, credentials) for any SDK builder, or {@link com.rmi360.agent.aws.AwsClients}
 *     for sync S3/STS/EventBridge clients.</li>
 * <li>Fail with {@link com.rmi360.agent.error.UserError} (one line, exit code from
 *     {@link com.rmi360.agent.error.ExitCodes}); SDK exceptions via
 *     {@link com.rmi360.agent.aws.AwsErrors#translate}.</li>
 * </ul>
 * Packages import one way down (error < config, credentials, journal < aws < monitor < upload <
 * local < cli < command < root); only cli, command and the root know picocli. LayeringTest
 * (ArchUnit) holds the code to it.
 */
package com.rmi360.agent;

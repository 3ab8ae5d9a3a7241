package com.rmi360.agent.config;

/** Where AWS credentials come from, as config.yaml's {@code aws.auth_mode} / {@code aws.keyring_aws} say. */
public enum AuthMode {
    /** Keys from the OS keyring under {@code aws.keyring_service_name}. */
    KEYRING,
    /** Plain keys in config.yaml: development only, warned about loudly. */
    CONFIG,
    /** The SDK default chain: env, {@code --profile}/AWS_PROFILE, SSO, instance profile ({@code auth_mode: instance}). */
    DEFAULT_CHAIN
}

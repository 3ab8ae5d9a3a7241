package com.rmi360.agent.config;

/**
 * Access keys written in config.yaml ({@code auth_mode: config}, development only).
 * {@link #toString()} never shows the secret.
 */
public record PlainKeys(String accessKeyId, String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
        return "PlainKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}

package com.rmi360.agent.config;

/**
 * config.yaml's {@code project:} section, named as in the progress JSON's {@code project_info}
 * ({@code rr_name} → railroadName, {@code rr_mark} → railroadCode). Missing keys are {@code null}.
 */
public record ProjectInfo(String number, String slug, String client, String railroadName, String railroadCode,
        String description) {
}

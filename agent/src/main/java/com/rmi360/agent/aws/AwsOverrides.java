package com.rmi360.agent.aws;

import java.net.URI;

/**
 * What the command line says about AWS ({@code --region --profile --endpoint-url --proxy});
 * {@code null} means "not given". Built by {@code cli.AwsOptions#overrides()}; plain data, no picocli.
 * {@code proxy} may hold a password: never print it (see {@link HttpProxy}).
 */
public record AwsOverrides(String region, String profile, URI endpoint, String proxy) {

    public AwsOverrides(String region, String profile, URI endpoint) {
        this(region, profile, endpoint, null);
    }

    public static AwsOverrides none() {
        return new AwsOverrides(null, null, null, null);
    }

    @Override
    public String toString() {
        return "AwsOverrides[region=" + region + ", profile=" + profile + ", endpoint=" + endpoint
                + ", proxy=" + (proxy == null ? "none" : "(given)") + "]";
    }
}

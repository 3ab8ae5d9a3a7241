package com.rmi360.agent.aws;

import java.net.URI;

/**
 * What the command line says about AWS ({@code --region --profile --endpoint-url}); {@code null}
 * means "not given". Built by {@code cli.AwsOptions#overrides()}; plain data, no picocli.
 */
public record AwsOverrides(String region, String profile, URI endpoint) {

    public static AwsOverrides none() {
        return new AwsOverrides(null, null, null);
    }
}

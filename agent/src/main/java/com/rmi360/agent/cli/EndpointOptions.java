package com.rmi360.agent.cli;

import java.net.URI;

import com.rmi360.agent.aws.AwsResolver;

import picocli.CommandLine.Option;

/** {@code --region}, {@code --endpoint-url} and {@code --proxy}; part of {@link AwsOptions}. */
public final class EndpointOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: config aws.region, then AWS_REGION, then the profile).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send AWS requests to this URL (local S3 server, moto); default AWS_ENDPOINT_URL.")
    String endpointUrl;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy for every AWS request, "
            + "http://[user:password@]host:port (default: config aws.proxy, then HTTPS_PROXY/HTTP_PROXY; NO_PROXY applies).")
    String proxy;

    /** --proxy as given (may hold a password: never print it), or null. */
    public String proxy() {
        return proxy == null || proxy.isBlank() ? null : proxy.strip();
    }

    /** --region, or null. */
    public String region() {
        return region == null || region.isBlank() ? null : region.strip();
    }

    /** --endpoint-url validated (exit 2 on a bad URL), or null. */
    public URI endpoint() {
        return endpointUrl == null ? null : AwsResolver.checkEndpoint(endpointUrl, "--endpoint-url");
    }
}

package com.rmi360.agent.aws;

import java.net.URI;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Resolved AWS settings for one command run: region, optional endpoint override and credentials,
 * built by {@link AwsResolver#resolve}. Hand these to any SDK builder (e.g. the CRT S3 client:
 * {@code .region(ctx.region()).credentialsProvider(ctx.credentials())} and, when
 * {@link #endpoint()} is present, {@code .endpointOverride(uri).forcePathStyle(true)}), or use
 * {@link AwsClients} for the sync clients.
 *
 * @param region           flag, then config {@code aws.region}, then AWS_REGION/AWS_DEFAULT_REGION, then the profile
 * @param endpoint         {@code --endpoint-url}, else AWS_ENDPOINT_URL (local S3 servers, moto)
 * @param credentials      keyring keys, config keys or the SDK default chain
 * @param credentialSource where the credentials come from, for messages (never the keys themselves)
 * @param proxy            {@code --proxy}, config {@code aws.proxy} or the environment ({@link HttpProxy})
 */
public record AwsContext(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
        String credentialSource, HttpProxy proxy) {

    /** Without a proxy (local servers, tests). */
    public AwsContext(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials, String credentialSource) {
        this(region, endpoint, credentials, credentialSource, HttpProxy.NONE);
    }

    /**
     * The host a client for {@code service} ({@code s3}, {@code sts}, {@code events}) talks to: the
     * endpoint override's, else the service's regional AWS host. NO_PROXY is matched against it.
     */
    public String host(String service) {
        return endpoint.map(URI::getHost).orElse(service + "." + region.id() + ".amazonaws.com");
    }

    /** The proxy for {@code service}'s requests, or empty when there is none or NO_PROXY bypasses it. */
    public Optional<HttpProxy> proxyFor(String service) {
        return proxy.appliesTo(host(service)) ? Optional.of(proxy) : Optional.empty();
    }

    /** The same settings with another proxy. */
    public AwsContext withProxy(HttpProxy other) {
        return new AwsContext(region, endpoint, credentials, credentialSource, other);
    }

    /** Path-style bucket addressing: on for endpoint overrides (local servers have no bucket DNS). */
    public boolean pathStyle() {
        return endpoint.isPresent();
    }

    /** The same region and endpoint with other credentials. */
    public AwsContext withCredentials(AwsCredentialsProvider provider, String source) {
        return new AwsContext(region, endpoint, provider, source, proxy);
    }

    /** Applies region, credentials and the endpoint override to any SDK client builder. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}

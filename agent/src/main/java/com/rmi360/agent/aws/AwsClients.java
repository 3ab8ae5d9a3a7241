package com.rmi360.agent.aws;

import java.time.Duration;

import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the synchronous clients the agent needs (S3 for small status objects, STS, EventBridge) on
 * the JDK's URL-connection HTTP client. Each client must be closed by its caller. With an endpoint
 * override S3 uses path-style addressing and no {@code Expect: 100-continue} (moto and S3Proxy
 * mishandle it). Every client goes through the run's {@link HttpProxy} unless NO_PROXY names its host.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final AwsContext context;

    public AwsClients(AwsContext context) {
        this.context = context;
    }

    public AwsContext context() {
        return context;
    }

    /** A fresh URL-connection HTTP client with no proxy (each SDK client gets its own and closes it). */
    public static SdkHttpClient httpClient() {
        return httpClient(java.util.Optional.empty());
    }

    /**
     * A fresh URL-connection HTTP client through {@code proxy}, or straight to the endpoint when
     * empty; the SDK's own reading of the environment and system properties is off, so
     * {@link HttpProxy} alone decides (NO_PROXY included).
     */
    public static SdkHttpClient httpClient(java.util.Optional<HttpProxy> proxy) {
        ProxyConfiguration.Builder config = ProxyConfiguration.builder()
                .useEnvironmentVariablesValues(false)
                .useSystemPropertyValues(false);
        proxy.ifPresent(p -> config.endpoint(java.net.URI.create(p.display())).username(p.username()).password(p.password()));
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .proxyConfiguration(config.build())
                .build();
    }

    /**
     * Builds and closes an HTTP client, so that what each client's SSL context reads when it is built
     * (the JDK's TLS provider and trust store; the JDK keeps the trust store once loaded) is ready
     * for the clients built next: on a thread of its own while the command line is parsed, this takes
     * ~85 ms of CPU off the main thread on the way to the first object (docs/benchmarks.md). Opens no connection.
     */
    public static void warmUp() {
        httpClient().close();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofMinutes(5))
                .build();
    }

    public S3Client s3() {
        boolean local = context.endpoint().isPresent();
        return context.configure(S3Client.builder())
                .httpClient(httpClient(context.proxyFor("s3")))
                .overrideConfiguration(overrides())
                .serviceConfiguration(S3StatusStore.plainBodies(S3Configuration.builder()
                        .pathStyleAccessEnabled(local)
                        .expectContinueEnabled(!local))
                        .build())
                .build();
    }

    public StsClient sts() {
        return context.configure(StsClient.builder())
                .httpClient(httpClient(context.proxyFor("sts")))
                .overrideConfiguration(overrides())
                .build();
    }

    public EventBridgeClient eventBridge() {
        return context.configure(EventBridgeClient.builder())
                .httpClient(httpClient(context.proxyFor("events")))
                .overrideConfiguration(overrides())
                .build();
    }
}

package com.rmi360.monitor.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK v2 clients the adapters take: one region, an optional endpoint override (S3Proxy,
 * moto_server, LocalStack; S3 then uses path-style addressing), the url-connection HTTP client
 * (no Netty, no Apache), and the given or default credentials chain. Each call builds a new client;
 * the caller owns and closes it.
 *
 * <pre>{@code
 * AwsClients aws = new AwsClients("us-east-2", null, null);   // real AWS, default credentials
 * S3Client s3 = aws.s3();
 * }</pre>
 */
public final class AwsClients {

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    /**
     * @param region      e.g. "us-east-2"; required
     * @param endpoint    endpoint override, or null for the real service endpoints
     * @param credentials credentials, or null for the SDK default chain
     */
    public AwsClients(String region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = Region.of(Objects.requireNonNull(region, "region"));
        this.endpoint = endpoint;
        this.credentials = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        this.http = UrlConnectionHttpClient.builder().build();
    }

    /**
     * From a Lambda-style environment: {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}, else
     * us-east-1) and {@code AWS_ENDPOINT_URL} when set; default credentials.
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String region = firstSet(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), "us-east-1");
        String endpoint = env.get("AWS_ENDPOINT_URL");
        return new AwsClients(region, endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()), null);
    }

    /** The region clients are built for. */
    public String region() {
        return region.id();
    }

    /**
     * An S3 client: path-style with an endpoint override, cross-region bucket access otherwise; status
     * documents go as plain bodies ({@link S3StatusStore#plainBodies}).
     */
    public S3Client s3() {
        var builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .serviceConfiguration(S3StatusStore.plainBodies(S3Configuration.builder()).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        } else {
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    /** A Lambda client. */
    public LambdaClient lambda() {
        var builder = LambdaClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** An SNS client in the region of {@code topicArn} (its 4th field), else this factory's region. */
    public SnsClient sns(String topicArn) {
        String[] arn = topicArn == null ? new String[0] : topicArn.split(":");
        Region r = arn.length > 3 && !arn[3].isBlank() ? Region.of(arn[3]) : region;
        var builder = SnsClient.builder().region(r).credentialsProvider(credentials).httpClient(http);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** An EventBridge client in this factory's region. */
    public EventBridgeClient eventBridge() {
        return eventBridge(region.id());
    }

    /** An EventBridge client in {@code regionId} (null → this factory's region). */
    public EventBridgeClient eventBridge(String regionId) {
        var builder = EventBridgeClient.builder().region(regionId == null ? region : Region.of(regionId))
                .credentialsProvider(credentials).httpClient(http);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}

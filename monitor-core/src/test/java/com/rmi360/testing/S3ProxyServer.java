package com.rmi360.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import com.rmi360.monitor.s3.S3StatusStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API server (S3Proxy) on a free loopback port with signature checking on and freshly
 * generated keys. Stores in memory, or under a directory when one is given.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String REGION = "us-east-1";

    /** Attempts of {@link #client()}: one more than the JDK keeps idle connections per server. */
    static final int ATTEMPTS = 6;

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private S3ProxyServer(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** An in-memory server. */
    public static S3ProxyServer start() {
        return start(new TransientNio2BlobStore());
    }

    /** A server that keeps objects as files under {@code baseDir}. */
    public static S3ProxyServer startOnDisk(Path baseDir) {
        return start(new FilesystemNio2BlobStore(baseDir.toString()));
    }

    private static S3ProxyServer start(BlobStore store) {
        String accessKey = "AKIALOCAL" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
        String secretKey = "local-" + UUID.randomUUID() + UUID.randomUUID();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + FreePort.pick()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3ProxyServer(proxy, accessKey, secretKey);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /**
     * A synchronous SDK v2 client on this server (path-style, url-connection transport), for a
     * test's own set-up and checks. It sends plain bodies ({@link S3StatusStore#plainBodies}): S3Proxy
     * answers an aws-chunked PUT before its last bytes and closes the connection, and the client's last
     * write fails ("Error writing request body to server", seen in CI during a test's set-up; a packet
     * capture showed the order). It also makes {@value #ATTEMPTS} attempts, not the default 3, which
     * were meant for that failure before its cause was known.
     */
    public S3Client client() {
        return client(endpoint());
    }

    /** {@link #client()} reaching this server through {@code endpoint} (a proxy in front of it). */
    public S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .serviceConfiguration(S3StatusStore.plainBodies(S3Configuration.builder()).build())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS).build()))
                .build();
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}

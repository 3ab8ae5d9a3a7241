package com.rmi360.agent.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import com.rmi360.agent.aws.AwsContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An embedded S3 API server (S3Proxy 4.1, filesystem backend) on 127.0.0.1 and a free port, with
 * signature checking on and keys generated for this process only. Objects live as plain files
 * under {@code dataDir/<bucket>/<key>}, so a later run sees what an earlier one uploaded.
 * The only class in the agent that knows S3Proxy exists.
 */
public final class LocalS3 implements AutoCloseable {

    /** Region the local endpoint claims (S3Proxy checks the signature, not the region). */
    public static final Region REGION = Region.US_EAST_1;

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a server storing under {@code dataDir} (created if needed). */
    public static LocalS3 start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        SecureRandom random = new SecureRandom();
        String accessKey = "LOCAL" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(8)).substring(0, 15);
        String secretKey = HexFormat.of().formatHex(random.generateSeed(20));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the embedded S3 server did not start within 30 s");
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new IOException("the embedded S3 server did not start: " + e.getMessage(), e);
        }
        return new LocalS3(proxy, accessKey, secretKey);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** This process's generated keys (never printed). */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** Region, endpoint and credentials for the agent's AWS code: it sees an ordinary S3 endpoint. */
    public AwsContext context() {
        return new AwsContext(REGION, Optional.of(endpoint()), credentials(), "the embedded local S3 server");
    }

    /** A synchronous client on this server (path-style, url-connection, no Expect: 100-continue). */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .serviceConfiguration(c -> c.expectContinueEnabled(false))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates {@code bucket} unless it exists already. */
    public void ensureBucket(String bucket) {
        try (S3Client s3 = client()) {
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (S3Exception missing) {
                try {
                    s3.createBucket(b -> b.bucket(bucket));
                } catch (BucketAlreadyOwnedByYouException ignored) {
                    // created in between: fine
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping a loopback server at exit: nothing useful to tell the user
        }
    }
}

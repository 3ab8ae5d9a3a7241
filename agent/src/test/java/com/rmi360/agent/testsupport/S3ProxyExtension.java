package com.rmi360.agent.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One in-memory S3Proxy per test class, with an SDK client on it, for the integration tests that
 * run the agent against a real S3 API server:
 * {@code @RegisterExtension static final S3ProxyExtension server = new S3ProxyExtension();}.
 * It starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll}
 * ones, so a class can still check its runs there. It also hands out the server's keys the two ways
 * the agent takes them: a keyring for in-process runs, AWS_* variables for the packaged jar.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {

    private S3ProxyServer server;
    private S3Client s3;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = S3ProxyServer.start();
        s3 = server.client();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            s3.close();
        } finally {
            server.close();
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public String accessKey() {
        return server.accessKey();
    }

    public String secretKey() {
        return server.secretKey();
    }

    /** A synchronous client on the server, closed with it. */
    public S3Client s3() {
        return s3;
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        return server.createBucket(name);
    }

    /** A keyring holding this server's keys under {@code service}, as {@code rmi360 credentials set} stores them. */
    public MemorySecretStore keyring(String service) {
        return new MemorySecretStore()
                .put(service, KeyringCredentials.ID, server.accessKey())
                .put(service, KeyringCredentials.SECRET, server.secretKey());
    }

    /**
     * Environment for the packaged jar as a child process: this server's keys and region, and no
     * profile or shared AWS file of the machine's (a null value removes a variable, see
     * {@link Processes}); {@code tmp} holds the missing files the AWS files point at.
     */
    public Map<String, String> awsEnv(Path tmp) {
        return awsEnv(server, tmp);
    }

    /** {@link #awsEnv(Path)} for a server a test runs itself. */
    public static Map<String, String> awsEnv(S3ProxyServer server, Path tmp) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", server.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", server.secretKey());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_PROFILE", null);
        env.put("AWS_CONFIG_FILE", tmp.resolve("none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("none").toString());
        return env;
    }
}

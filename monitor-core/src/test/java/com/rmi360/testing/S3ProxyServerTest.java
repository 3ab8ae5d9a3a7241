package com.rmi360.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ProxyServerTest {

    @Test
    void storesAndReturnsObjectsOverSignedHttp() {
        try (S3ProxyServer server = S3ProxyServer.start(); S3Client s3 = server.client()) {
            server.createBucket("fixture");
            s3.putObject(b -> b.bucket("fixture").key("a/b.jpg"), RequestBody.fromString("jpeg bytes"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("fixture").key("a/b.jpg")).asUtf8String()).isEqualTo("jpeg bytes");
        }
    }

    @Test
    void theSetUpClientRidesOutOneFailedConnectionPerIdleOneTheJdkKeeps() {
        FaultPlan fiveResets = FaultPlan.builder().rate(Fault.RESET, 1.0).maxFaults(S3ProxyServer.ATTEMPTS - 1).build();
        try (S3ProxyServer server = S3ProxyServer.start();
             FaultProxy proxy = FaultProxy.start(server.endpoint(), fiveResets);
             S3Client s3 = server.client(proxy.endpoint())) {
            server.createBucket("fixture");
            s3.putObject(b -> b.bucket("fixture").key("a/b.jpg"), RequestBody.fromString("jpeg bytes"));
            assertThat(proxy.stats().faults(Fault.RESET)).isEqualTo(S3ProxyServer.ATTEMPTS - 1);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("fixture").key("a/b.jpg")).asUtf8String()).isEqualTo("jpeg bytes");
        }
    }

    @Test
    void rejectsAWrongSecret() {
        try (S3ProxyServer server = S3ProxyServer.start();
             S3Client wrong = S3Client.builder()
                     .endpointOverride(server.endpoint())
                     .region(Region.of(S3ProxyServer.REGION))
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(server.accessKey(), "not-the-secret")))
                     .forcePathStyle(true)
                     .httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            assertThatThrownBy(() -> wrong.createBucket(b -> b.bucket("nope")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }
}

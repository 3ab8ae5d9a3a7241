package com.rmi360.agent.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rmi360.agent.testsupport.S3ProxyExtension;
import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.RequestHeads;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The agent's S3 client writes status documents (heartbeat, progress, pages, machine manifests) as
 * plain bodies with their checksum in a header ({@link S3StatusStore#plainBodies}), read from the
 * request heads a {@link FaultProxy} logs in front of S3Proxy: aws-chunked bodies failed in local mode
 * on a busy machine.
 */
class AwsClientsWireIT {

    @RegisterExtension
    static final S3ProxyExtension server = new S3ProxyExtension();

    @Test
    void statusDocumentsGoAsPlainBodies() {
        String bucket = server.createBucket("agent-wire");
        List<String> puts;
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), FaultPlan.none())) {
            AwsContext ctx = new AwsContext(Region.US_EAST_1, Optional.of(proxy.endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())), "test");
            try (S3Client s3 = new AwsClients(ctx).s3()) {
                new S3StatusStore(s3).write(bucket, "status/heartbeat_P.json", "{\"at\":1}", "application/json");
            }
            puts = RequestHeads.puts(proxy.requestHeads());
        }
        assertThat(puts).hasSize(1);
        RequestHeads.assertPlainBodyWithChecksum(puts.get(0), 8);
    }
}

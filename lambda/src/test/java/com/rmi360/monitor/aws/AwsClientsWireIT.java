package com.rmi360.monitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.rmi360.monitor.s3.S3StatusStore;
import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.RequestHeads;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambdas' S3 client writes status documents as plain bodies with their checksum in a header
 * ({@link S3StatusStore#plainBodies}), read from the request heads a {@link FaultProxy} logs in front
 * of S3Proxy.
 */
class AwsClientsWireIT {

    @Test
    void statusDocumentsGoAsPlainBodies() {
        List<String> puts;
        try (S3ProxyServer server = S3ProxyServer.start();
             FaultProxy proxy = FaultProxy.start(server.endpoint(), FaultPlan.none())) {
            String bucket = server.createBucket("lambda-wire");
            try (S3Client s3 = new AwsClients("us-east-1", proxy.endpoint(), server.credentials()).s3()) {
                new S3StatusStore(s3).write(bucket, "status/progress_P.json", "{\"n\":1}", "application/json");
            }
            puts = RequestHeads.puts(proxy.requestHeads());
        }
        assertThat(puts).hasSize(1);
        RequestHeads.assertPlainBodyWithChecksum(puts.get(0), 7);
    }
}

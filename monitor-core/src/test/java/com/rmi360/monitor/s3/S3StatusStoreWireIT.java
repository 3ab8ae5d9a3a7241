package com.rmi360.monitor.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rmi360.testing.FaultPlan;
import com.rmi360.testing.FaultProxy;
import com.rmi360.testing.RequestHeads;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a status write puts on the wire through a url-connection client with the SDK's default checksums
 * and {@link S3StatusStore#plainBodies} (as the agent and the Lambda build theirs, and as
 * {@link S3ProxyServer#client(java.net.URI)} does), read from the request
 * heads a {@link FaultProxy} (no faults) logs in front of S3Proxy: one plain body of the document's
 * length, with its CRC32 in a header. Without the setting the body goes aws-chunked with the checksum
 * in a trailer, which S3Proxy answered before its last bytes (see {@link S3StatusStore#plainBodies}).
 */
class S3StatusStoreWireIT {

    private static S3ProxyServer server;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStatusDocumentGoesAsOnePlainBodyWithItsChecksumInAHeader() {
        String bucket = server.createBucket("wire");
        String page = "<html><body>é 360° " + "x".repeat(5_000) + "</body></html>";
        int bytes = page.getBytes(StandardCharsets.UTF_8).length;
        List<String> heads;
        try (FaultProxy proxy = FaultProxy.start(server.endpoint(), FaultPlan.none());
             S3Client s3 = server.client(proxy.endpoint())) {
            S3StatusStore store = new S3StatusStore(s3);
            store.write(bucket, "status/status.html", page, "text/html; charset=utf-8");
            assertThat(store.writeIfUnchanged(bucket, "status/p.json", "{}", "application/json", null)).isTrue();
            heads = RequestHeads.puts(proxy.requestHeads());
            assertThat(store.read(bucket, "status/status.html")).contains(page);
        }
        assertThat(heads).hasSize(2);
        RequestHeads.assertPlainBodyWithChecksum(heads.get(0), bytes);
        RequestHeads.assertPlainBodyWithChecksum(heads.get(1), 2);
    }
}

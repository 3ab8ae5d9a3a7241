package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The checks before the first PUT run side by side (the preflight ListObjectsV2, the leftovers'
 * ListMultipartUploads, the transport's build): a failed preflight must still be the run's only
 * line, and a killed run's multipart upload must still be aborted while this run's own are not.
 */
class StartupChecksIT {

    static S3ProxyServer server;
    static S3Client s3;
    static CountingProxy proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = S3ProxyServer.start();
        s3 = server.client();
        proxy = new CountingProxy(server.endpoint(), 0);
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        s3.close();
        server.close();
    }

    private CliRun.Result upload(String bucket, Path src, Path state) throws IOException {
        CliRun cli = CliRun.with().store(new MemorySecretStore()
                .put("rmi360-test", KeyringCredentials.ID, server.accessKey())
                .put("rmi360-test", KeyringCredentials.SECRET, server.secretKey()));
        return cli.run("upload", "--config", UploadIT.config(tmp, bucket, "START").toString(), "--endpoint-url",
                proxy.endpoint().toString(), "--no-monitor", "--progress", "none", "--state-dir", state.toString(),
                src.toString());
    }

    @Test
    void aMissingBucketIsTheOnlyLineExitTwoAndNothingIsWritten() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("START"));
        UploadTree.file(src, "a.jpg", 1000, 1);
        UploadTree.file(src, "big.jpg", 20 << 20, 2); // a multipart file: the CRT transport is being built
        Path state = tmp.resolve("state");
        proxy.resetCount();
        CliRun.Result r = upload("no-such-bucket", src, state);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        // no warning of the leftovers' listing, which failed beside the preflight, nor anything else
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly("rmi360: bucket no-such-bucket does not exist");
        assertThat(r.out()).isBlank();
        assertThat(proxy.requests()).as("the preflight and the leftovers' listing only").isLessThanOrEqualTo(2);
        assertThat(Files.exists(state) ? listAll(state) : Stream.<Path>empty()).as("no journal nor log").isEmpty();
    }

    @Test
    void aKilledRunsMultipartUploadIsAbortedAndThisRunsOwnAreNot() throws IOException {
        String bucket = server.createBucket("leftovers");
        String leftover = s3.createMultipartUpload(b -> b.bucket(bucket).key("START/gone.jpg")).uploadId();
        s3.uploadPart(b -> b.bucket(bucket).key("START/gone.jpg").uploadId(leftover).partNumber(1),
                RequestBody.fromBytes(new byte[1000]));
        String elsewhere = s3.createMultipartUpload(b -> b.bucket(bucket).key("OTHER/x.jpg")).uploadId();
        Path src = Files.createDirectories(tmp.resolve("START"));
        UploadTree.file(src, "a.jpg", 1000, 1);
        UploadTree.file(src, "big1.jpg", 20 << 20, 2);
        UploadTree.file(src, "big2.jpg", 18 << 20, 3);

        CliRun.Result r = upload(bucket, src, tmp.resolve("state"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("3 uploaded");
        UploadIT.assertBucketEqualsSource(s3, bucket, "START", src);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
                .as("the leftover under the prefix aborted, the upload under another prefix kept")
                .extracting(u -> u.uploadId()).containsExactly(elsewhere);
    }

    private static Stream<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList().stream();
        }
    }
}

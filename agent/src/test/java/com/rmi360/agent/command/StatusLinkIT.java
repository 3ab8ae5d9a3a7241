package com.rmi360.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.monitor.model.CloudInfo;
import com.rmi360.monitor.model.DetailPage;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.testing.S3ProxyServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code rmi360 status --link} against S3Proxy, which checks SigV4 query signatures as S3 does:
 * the link opens the private page with no credentials, an unsigned or altered one does not.
 */
class StatusLinkIT {

    private static S3ProxyServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.createBucket("linked");
        ProgressDocument doc = ProgressDocument.start("ABC25101", null, null, new CloudInfo("linked", "ABC25101", "us-east-1"),
                10, 0, Instant.parse("2026-11-28T12:00:00Z"));
        try (S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket("linked").key("status/ABC25101.html").contentType("text/html; charset=utf-8"),
                    RequestBody.fromString(DetailPage.render(doc, Instant.parse("2026-11-28T12:00:00Z"))));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CliRun.Result status(String... extra) throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: ABC25101, client: Client, rr_name: Rail, rr_mark: RR}
                aws: {region: us-east-1, s3_bucket: linked, auth_mode: keyring, keyring_service_name: rmi360-link}
                """);
        String[] args = new String[extra.length + 5];
        args[0] = "status";
        args[1] = "--config";
        args[2] = cfg.toString();
        args[3] = "--endpoint-url";
        args[4] = server.endpoint().toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.with().store(new MemorySecretStore()
                .put("rmi360-link", KeyringCredentials.ID, server.accessKey())
                .put("rmi360-link", KeyringCredentials.SECRET, server.secretKey())).run(args);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLinkOpensThePrivatePageWithoutCredentialsAndNothingElse() throws Exception {
        CliRun.Result run = status("--link");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String url = run.out().strip();
        assertThat(url).startsWith(server.endpoint() + "/linked/status/ABC25101.html?")
                .contains("X-Amz-Expires=604800", "X-Amz-Signature=").doesNotContain(server.secretKey());
        assertThat(run.err()).contains("works until", "7 days is the most a presigned URL allows");

        HttpResponse<String> page = get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ABC25101", "All projects: status/status.html in the bucket").doesNotContain("href=\"status");

        assertThat(get(url.substring(0, url.indexOf('?'))).statusCode()).isEqualTo(403);
        assertThat(get(url.replace("ABC25101.html", "status.html")).statusCode()).isEqualTo(403);
    }

    @Test
    void expiresSetsTheLinksLifetimeAndBeyondSevenDaysIsAUsageError() throws Exception {
        CliRun.Result hour = status("--link", "--expires", "1h");
        assertThat(hour.exitCode()).as(hour.toString()).isZero();
        assertThat(hour.out()).contains("X-Amz-Expires=3600");
        assertThat(get(hour.out().strip()).statusCode()).isEqualTo(200);

        CliRun.Result tooLong = status("--link", "--expires", "8d");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--expires must be between 1 second and 7d").contains("8d");
        assertThat(tooLong.out()).isEmpty();

        CliRun.Result garbled = status("--link", "--expires", "soon");
        assertThat(garbled.exitCode()).isEqualTo(2);
        assertThat(garbled.err()).contains("'soon' is not a duration such as 7d");
    }

    @Test
    void aProjectWithoutAPageYetSaysSo() throws Exception {
        CliRun.Result run = status("--link", "--slug", "NOPAGE1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no page s3://linked/status/NOPAGE1.html yet");
        assertThat(run.out()).isEmpty();
    }
}

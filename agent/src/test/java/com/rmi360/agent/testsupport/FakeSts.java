package com.rmi360.agent.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny STS stand-in on loopback for in-process tests: answers GetCallerIdentity and
 * GetSessionToken, or a chosen error; records each request's Authorization header and body.
 */
public final class FakeSts implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String ARN = "arn:aws:iam::123456789012:user/project-deployer";
    public static final String SESSION_KEY_ID = "ASIAFAKESESSION00001";
    public static final String SESSION_SECRET = "fake-session-secret-0000000000000000000";
    public static final String SESSION_TOKEN = "fake-session-token";
    public static final String EXPIRATION = "2030-01-02T03:04:05Z";

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int errorStatus;
    private volatile String errorCode;

    public FakeSts() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            bodies.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status = 200;
            String xml;
            if (errorCode != null) {
                status = errorStatus;
                xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>" + errorCode + "</Code><Message>The request was rejected.</Message></Error>"
                        + "<RequestId>fake</RequestId></ErrorResponse>";
            } else if (body.contains("Action=GetSessionToken")) {
                xml = "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetSessionTokenResult>"
                        + "<Credentials><AccessKeyId>" + SESSION_KEY_ID + "</AccessKeyId><SecretAccessKey>" + SESSION_SECRET
                        + "</SecretAccessKey><SessionToken>" + SESSION_TOKEN + "</SessionToken><Expiration>" + EXPIRATION
                        + "</Expiration></Credentials></GetSessionTokenResult>"
                        + "<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetSessionTokenResponse>";
            } else {
                xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                        + "<Arn>" + ARN + "</Arn><UserId>AIDAFAKEUSER</UserId><Account>" + ACCOUNT + "</Account>"
                        + "</GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>"
                        + "</GetCallerIdentityResponse>";
            }
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** From now on every call fails with this HTTP status and STS error code. */
    public FakeSts failWith(int status, String code) {
        this.errorStatus = status;
        this.errorCode = code;
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<String> authorizations() {
        return authorizations;
    }

    public List<String> bodies() {
        return bodies;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

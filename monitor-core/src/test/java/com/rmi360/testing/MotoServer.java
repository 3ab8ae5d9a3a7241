package com.rmi360.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code moto_server} (local S3/IAM/STS/Lambda/EventBridge/Logs API) on a free loopback port,
 * started for one test class and stopped on {@link #close()}. Use inside try-with-resources or a
 * static {@code @BeforeAll}/{@code @AfterAll} pair.
 */
public final class MotoServer implements AutoCloseable {

    /** Any key works with moto; these are recognisable fakes, never real credentials. */
    public static final String ACCESS_KEY = "AKIAMOTOTESTKEY00000";
    public static final String SECRET_KEY = "moto-test-secret-not-real-0000000000000";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto_server, or fails/skips the test (see {@link RequiredTool}) when it is not installed. */
    public static MotoServer start() {
        Path executable = RequiredTool.require("moto_server");
        int port = FreePort.pick();
        try {
            Path log = Files.createTempFile("moto-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            builder.environment().put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            builder.environment().put("AWS_DEFAULT_REGION", REGION);
            MotoServer server = new MotoServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
            server.awaitListening(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited early: " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort())) {
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        close();
        throw new IOException("moto_server did not listen on " + endpoint + " within " + timeout.toSeconds() + " s");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a test server that counts HTTP requests (request lines seen on
 * the client side) and can throttle the client-to-server byte rate, to make uploads slow enough
 * to interrupt. Test support only.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private final AtomicLong requests = new AtomicLong();
    private volatile long bytesPerSecond;

    CountingProxy(URI target, long bytesPerSecond) throws IOException {
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    long requests() {
        return requests.get();
    }

    void resetCount() {
        requests.set(0);
    }

    void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                start(() -> pump(client, upstream, true));
                start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, boolean request) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (request) {
                    countRequestLines(buf, n);
                    long rate = bytesPerSecond;
                    if (rate > 0) {
                        Thread.sleep(Math.max(1, n * 1000L / rate));
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void countRequestLines(byte[] buf, int n) {
        String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        int idx = 0;
        while ((idx = text.indexOf(" HTTP/1.1\r\n", idx)) >= 0) {
            int lineStart = text.lastIndexOf('\n', idx) + 1;
            String line = text.substring(lineStart, idx);
            if (line.matches("(GET|PUT|POST|HEAD|DELETE) \\S+")) {
                requests.incrementAndGet();
            }
            idx += 10;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.StatusStore;

class StatusPageServerTest {

    /** An in-memory bucket. */
    static final class MemoryStore implements StatusStore {
        final Map<String, String> objects = new ConcurrentHashMap<>();

        @Override
        public Optional<String> read(String bucket, String key) {
            return Optional.ofNullable(objects.get(bucket + "/" + key));
        }

        @Override
        public void write(String bucket, String key, String body, String contentType) {
            objects.put(bucket + "/" + key, body);
        }

        @Override
        public List<String> keys(String bucket, String prefix) {
            return new ArrayList<>(objects.keySet());
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusPageServer server;

    @BeforeEach
    void start() throws IOException {
        store.write("b", "status/status.html", "<html>index</html>", StatusStore.HTML);
        store.write("b", "status/P1.html", "<html>P1</html>", StatusStore.HTML);
        store.write("b", "status/progress_P1.json", "{\"count\":1}", StatusStore.JSON);
        store.write("b", "P1/img.jpg", "secret image bytes", "image/jpeg");
        store.write("b", "status/secret.txt", "not a page", "text/plain");
        server = StatusPageServer.start(store, "b");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesStatusPagesAnonymouslyWithNoCacheAndALockedDownPolicy() throws Exception {
        HttpResponse<String> page = get("/status/P1.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<html>P1</html>");
        assertThat(page.headers().firstValue("Content-Type")).hasValue(StatusStore.HTML);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(StatusPageServer.CSP);
        HttpResponse<String> json = get("/status/progress_P1.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue(StatusStore.JSON);
        assertThat(server.url("status/P1.html").toString()).isEqualTo(server.base() + "/status/P1.html");
    }

    @Test
    void rootRedirectsToTheIndex() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/status/status.html");
    }

    @Test
    void servesNothingOutsideStatusPagesAndJson() throws Exception {
        assertThat(get("/P1/img.jpg").statusCode()).isEqualTo(404);
        assertThat(get("/status/secret.txt").statusCode()).isEqualTo(404);
        assertThat(get("/status/../P1/img.jpg").statusCode()).isEqualTo(404);
        assertThat(get("/status/%2e%2e%2fP1%2fimg.jpg").statusCode()).isEqualTo(404);
        assertThat(get("/status/missing.html").statusCode()).isEqualTo(404);
    }

    @Test
    void isReadOnly() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/status/P1.html"))
                .PUT(HttpRequest.BodyPublishers.ofString("<script>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(store.read("b", "status/P1.html")).hasValue("<html>P1</html>");
    }
}

package com.rmi360.monitor.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.rmi360.monitor.model.ObjectEntry;
import com.rmi360.monitor.model.ObjectListing;
import com.rmi360.monitor.model.StatusStore;

/** One bucket in memory as both ports: objects listed by prefix, status objects read and written. */
final class MemoryPorts implements ObjectListing, StatusStore {

    final Map<String, String> objects = new TreeMap<>();
    RuntimeException listingFails;

    void putImages(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            objects.put(prefix + "/IMG_" + i + ".jpg", "0123456789");
        }
    }

    @Override
    public int list(String bucket, String prefix, Consumer<ObjectEntry> sink) {
        if (listingFails != null) {
            throw listingFails;
        }
        objects.forEach((key, body) -> {
            if (key.startsWith(prefix == null ? "" : prefix)) {
                sink.accept(new ObjectEntry(key, body.length(), null));
            }
        });
        return 1;
    }

    @Override
    public Optional<String> read(String bucket, String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public void write(String bucket, String key, String body, String contentType) {
        objects.put(key, body);
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        objects.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        return keys;
    }
}

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
    final Map<String, Integer> versions = new TreeMap<>();
    RuntimeException listingFails;
    /** Runs just before a conditional write compares versions: another writer's turn. */
    Runnable beforeConditionalWrite = () -> { };

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
    public Optional<Versioned> readVersioned(String bucket, String key) {
        return read(bucket, key).map(text -> new Versioned(text, String.valueOf(versions.get(key))));
    }

    @Override
    public void write(String bucket, String key, String body, String contentType) {
        objects.put(key, body);
        versions.merge(key, 1, Integer::sum);
    }

    @Override
    public boolean writeIfUnchanged(String bucket, String key, String body, String contentType, String version) {
        beforeConditionalWrite.run();
        String current = objects.containsKey(key) ? String.valueOf(versions.get(key)) : null;
        if (!java.util.Objects.equals(current, version)) {
            return false;
        }
        write(bucket, key, body, contentType);
        return true;
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        objects.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        return keys;
    }
}

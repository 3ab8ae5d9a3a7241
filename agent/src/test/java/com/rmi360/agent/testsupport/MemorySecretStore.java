package com.rmi360.agent.testsupport;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.rmi360.agent.credentials.SecretStore;

/** An in-memory keyring for in-process tests; counts opens and closes so tests can assert every store is closed. */
public final class MemorySecretStore implements SecretStore.Opener {

    private final Map<String, String> items = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    public MemorySecretStore put(String service, String account, String secret) {
        items.put(service + "\u0000" + account, secret);
        return this;
    }

    public Optional<String> get(String service, String account) {
        return Optional.ofNullable(items.get(service + "\u0000" + account));
    }

    public int size() {
        return items.size();
    }

    public int openCount() {
        return opened.get();
    }

    public int closeCount() {
        return closed.get();
    }

    @Override
    public SecretStore open() {
        opened.incrementAndGet();
        return new SecretStore() {
            @Override
            public Optional<String> read(String service, String account) {
                return get(service, account);
            }

            @Override
            public void write(String service, String account, String secret) {
                put(service, account, secret);
            }

            @Override
            public boolean delete(String service, String account) {
                return items.remove(service + "\u0000" + account) != null;
            }

            @Override
            public String description() {
                return "test keyring";
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}

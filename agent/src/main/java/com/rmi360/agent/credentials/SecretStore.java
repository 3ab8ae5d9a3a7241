package com.rmi360.agent.credentials;

import java.util.Optional;

import com.rmi360.agent.error.CredentialsException;

/**
 * A place to keep secrets by service and account: the OS keyring ({@link OsKeyringStore}) or, in
 * tests, a map. Open one per command and close it (try-with-resources): an open keyring keeps D-Bus
 * threads alive and the JVM from exiting. Every failure is a {@link CredentialsException}.
 */
public interface SecretStore extends AutoCloseable {

    /** The secret stored under service + account, in any spelling this store can read. */
    Optional<String> read(String service, String account);

    /** Stores (creates or replaces) the secret. */
    void write(String service, String account, String secret);

    /** Removes every item for service + account; false when there was none. */
    boolean delete(String service, String account);

    /** Where the secrets live, for messages: {@code Secret Service (gnome-keyring)}. */
    String description();

    @Override
    void close();

    /** Opens a store; the production one is {@link OsKeyringStore#open()}. */
    @FunctionalInterface
    interface Opener {
        SecretStore open();
    }
}

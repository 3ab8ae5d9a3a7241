package com.rmi360.agent.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.rmi360.agent.error.CredentialsException;

/**
 * AWS keys in the OS keyring under one service name, compatible with the Python toolbox:
 * written as accounts {@value #ID} / {@value #SECRET}; read from those or from the seed guide's
 * {@value #ID_UPPER} / {@value #SECRET_UPPER} (and, on Linux, from items Python keyring wrote).
 * Opens the store per call and always closes it.
 */
public final class KeyringCredentials {

    public static final String ID = "aws_access_key_id";
    public static final String SECRET = "aws_secret_access_key";
    public static final String ID_UPPER = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_UPPER = "AWS_SECRET_ACCESS_KEY";

    private final SecretStore.Opener opener;

    public KeyringCredentials(SecretStore.Opener opener) {
        this.opener = opener;
    }

    /** What was found for a service: the keys, and the accounts they came from. */
    public record Found(AwsKeys keys, String idAccount, String secretAccount, String store) {
    }

    /** The keys under {@code service}, or a {@link CredentialsException} saying what is missing. */
    public Found load(String service) {
        try (SecretStore store = opener.open()) {
            return find(store, service).orElseThrow(() -> new CredentialsException(
                    "no AWS keys in the keyring under service '" + service + "' (run `rmi360 credentials set --service "
                            + service + "`)"));
        }
    }

    /** The keys under {@code service} if both halves are there. */
    public Optional<Found> find(String service) {
        try (SecretStore store = opener.open()) {
            return find(store, service);
        }
    }

    private static Optional<Found> find(SecretStore store, String service) {
        String idAccount = ID;
        Optional<String> id = store.read(service, ID);
        if (id.isEmpty()) {
            idAccount = ID_UPPER;
            id = store.read(service, ID_UPPER);
        }
        String secretAccount = SECRET;
        Optional<String> secret = store.read(service, SECRET);
        if (secret.isEmpty()) {
            secretAccount = SECRET_UPPER;
            secret = store.read(service, SECRET_UPPER);
        }
        if (id.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty() || secret.isEmpty()) {
            throw new CredentialsException("the keyring has only the " + (id.isEmpty() ? "secret access key" : "access key id")
                    + " under service '" + service + "' (run `rmi360 credentials set --service " + service + "`)");
        }
        return Optional.of(new Found(new AwsKeys(id.get().strip(), secret.get().strip()), idAccount, secretAccount,
                store.description()));
    }

    /** Stores the pair under the toolbox's lowercase account names; returns the store's description. */
    public String save(String service, AwsKeys keys) {
        try (SecretStore store = opener.open()) {
            store.write(service, ID, keys.accessKeyId());
            store.write(service, SECRET, keys.secretAccessKey());
            return store.description();
        }
    }

    /** Deletes every spelling under {@code service}; returns the accounts that were removed. */
    public List<String> delete(String service) {
        List<String> removed = new ArrayList<>();
        try (SecretStore store = opener.open()) {
            for (String account : List.of(ID, SECRET, ID_UPPER, SECRET_UPPER)) {
                if (store.delete(service, account)) {
                    removed.add(account);
                }
            }
        }
        return removed;
    }
}

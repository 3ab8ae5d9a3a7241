package com.rmi360.agent.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.rmi360.agent.error.CredentialsException;

import org.freedesktop.dbus.ObjectPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.secret.Collection;
import org.freedesktop.secret.Item;
import org.freedesktop.secret.Pair;
import org.freedesktop.secret.Secret;
import org.freedesktop.secret.Service;
import org.freedesktop.secret.Session;
import org.freedesktop.secret.TransportEncryption;

/**
 * A direct Secret Service (D-Bus) session, used on Linux next to java-keyring for what it cannot do:
 * tell "no D-Bus", "no Secret Service" and "locked collection" apart before java-keyring trips over
 * them (it throws NullPointerException or waits on a prompt), and read/delete items by any attribute
 * set, such as Python keyring's {@code service} + {@code username}.
 * <p>Uses de.swiesend secret-service (java-keyring's own backend library) on a private, unshared
 * connection that {@link #close()} always closes.
 */
final class LinuxSecretService implements AutoCloseable {

    private final DBusConnection connection;
    private final TransportEncryption transport;
    private final Service service;
    private final Session session;

    private LinuxSecretService(DBusConnection connection, TransportEncryption transport) {
        this.connection = connection;
        this.transport = transport;
        this.service = transport.getService();
        this.session = service.getSession();
    }

    /** Connects to the session bus and opens an encrypted Secret Service session, or says clearly why not. */
    static LinuxSecretService open(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            throw new CredentialsException("no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session;"
                    + " run inside a desktop session or `dbus-run-session`, with gnome-keyring or KeePassXC)");
        }
        DBusConnection connection;
        try {
            connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        } catch (Exception | LinkageError e) {
            throw new CredentialsException("no Secret Service: cannot connect to the D-Bus session bus ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        try {
            TransportEncryption transport = new TransportEncryption(connection);
            transport.initialize();
            if (!transport.openSession()) {
                throw new IllegalStateException("OpenSession refused");
            }
            transport.generateSessionKey();
            LinuxSecretService secrets = new LinuxSecretService(connection, transport);
            if (secrets.session == null) {
                throw new IllegalStateException("no session");
            }
            return secrets;
        } catch (Exception e) {
            closeQuietly(connection);
            throw new CredentialsException("no Secret Service on the D-Bus session bus (is gnome-keyring-daemon"
                    + " or another org.freedesktop.secrets provider running?)", e);
        }
    }

    /** Fails with one clear line when the default collection is missing or locked. */
    void requireUnlockedDefaultCollection() {
        ObjectPath path = service.readAlias("default");
        if (path == null || "/".equals(path.getPath())) {
            throw new CredentialsException("the Secret Service has no default keyring collection"
                    + " (create one, e.g. by unlocking gnome-keyring with a password)");
        }
        Collection collection = new Collection(path, service);
        if (collection.isLocked()) {
            throw new CredentialsException("the keyring collection '" + label(collection)
                    + "' is locked; unlock it (log in to the desktop session or run"
                    + " `gnome-keyring-daemon --unlock`) and try again");
        }
    }

    private static String label(Collection collection) {
        try {
            String label = collection.getLabel();
            return label == null || label.isBlank() ? collection.getId() : label;
        } catch (RuntimeException e) {
            return "default";
        }
    }

    /** The secret of the first unlocked item with exactly these attributes (among others). */
    Optional<String> find(Map<String, String> attributes) {
        List<ObjectPath> unlocked = search(attributes, true);
        for (ObjectPath path : unlocked) {
            Item item = new Item(path, service);
            try (Secret secret = item.getSecret(session.getPath())) {
                if (secret == null) {
                    continue;
                }
                char[] plain = transport.decrypt(secret);
                if (plain != null) {
                    String value = new String(plain);
                    java.util.Arrays.fill(plain, '\0');
                    return Optional.of(value);
                }
            } catch (Exception e) {
                throw new CredentialsException("cannot decrypt a keyring item (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return Optional.empty();
    }

    /**
     * Makes the item java-keyring just wrote under service + account the one Python keyring finds too:
     * adds {@code username = account} to it and deletes older items that only Python keyring wrote
     * (same service + username, no {@code account}), which the new secret supersedes.
     */
    void shareWithPythonKeyring(String serviceName, String account) {
        for (ObjectPath path : search(Map.of("service", serviceName, "username", account), true)) {
            Item item = new Item(path, service);
            Map<String, String> attributes = item.getAttributes();
            if (attributes != null && !account.equals(attributes.get("account"))) {
                item.delete();
            }
        }
        for (ObjectPath path : search(Map.of("service", serviceName, "account", account), true)) {
            Item item = new Item(path, service);
            Map<String, String> attributes = item.getAttributes();
            if (attributes != null && !account.equals(attributes.get("username"))) {
                Map<String, String> merged = new java.util.HashMap<>(attributes);
                merged.put("username", account);
                item.setAttributes(merged);
            }
        }
    }

    /** Deletes every unlocked item with these attributes; returns how many. */
    int delete(Map<String, String> attributes) {
        int deleted = 0;
        for (ObjectPath path : search(attributes, true)) {
            ObjectPath prompt = new Item(path, service).delete();
            if (prompt != null && "/".equals(prompt.getPath())) {
                deleted++;
            }
        }
        return deleted;
    }

    private List<ObjectPath> search(Map<String, String> attributes, boolean failIfOnlyLocked) {
        Pair<List<ObjectPath>, List<ObjectPath>> found = service.searchItems(attributes);
        if (found == null) {
            throw new CredentialsException("the Secret Service did not answer a search (is the keyring locked?)");
        }
        List<ObjectPath> unlocked = found.a == null ? List.of() : new ArrayList<>(found.a);
        List<ObjectPath> locked = found.b == null ? List.of() : found.b;
        if (unlocked.isEmpty() && !locked.isEmpty() && failIfOnlyLocked) {
            throw new CredentialsException("the keyring item for " + attributes.get("service")
                    + " is in a locked collection; unlock the keyring and try again");
        }
        return unlocked;
    }

    /** Which daemon provides the service, for messages. */
    String provider() {
        return "Secret Service";
    }

    @Override
    public void close() {
        try {
            transport.clear();
            if (session != null) {
                session.close();
            }
        } catch (RuntimeException ignored) {
            // closing the connection below ends the session anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(DBusConnection connection) {
        try {
            connection.close();
        } catch (Exception ignored) {
            // nothing more to do
        }
    }
}

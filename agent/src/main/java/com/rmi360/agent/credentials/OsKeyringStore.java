package com.rmi360.agent.credentials;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.rmi360.agent.error.CredentialsException;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

/**
 * The OS keyring through java-keyring (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows). On Linux a direct {@link LinuxSecretService} session is opened first, so that
 * "no D-Bus", "no Secret Service" and "locked collection" each give one clear line instead of
 * java-keyring's NullPointerException or prompt wait, and so that items written by Python keyring
 * (attributes {@code service} + {@code username}) are found too. Items written here also get a
 * {@code username} attribute, so the Python toolbox reads the same item.
 */
public final class OsKeyringStore implements SecretStore {

    private final Keyring keyring;
    private final LinuxSecretService linux;
    /** Items the Python toolbox wrote on Windows (target {@code <service>} or {@code <account>@<service>}); null elsewhere. */
    private final PythonWinVault windows;

    private OsKeyringStore(Keyring keyring, LinuxSecretService linux, PythonWinVault windows) {
        this.keyring = keyring;
        this.linux = linux;
        this.windows = windows;
    }

    /** Opens the keyring of this OS with the process environment. */
    public static SecretStore open() {
        return open(System.getenv());
    }

    /** Opens the keyring; {@code env} supplies DBUS_SESSION_BUS_ADDRESS on Linux. */
    public static SecretStore open(Map<String, String> env) {
        LinuxSecretService linux = null;
        if (isLinux()) {
            linux = LinuxSecretService.open(env);
            try {
                linux.requireUnlockedDefaultCollection();
            } catch (RuntimeException e) {
                linux.close();
                throw e;
            }
        }
        try {
            Keyring keyring = Keyring.create();
            PythonWinVault windows = isWindows() ? new PythonWinVault(new WinCredReader()) : null;
            return new OsKeyringStore(keyring, linux, windows);
        } catch (BackendNotSupportedException | RuntimeException e) {
            if (linux != null) {
                linux.close();
            }
            throw new CredentialsException("no usable OS keyring (" + describe(e) + ")", e);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    static boolean isLinux() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") || os.contains("bsd");
    }

    @Override
    public Optional<String> read(String service, String account) {
        try {
            String secret = keyring.getPassword(service, account);
            if (secret != null && !secret.isEmpty()) {
                return Optional.of(secret);
            }
        } catch (PasswordAccessException e) {
            if (!isNotFound(e)) {
                throw failure("read", service, account, e);
            }
            // not stored under java-keyring's attributes; try Python keyring's below
        } catch (RuntimeException e) {
            throw failure("read", service, account, e);
        }
        if (linux != null) {
            return linux.find(pythonAttributes(service, account));
        }
        if (windows != null) {
            return windows.find(service, account);
        }
        return Optional.empty();
    }

    @Override
    public void write(String service, String account, String secret) {
        try {
            keyring.setPassword(service, account, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw failure("write", service, account, e);
        }
        if (linux != null) {
            // One item both libraries find: java-keyring searches service+account, Python keyring service+username.
            linux.shareWithPythonKeyring(service, account);
        }
    }

    @Override
    public boolean delete(String service, String account) {
        boolean deleted = false;
        try {
            keyring.deletePassword(service, account);
            deleted = true;
        } catch (PasswordAccessException e) {
            if (!isNotFound(e)) {
                throw failure("delete", service, account, e);
            }
        } catch (RuntimeException e) {
            throw failure("delete", service, account, e);
        }
        if (linux != null) {
            deleted |= linux.delete(pythonAttributes(service, account)) > 0;
        }
        return deleted;
    }

    private static boolean isNotFound(PasswordAccessException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        // Secret Service: "No stored credentials match ..."; Keychain/Credential Manager: "not found" / "Element not found".
        return message.contains("no stored credentials") || message.contains("not found")
                || message.contains("could not be found") || message.contains("-25300");
    }

    /** The attributes Python keyring's SecretService backend writes and searches by. */
    static Map<String, String> pythonAttributes(String service, String account) {
        return Map.of("service", service, "username", account);
    }

    @Override
    public String description() {
        return switch (keyring.getKeyringStorageType()) {
            case GNOME_KEYRING -> "Secret Service";
            case KWALLET -> "KWallet";
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            default -> String.valueOf(keyring.getKeyringStorageType());
        };
    }

    private static CredentialsException failure(String action, String service, String account, Exception e) {
        String why = e instanceof NullPointerException
                ? "the keyring collection is locked or missing"
                : describe(e);
        return new CredentialsException("cannot " + action + " keyring item " + service + "/" + account + ": " + why, e);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception ignored) {
            // best effort: the connection is gone either way
        } finally {
            if (linux != null) {
                linux.close();
            }
        }
    }
}

package com.rmi360.agent.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds, on the Windows Credential Manager, items the Python toolbox wrote with Python keyring's
 * {@code WinVaultKeyring}. That backend keeps one generic credential per service: target name
 * {@code <service>} with the last account written as its UserName; an earlier account of the same
 * service moves to target {@code <account>@<service>}. The blob is the secret in UTF-16LE (Python
 * keyring falls back to UTF-8 for blobs others wrote). java-keyring reads target
 * {@code <service>|<account>} only, so without this lookup the agent would not see them (see
 * docs/credentials.md). The reading itself is a {@link Reader}: {@link WinCredReader} on Windows.
 */
final class PythonWinVault {

    /** One generic credential as CredRead returns it. */
    record Credential(String userName, byte[] blob) {
    }

    /** Reads a generic credential by target name; empty when there is none. */
    @FunctionalInterface
    interface Reader {
        Optional<Credential> read(String target);
    }

    private final Reader reader;

    PythonWinVault(Reader reader) {
        this.reader = reader;
    }

    /** The secret of {@code account} under {@code service}, as Python keyring's get_password finds it. */
    Optional<String> find(String service, String account) {
        Optional<Credential> plain = reader.read(service);
        if (plain.isPresent() && account.equals(plain.get().userName())) {
            return decode(plain.get().blob());
        }
        return reader.read(account + "@" + service).flatMap(c -> decode(c.blob()));
    }

    /** UTF-16LE, else UTF-8 (as Python keyring reads); empty for an empty or undecodable blob. */
    static Optional<String> decode(byte[] blob) {
        if (blob == null || blob.length == 0) {
            return Optional.empty();
        }
        for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_8}) {
            try {
                String s = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(blob)).toString();
                return s.isEmpty() ? Optional.empty() : Optional.of(s);
            } catch (CharacterCodingException e) {
                // try the next one
            }
        }
        return Optional.empty();
    }
}

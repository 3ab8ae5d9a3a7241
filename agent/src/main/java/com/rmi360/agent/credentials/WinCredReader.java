package com.rmi360.agent.credentials;

import java.util.Optional;

import com.github.javakeyring.internal.windows.CREDENTIAL;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.ptr.PointerByReference;

/**
 * CredReadA on Windows through JNA, with java-keyring's CREDENTIAL layout: the binding under
 * {@link PythonWinVault}. UNTESTED: it cannot run here (no Windows); only the lookup rules above it
 * are tested, on a stand-in reader.
 */
final class WinCredReader implements PythonWinVault.Reader {

    private static final int CRED_TYPE_GENERIC = 1;

    /** The advapi32 calls this reader makes. */
    interface Advapi32 extends Library {
        boolean CredReadA(String target, DWORD type, DWORD flags, PointerByReference credential);

        void CredFree(Pointer credential);
    }

    private final Advapi32 advapi32 = Native.load("Advapi32", Advapi32.class);

    @Override
    public Optional<PythonWinVault.Credential> read(String target) {
        PointerByReference ref = new PointerByReference();
        if (!advapi32.CredReadA(target, new DWORD(CRED_TYPE_GENERIC), new DWORD(0), ref)) {
            return Optional.empty(); // ERROR_NOT_FOUND (1168) or unreadable: java-keyring's answer stands
        }
        try {
            CREDENTIAL c = new CREDENTIAL(ref.getValue());
            byte[] blob = c.CredentialBlobSize == 0 ? new byte[0] : c.CredentialBlob.getByteArray(0, c.CredentialBlobSize);
            return Optional.of(new PythonWinVault.Credential(c.UserName, blob));
        } finally {
            advapi32.CredFree(ref.getValue());
        }
    }
}

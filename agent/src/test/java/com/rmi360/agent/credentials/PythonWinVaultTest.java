package com.rmi360.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The lookup of Python-toolbox items on the Windows Credential Manager, on a STAND-IN credential
 * store (a map; Windows cannot run here). The stand-in is written the way Python keyring's
 * WinVaultKeyring.set_password writes (keyring/backends/Windows.py): target = service, and an
 * earlier account of the same service moved to {@code <account>@<service>}; blobs in UTF-16LE.
 */
class PythonWinVaultTest {

    /** Stand-in Credential Manager: target name to (UserName, blob). */
    private final Map<String, PythonWinVault.Credential> vault = new HashMap<>();
    private final PythonWinVault lookup = new PythonWinVault(target -> Optional.ofNullable(vault.get(target)));

    /** What Python keyring's set_password does on Windows. */
    private void pythonSetPassword(String service, String username, String password) {
        PythonWinVault.Credential existing = vault.get(service);
        if (existing != null) {
            vault.put(existing.userName() + "@" + service, existing);
        }
        vault.put(service, new PythonWinVault.Credential(username, password.getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void theOldToolboxsTwoItemsUnderOneServiceAreBothFound() {
        pythonSetPassword("aws-deployer", "aws_access_key_id", "AKIAOLDTOOLBOX000001");
        pythonSetPassword("aws-deployer", "aws_secret_access_key", "old/Secret+Key");
        assertThat(vault).containsOnlyKeys("aws-deployer", "aws_access_key_id@aws-deployer");
        assertThat(lookup.find("aws-deployer", "aws_secret_access_key")).contains("old/Secret+Key");
        assertThat(lookup.find("aws-deployer", "aws_access_key_id")).contains("AKIAOLDTOOLBOX000001");
        assertThat(lookup.find("aws-deployer", "AWS_ACCESS_KEY_ID")).isEmpty();
        assertThat(lookup.find("other", "aws_access_key_id")).isEmpty();
    }

    @Test
    void theSeedGuidesUpperCaseAccountsToo() {
        pythonSetPassword("aws_s3", "AWS_ACCESS_KEY_ID", "AKIASEEDGUIDE0000001");
        pythonSetPassword("aws_s3", "AWS_SECRET_ACCESS_KEY", "seed");
        assertThat(lookup.find("aws_s3", "AWS_ACCESS_KEY_ID")).contains("AKIASEEDGUIDE0000001");
        assertThat(lookup.find("aws_s3", "AWS_SECRET_ACCESS_KEY")).contains("seed");
    }

    @Test
    void aServiceItemOfAnotherAccountIsNotTakenForThisOne() {
        vault.put("svc", new PythonWinVault.Credential("someone_else", "x".getBytes(StandardCharsets.UTF_16LE)));
        assertThat(lookup.find("svc", "aws_access_key_id")).isEmpty();
    }

    @Test
    void blobsDecodeAsUtf16LeThenUtf8AsPythonKeyringReads() {
        assertThat(PythonWinVault.decode("sécret".getBytes(StandardCharsets.UTF_16LE))).contains("sécret");
        assertThat(PythonWinVault.decode("abc".getBytes(StandardCharsets.UTF_8))).contains("abc"); // odd length: not UTF-16
        assertThat(PythonWinVault.decode(new byte[0])).isEmpty();
    }
}

package com.rmi360.agent.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.rmi360.testing.RequiredTool;

/**
 * Keyring ITs run on a real, private, unlocked Secret Service: {@code scripts/with-keyring.sh mvn ...}
 * (private D-Bus session + gnome-keyring unlocked with a throw-away password). Without gnome-keyring
 * the test fails under CI=true and is skipped elsewhere (see {@link RequiredTool}); the same holds when
 * the build was not started through the wrapper, so a test never touches the developer's own keyring.
 */
public final class KeyringSession {

    private KeyringSession() {
    }

    public static void require() {
        RequiredTool.require("gnome-keyring-daemon");
        RequiredTool.require("secret-tool");
        if (!"1".equals(System.getenv("RMI360_KEYRING_SESSION"))) {
            String reason = "not inside scripts/with-keyring.sh (private D-Bus session with an unlocked gnome-keyring)";
            if (RequiredTool.isCi()) {
                Assertions.fail(reason + " (CI=true: .ci/run must run the keyring tests through it)");
            }
            Assumptions.abort("skipped: " + reason);
        }
    }
}

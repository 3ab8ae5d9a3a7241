package com.rmi360.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.rmi360.agent.error.CredentialsException;
import com.rmi360.agent.error.ExitCodes;

class OsKeyringStoreTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void noDbusSessionIsOneClearLine() {
        assertThatThrownBy(() -> OsKeyringStore.open(Map.of()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set")
                .satisfies(e -> assertThat(((CredentialsException) e).exitCode()).isEqualTo(ExitCodes.CREDENTIALS));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void unreachableBusIsOneClearLine() {
        assertThatThrownBy(() -> OsKeyringStore.open(Map.of("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/rmi360-bus")))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("no Secret Service: cannot connect to the D-Bus session bus");
    }

    @Test
    void pythonKeyringAttributesAreServiceAndUsername() {
        assertThat(OsKeyringStore.pythonAttributes("aws_s3", "AWS_ACCESS_KEY_ID"))
                .isEqualTo(Map.of("service", "aws_s3", "username", "AWS_ACCESS_KEY_ID"));
    }

    @Test
    void keysNeverShowTheSecret() {
        AwsKeys keys = new AwsKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "token");
        assertThat(keys.maskedAccessKeyId()).isEqualTo("AKIA************MPLE");
        assertThat(keys.toString()).doesNotContain("wJalr", "token", "IOSFODNN7EXA");
        assertThat(AwsKeys.mask("SHORT")).isEqualTo("*****");
        assertThatThrownBy(() -> new AwsKeys("AKIA", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.rmi360.agent.cli;

import java.util.Map;
import java.util.function.Consumer;

import com.rmi360.agent.aws.AwsResolver;
import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.credentials.OsKeyringStore;
import com.rmi360.agent.credentials.SecretStore;

/**
 * What commands get from outside the process: the environment, the keyring and the user's
 * keyboard. Commands take it as their only constructor argument ({@link Rmi360#commandLine} injects
 * it), so in-process tests can pass their own environment, an in-memory keyring and canned answers.
 *
 * @param env          environment variables (AWS_REGION, AWS_ENDPOINT_URL, AWS_PROFILE, DBUS_..., ...)
 * @param secretStores opens the keyring; every opened store is closed after use
 * @param prompter     asks the user (credentials set)
 */
public record AgentRuntime(Map<String, String> env, SecretStore.Opener secretStores, Prompter prompter) {

    /** The real process: System.getenv(), the OS keyring, the terminal or stdin. */
    public static AgentRuntime system() {
        Map<String, String> env = System.getenv();
        return new AgentRuntime(env, () -> OsKeyringStore.open(env), Prompter.system(System.in, System.err));
    }

    /** Keyring access for AWS keys (see {@link KeyringCredentials}). */
    public KeyringCredentials keyring() {
        return new KeyringCredentials(secretStores);
    }

    /** The resolver every AWS command uses; warnings go to {@code warnings} (the command's stderr). */
    public AwsResolver awsResolver(Consumer<String> warnings) {
        return new AwsResolver(env, keyring(), warnings);
    }
}

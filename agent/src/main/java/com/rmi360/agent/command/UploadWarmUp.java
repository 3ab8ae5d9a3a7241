package com.rmi360.agent.command;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.upload.transport.S3Transport;

/**
 * What an upload needs first and cannot get faster, started on daemon threads before picocli reads
 * the command line (which keeps the main thread busy for ~0.1 s): the AWS CRT's native library and
 * the JDK's TLS trust store. Both are loaded once per JVM, so the upload later finds them ready, or
 * waits for the load in progress; nothing else changes. Measured in docs/benchmarks.md (first object).
 */
public final class UploadWarmUp {

    /** Flags after which the command sends nothing. */
    private static final Set<String> SENDS_NOTHING = Set.of("-h", "--help", "-V", "--version", "--dry-run");

    private UploadWarmUp() {
    }

    /**
     * Starts the warm-up when {@code args} are an upload that sends (not help, not a dry run); the
     * CRT's library only when the CRT is used (no RMI360_NO_CRT). True when it started.
     */
    public static boolean startFor(String[] args, Map<String, String> env) {
        if (!sends(args)) {
            return false;
        }
        if (!env.containsKey("RMI360_NO_CRT")) {
            S3Transport.preloadNative();
        }
        DaemonThreads.start("rmi360-tls-load", AwsClients::warmUp);
        return true;
    }

    static boolean sends(String[] args) {
        return args.length > 0 && args[0].equals("upload") && Arrays.stream(args).noneMatch(SENDS_NOTHING::contains);
    }
}

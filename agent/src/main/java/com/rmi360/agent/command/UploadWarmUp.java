package com.rmi360.agent.command;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.upload.transport.S3Transport;

import picocli.CommandLine.Mixin;

/**
 * What an upload needs first and cannot get faster, started on daemon threads before picocli reads
 * the command line (which keeps the main thread busy for ~0.1 s): the AWS CRT's native library,
 * the JDK's TLS trust store and the proxy classes of the upload command's annotations. Each is made
 * once per JVM, so the upload later finds it ready, or waits for the one in progress; nothing else
 * changes. Measured in docs/benchmarks.md (first object).
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
        DaemonThreads.start("rmi360-cli-load", () -> readAnnotations(UploadCommand.class));
        return true;
    }

    /**
     * Reads the annotations picocli reads on {@code type}, its fields and its mixins' fields: the JDK
     * makes one proxy class per annotation type on first use (~8 ms each, its class-file API
     * interpreted; 8 types on the way to picocli's model of {@code upload}), here beside the main
     * thread: 45-50 ms less of its CPU (docs/benchmarks.md). Returns the annotation types read.
     */
    static Set<Class<? extends Annotation>> readAnnotations(Class<?> type) {
        Set<Class<? extends Annotation>> read = new HashSet<>();
        for (Annotation a : type.getAnnotations()) {
            read.add(a.annotationType());
        }
        for (Field field : type.getDeclaredFields()) {
            for (Annotation a : field.getAnnotations()) {
                read.add(a.annotationType());
            }
            if (field.isAnnotationPresent(Mixin.class)) {
                read.addAll(readAnnotations(field.getType()));
            }
        }
        return read;
    }

    static boolean sends(String[] args) {
        return args.length > 0 && args[0].equals("upload") && Arrays.stream(args).noneMatch(SENDS_NOTHING::contains);
    }
}

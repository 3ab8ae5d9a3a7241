package com.rmi360.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs in a fresh JVM on the classpath {@code rmi360-monitor.jar} + test classes (see
 * {@link ShadedJarIT}), the way the Lambda runtime would: constructs both handlers through their
 * public no-argument constructors (environment: AWS_REGION, AWS_ENDPOINT_URL, keys), runs two
 * ticks and one rejected disable, and prints {@code key=value} lines. Uses nothing but the jar.
 *
 * <p>Arguments: bucket, project slug, prefix.
 */
public final class ShadedJarProbe {

    private ShadedJarProbe() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ProgressMonitorHandler monitor = new ProgressMonitorHandler();
        long init = System.nanoTime();
        long initCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("project_slug", args[1]);
        event.put("bucket", args[0]);
        event.put("prefix", args[2]);
        event.put("expected_total", 1_000_000);
        Map<String, Object> first = monitor.handleRequest(event, null);
        long firstTick = System.nanoTime();
        Map<String, Object> second = monitor.handleRequest(event, null);
        long secondTick = System.nanoTime();
        DisableRuleHandler disable = new DisableRuleHandler();
        Map<String, Object> rejected = disable.handleRequest(Map.of("rule_name", "NotOurs"), null);
        long disableDone = System.nanoTime();

        System.out.println("init_ms=" + (init - start) / 1_000_000);
        System.out.println("init_cpu_ms=" + initCpu / 1_000_000);
        System.out.println("first_tick_ms=" + (firstTick - init) / 1_000_000);
        System.out.println("second_tick_ms=" + (secondTick - firstTick) / 1_000_000);
        System.out.println("disable_init_and_call_ms=" + (disableDone - secondTick) / 1_000_000);
        System.out.println("count=" + second.get("count"));
        System.out.println("first_list_calls=" + first.get("list_calls"));
        System.out.println("disable_status=" + rejected.get("statusCode"));
    }
}

package com.rmi360.agent.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A diagnostic for the time to the first object (issue 12): with {@code RMI360_TRACE_STARTUP=1} in
 * the environment, {@link #mark} prints one line per step to stderr, in milliseconds since the
 * process was started (the OS's start time, so the JVM's own start is counted as the bench counts
 * it), with the thread that reached it. Off by default: a mark is then one boolean test. The figures
 * in docs/benchmarks.md (start-up breakdown) come from these lines.
 */
public final class StartupTrace {

    private static final boolean ON = "1".equals(System.getenv("RMI360_TRACE_STARTUP"));
    /** System.nanoTime() at the exec of this process (as the bench's clock starts). */
    private static final long START = ON ? execNanos() : 0;

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private StartupTrace() {
    }

    /** True when RMI360_TRACE_STARTUP=1 (for marks that cost something to compute). */
    public static boolean on() {
        return ON;
    }

    /** Prints {@code step} with the milliseconds since the process started (only when tracing). */
    public static void mark(String step) {
        if (ON) {
            long ms = (System.nanoTime() - START) / 1_000_000;
            System.err.println(line(ms, step, Thread.currentThread().getName()));
        }
    }

    /**
     * {@code rmi360 trace:    42 ms  step [thread]}, step padded to 40: by hand, since the first
     * {@code printf} of a run costs the traced main thread ~10 ms of CPU (its format parser), and
     * with a StringBuilder, since a string concatenation of this shape makes the JVM spin a class
     * at its first use (the AOT cache of an untraced training has none for it): costs an untraced
     * run never has.
     */
    static String line(long ms, String step, String thread) {
        String n = Long.toString(ms);
        return new StringBuilder(80).append("rmi360 trace: ").append(" ".repeat(Math.max(0, 5 - n.length()))).append(n)
                .append(" ms  ").append(step).append(" ".repeat(Math.max(0, 40 - step.length())))
                .append(" [").append(thread).append(']').toString();
    }

    /**
     * The process's age from /proc (start time and uptime in clock ticks of 10 ms since boot) on
     * Linux; ProcessHandle's start instant is no good here, its boot time is whole seconds. Elsewhere:
     * ProcessHandle's start instant (to the second on Linux, finer elsewhere).
     */
    private static long execNanos() {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startedTicks = Double.parseDouble(f[19]); // field 22 (starttime), counted from field 3
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return now - (long) ((uptime - startedTicks / 100.0) * 1e9);
        } catch (IOException | RuntimeException notLinux) {
            Instant started = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
            return now - Duration.between(started, Instant.now()).toNanos();
        }
    }

    /** {@link #mark} the first time {@code step} is reached only (the first PUT sent, the first done). */
    public static void first(String step) {
        if (ON && SEEN.add(step)) {
            mark(step);
        }
    }
}

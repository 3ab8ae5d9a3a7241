package com.rmi360.agent.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process with a deadline and captures its exit code, stdout and stderr. */
public final class Processes {

    private Processes() {
    }

    /** The packaged CLI ({@code java -jar target/rmi360-agent.jar}); ITs run after {@code package}. */
    public static Path agentJar() {
        Path jar = Path.of("target", "rmi360-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("missing " + jar + ": run the ITs through `mvn verify` (after package)");
        }
        return jar;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code command} so that its process gets Ctrl-C (SIGINT) as from a terminal. A shell without job
     * control starts a background command ({@code cmd &}, e.g. a CI step run that way) with SIGINT
     * ignored, every child inherits that, and a JVM that starts with SIGINT ignored never installs its
     * handler: a test sending SIGINT would then see the run finish instead. When this process has
     * SIGINT ignored (Linux: bit 2 of {@code SigIgn} in /proc/self/status), the command is started
     * through python3, which restores the default and execs it; otherwise unchanged.
     */
    public static List<String> withSigint(List<String> command) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return command;
        }
        boolean ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).anyMatch(mask -> (mask & (1L << 1)) != 0);
        if (!ignored) {
            return command;
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Runs {@code command}; {@code env} entries with a null value are removed from the inherited
     * environment. Kills the process (and fails) when it outlives {@code timeoutSeconds}: a hang is a bug.
     */
    public static CliRun.Result run(List<String> command, Map<String, String> env, Path workDir, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("process did not finish within " + timeoutSeconds + " s: " + command
                    + "\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
        }
        return new CliRun.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}

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

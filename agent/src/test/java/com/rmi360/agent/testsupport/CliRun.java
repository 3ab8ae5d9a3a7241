package com.rmi360.agent.testsupport;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import com.rmi360.agent.Rmi360;
import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.Prompter;
import com.rmi360.agent.credentials.SecretStore;

import picocli.CommandLine;

/** Runs {@code rmi360} in-process and captures exit code, stdout and stderr. */
public final class CliRun {

    private final Map<String, String> env = new HashMap<>();
    private SecretStore.Opener store = new MemorySecretStore();
    private String stdin = "";

    public static CliRun with() {
        return new CliRun();
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun env(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    public CliRun store(SecretStore.Opener opener) {
        this.store = opener;
        return this;
    }

    /** Lines the prompter answers with, in order. */
    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream promptSink = new PrintStream(OutputStream.nullOutputStream());
        Prompter prompter = Prompter.lines(new BufferedReader(new StringReader(stdin)), promptSink);
        // as main builds it: the named subcommand alone (Rmi360Test checks it against the whole tree)
        CommandLine cmd = Rmi360.commandLine(new AgentRuntime(Map.copyOf(env), store, prompter), args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What one run produced. */
    public record Result(int exitCode, String out, String err) {

        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}

package com.rmi360.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rmi360.agent.Rmi360;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;

class Rmi360Test {

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun.Result run = CliRun.with().run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("rmi360 ").doesNotContain("unknown").contains("Java ");
        assertThat(run.out().lines().findFirst().orElseThrow()).matches("rmi360 \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        CliRun.Result run = CliRun.with().run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("credentials", "generate-completion", "Exit codes:", "130", "credentials missing");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun.Result run = CliRun.with().run();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("rmi360: ").contains("--help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        CliRun.Result run = CliRun.with().run("credentials", "show", "--no-such-flag");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().toList()).hasSize(2);
        assertThat(run.err()).startsWith("rmi360: Unknown option: '--no-such-flag'")
                .contains("Try 'rmi360 credentials show --help'");
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun.Result run = CliRun.with().run("generate-completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "rmi360", "credentials");
    }

    @Test
    void credentialsWithoutSubcommandIsAUsageError() {
        CliRun.Result run = CliRun.with().run("credentials");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("rmi360: Missing required subcommand");
    }

    @Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        private final RuntimeException failure;

        Boom(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private static String[] runBoom(RuntimeException failure, boolean debug) {
        StringWriter err = new StringWriter();
        CommandLine cmd = UserErrorHandler.install(new CommandLine(new Boom(failure)), debug);
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute();
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void userErrorsKeepTheirCodeAndPrintOneLine() {
        String[] result = runBoom(new UserError(ExitCodes.CREDENTIALS, "no keys"), false);
        assertThat(result[0]).isEqualTo("3");
        assertThat(result[1]).isEqualTo("rmi360: no keys" + System.lineSeparator());
    }

    @Test
    void unexpectedErrorsAreOneLineWithoutStackTrace() {
        String[] result = runBoom(new IllegalStateException("bad state\nsecond line"), false);
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).isEqualTo("rmi360: unexpected error: IllegalStateException: bad state"
                + System.lineSeparator());
    }

    @Test
    void debugAddsTheStackTrace() {
        String[] result = runBoom(new IllegalStateException("bad"), true);
        assertThat(result[1]).contains("at com.rmi360.agent.cli.Rmi360Test.debugAddsTheStackTrace");
    }

    @Test
    void wrappedUserErrorsAreUnwrapped() {
        String[] result = runBoom(new java.util.concurrent.CompletionException(UserError.usage("bad flag")), false);
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).startsWith("rmi360: bad flag");
    }

    @Test
    void runtimeFactoryInjectsTheRuntime() throws Exception {
        AgentRuntime runtime = new AgentRuntime(Map.of("A", "b"), new MemorySecretStore(), null);
        record Holder(AgentRuntime runtime) {
        }
        assertThat(new RuntimeFactory(runtime).create(Holder.class).runtime()).isSameAs(runtime);
    }

    /** A class with a no-argument constructor only: the factory must fall back to picocli's default. */
    static final class NoRuntime {
        final String madeBy;

        NoRuntime() {
            this.madeBy = "no-arg constructor";
        }
    }

    @Test
    void runtimeFactoryFallsBackToTheDefaultFactoryWithoutARuntimeConstructor() throws Exception {
        AgentRuntime runtime = new AgentRuntime(Map.of("A", "b"), new MemorySecretStore(), null);
        assertThat(new RuntimeFactory(runtime).create(NoRuntime.class).madeBy).isEqualTo("no-arg constructor");
        assertThat(new RuntimeFactory(runtime).create(StringBuilder.class)).isInstanceOf(StringBuilder.class).isEmpty();
    }

    /**
     * main builds only the subcommand its first argument names: help, version, parse errors and
     * case-insensitive enum values must come out as they do from the whole tree.
     */
    @Test
    void aSubcommandBuiltAloneBehavesAsInTheWholeTree() {
        String missing = System.getProperty("java.io.tmpdir") + "/rmi360-no-such-folder";
        List<List<String>> lines = List.of(
                List.of("upload", "--help"), List.of("upload", "-V"), List.of("upload"),
                List.of("upload", "--progress", "NONE", missing), List.of("upload", "--progress", "sideways", missing),
                List.of("upload", "--frobnicate", missing), List.of("credentials", "--help"), List.of("credentials", "show", "--help"),
                List.of("monitor", "--help"), List.of("status", "--help"), List.of("demo", "--help"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            AgentRuntime runtime = new AgentRuntime(Map.of(), new MemorySecretStore(), null);
            assertThat(Rmi360.commandLine(runtime, args).getSubcommands().keySet()).as("built for %s", line)
                    .containsExactly(line.get(0));
            assertThat(run(Rmi360.commandLine(runtime, args), args)).as("%s", line)
                    .isEqualTo(run(Rmi360.commandLine(runtime), args));
        }
    }

    private static String run(CommandLine cmd, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return "exit " + code + "\n" + out + "\n--- err\n" + err;
    }
}

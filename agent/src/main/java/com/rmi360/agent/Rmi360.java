package com.rmi360.agent;

import java.util.List;

import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.RuntimeFactory;
import com.rmi360.agent.cli.UserErrorHandler;
import com.rmi360.agent.cli.VersionProvider;
import com.rmi360.agent.command.CredentialsCommand;
import com.rmi360.agent.command.DemoCommand;
import com.rmi360.agent.command.MonitorCommand;
import com.rmi360.agent.command.StatusCommand;
import com.rmi360.agent.command.UploadCommand;
import com.rmi360.agent.command.UploadWarmUp;
import com.rmi360.agent.trace.StartupTrace;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rmi360} command: subcommands only; {@link #main} runs picocli and exits with its code. */
@Command(name = "rmi360", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Uploads 360° imagery to S3 and drives the progress monitor.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done",
            " 1:some files failed",
            " 2:usage or config error",
            " 3:credentials missing or rejected",
            "130:cancelled"
        })
public final class Rmi360 {

    /** The subcommands, in the order the help lists them (added in code, not in the annotation: see {@link #commandLine(AgentRuntime, String[])}). */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CredentialsCommand.class, UploadCommand.class,
            StatusCommand.class, MonitorCommand.class, DemoCommand.class, AutoComplete.GenerateCompletion.class);

    public static void main(String[] args) {
        StartupTrace.mark("main");
        AgentRuntime runtime = AgentRuntime.system();
        UploadWarmUp.startFor(args, runtime.env());
        CommandLine cmd = commandLine(runtime, args);
        StartupTrace.mark("picocli set up");
        System.exit(cmd.execute(args));
    }

    /** The configured command line with every subcommand (tests call this with their own runtime and out/err writers). */
    public static CommandLine commandLine(AgentRuntime runtime) {
        return commandLine(runtime, new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, that subcommand
     * alone is built under {@code rmi360}, since picocli builds each one's model by reflection when it
     * is added (and {@code credentials} brings a Jackson mapper): {@code upload --dry-run} of 200 files,
     * picocli to the end of the scan, 0.64 -> 0.50 CPU s (median of 8 interleaved runs, docs/benchmarks.md).
     * Anything else ({@code --help}, no arguments, a typo,
     * {@code generate-completion}, which describes the whole tree) gets every subcommand.
     */
    public static CommandLine commandLine(AgentRuntime runtime, String[] args) {
        RuntimeFactory factory = new RuntimeFactory(runtime);
        CommandLine cmd = new CommandLine(new Rmi360(), factory);
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> c != AutoComplete.GenerateCompletion.class
                && c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> sub : named.isEmpty() ? SUBCOMMANDS : named) {
            cmd.addSubcommand(new CommandLine(sub, factory));
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return UserErrorHandler.install(cmd, runtime.env().containsKey("RMI360_DEBUG"));
    }
}

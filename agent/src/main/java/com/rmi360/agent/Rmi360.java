package com.rmi360.agent;

import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.RuntimeFactory;
import com.rmi360.agent.cli.UserErrorHandler;
import com.rmi360.agent.cli.VersionProvider;
import com.rmi360.agent.command.CredentialsCommand;
import com.rmi360.agent.command.DemoCommand;
import com.rmi360.agent.command.MonitorCommand;
import com.rmi360.agent.command.StatusCommand;
import com.rmi360.agent.command.UploadCommand;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rmi360} command: subcommands only; {@link #main} runs picocli and exits with its code. */
@Command(name = "rmi360", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Uploads 360° imagery to S3 and drives the progress monitor.",
        subcommands = {
            CredentialsCommand.class,
            UploadCommand.class,
            StatusCommand.class,
            MonitorCommand.class,
            DemoCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done",
            " 1:some files failed",
            " 2:usage or config error",
            " 3:credentials missing or rejected",
            "130:cancelled"
        })
public final class Rmi360 {

    public static void main(String[] args) {
        System.exit(commandLine(AgentRuntime.system()).execute(args));
    }

    /** The configured command line (tests call this with their own runtime and out/err writers). */
    public static CommandLine commandLine(AgentRuntime runtime) {
        CommandLine cmd = new CommandLine(new Rmi360(), new RuntimeFactory(runtime));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return UserErrorHandler.install(cmd, runtime.env().containsKey("RMI360_DEBUG"));
    }
}

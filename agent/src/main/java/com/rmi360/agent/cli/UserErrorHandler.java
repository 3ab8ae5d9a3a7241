package com.rmi360.agent.cli;

import static com.rmi360.agent.error.Errors.firstLine;

import java.io.PrintWriter;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code: {@link UserError} keeps its code,
 * bad flags exit {@link ExitCodes#USAGE}, anything unexpected exits {@link ExitCodes#SOME_FAILED}
 * with its class and message (a stack trace only when {@code RMI360_DEBUG} is set).
 */
public final class UserErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final boolean debug;

    public UserErrorHandler(boolean debug) {
        this.debug = debug;
    }

    /** Installs this handler on {@code cmd} (and so on all its subcommands). */
    public static CommandLine install(CommandLine cmd, boolean debug) {
        UserErrorHandler handler = new UserErrorHandler(debug);
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        return cmd;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable cause = unwrap(ex);
        int code;
        if (cause instanceof UserError userError) {
            err.println("rmi360: " + userError.getMessage());
            code = userError.exitCode();
        } else {
            err.println("rmi360: unexpected error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())));
            code = ExitCodes.SOME_FAILED;
        }
        if (debug) {
            cause.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("rmi360: " + firstLine(ex.getMessage()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        while (!(current instanceof UserError) && current.getCause() != null
                && (current instanceof java.util.concurrent.CompletionException
                    || current instanceof java.util.concurrent.ExecutionException
                    || current instanceof java.lang.reflect.InvocationTargetException
                    || current instanceof CommandLine.ExecutionException)) {
            current = current.getCause();
        }
        return current;
    }
}

package io.ackwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns an unexpected exception into one line on stderr and exit code 2; the stack trace only with
 * {@code --debug}, because users attach our output to tickets and a trace helps nobody there. A command line
 * picocli rejects gets one line too, and a pointer to the help instead of the whole of it.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        boolean debug = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                || parseResult.hasMatchedOption("--debug");
        if (e instanceof OutputProblem.ReaderQuit) {
            return ExitCodes.UNUSABLE_INPUT;
        }
        PrintWriter err = cmd.getErr();
        err.println("ackwatch: " + OneLine.of(e.getMessage()));
        if (e instanceof UsageProblem) {
            err.println("Try 'ackwatch analyze --help'.");
        } else if (debug) {
            e.printStackTrace(err);
        } else if (!(e instanceof OutputProblem)) {
            err.println("(run with --debug for details)");
        }
        err.flush();
        return ExitCodes.UNUSABLE_INPUT;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String line = "ackwatch: " + OneLine.of(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println(line);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.UNUSABLE_INPUT;
    }
}

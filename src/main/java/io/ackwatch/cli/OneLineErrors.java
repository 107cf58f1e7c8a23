package io.ackwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an unexpected exception into one line on stderr and exit code 2; the stack trace only with
 * {@code --debug}, because users attach our output to tickets and a trace helps nobody there.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        boolean debug = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                || parseResult.hasMatchedOption("--debug");
        if (e instanceof UsageProblem) {
            cmd.getErr().println("ackwatch: " + e.getMessage());
            cmd.getErr().println("Try 'ackwatch analyze --help'.");
        } else {
            cmd.getErr().println("ackwatch: " + e.getMessage());
            if (debug) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(run with --debug for details)");
            }
        }
        cmd.getErr().flush();
        return ExitCodes.UNUSABLE_INPUT;
    }
}

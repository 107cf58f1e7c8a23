package io.ackwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code ackwatch} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AckwatchCommand());
        cmd.setExecutionExceptionHandler(new OneLineErrors());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /** Same as {@link #commandLine()} with output captured, for in-process tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd;
    }
}

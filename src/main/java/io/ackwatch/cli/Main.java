package io.ackwatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code ackwatch} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Reports are UTF-8 whatever the locale, as report files are: under LANG=C (cron, containers, CI) Java 17
        // would otherwise print "µs" and "–" in a report on stdout as "?".
        CommandLine cmd = commandLine();
        StdoutWriter out = StdoutWriter.on(new FileOutputStream(FileDescriptor.out));
        cmd.setOut(out);
        int exitCode = cmd.execute(args);
        // the report checks its own output; this catches the rest (--help, --version, --list-thresholds)
        if (exitCode != ExitCodes.UNUSABLE_INPUT && out.checkError()) {
            if (!out.readerQuit()) {
                String why = out.failure() != null ? out.failure() : "the stream failed";
                cmd.getErr().println("ackwatch: cannot write to stdout: " + why);
                cmd.getErr().flush();
            }
            exitCode = ExitCodes.UNUSABLE_INPUT;
        }
        System.exit(exitCode);
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AckwatchCommand());
        OneLineErrors errors = new OneLineErrors();
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
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

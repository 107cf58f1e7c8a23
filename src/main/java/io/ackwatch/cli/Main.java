package io.ackwatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code ackwatch} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Reports are UTF-8 whatever the locale, as report files are: under LANG=C (cron, containers, CI) Java 17
        // would otherwise print "µs" and "–" in a report on stdout as "?".
        CommandLine cmd = commandLine();
        cmd.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true));
        System.exit(cmd.execute(args));
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

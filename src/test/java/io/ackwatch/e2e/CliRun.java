package io.ackwatch.e2e;

import io.ackwatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the real {@code ackwatch} command line, in-process, with what it printed. */
record CliRun(List<String> args, int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(List.of(args));
    }

    static CliRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new CliRun(List.copyOf(args), rc, out.toString(), err.toString());
    }

    /** For assertion messages: the command and its stderr, which usually says what went wrong. */
    String describe() {
        return "ackwatch " + String.join(" ", args) + " -> exit " + exitCode + (err.isBlank() ? "" : "; stderr:\n" + err);
    }
}

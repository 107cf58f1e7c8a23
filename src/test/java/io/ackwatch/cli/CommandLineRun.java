package io.ackwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and keeps what it printed. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandLineRun(rc, out.toString(), err.toString());
    }
}

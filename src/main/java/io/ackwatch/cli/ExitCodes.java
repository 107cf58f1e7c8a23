package io.ackwatch.cli;

/** The documented exit codes; README and --help list the same. */
public final class ExitCodes {
    /** No finding at or above --fail-on. */
    public static final int OK = 0;
    /** Findings at or above --fail-on. */
    public static final int FINDINGS = 1;
    /** Wrong command line, or an input that could not be read at all. */
    public static final int UNUSABLE_INPUT = 2;

    private ExitCodes() {}
}

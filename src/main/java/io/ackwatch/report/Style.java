package io.ackwatch.report;

import io.ackwatch.verdict.Verdict;

/**
 * Emphasis for terminal text: ANSI colours when the CLI allows them (a terminal, no NO_COLOR), nothing
 * otherwise. Callers measure widths on the plain text, so colour never changes the layout.
 */
public enum Style {
    PLAIN,
    ANSI;

    private static final String RESET = "\u001b[0m";

    public static Style of(boolean color) {
        return color ? ANSI : PLAIN;
    }

    public String bad(String s) {
        return wrap("\u001b[1;31m", s);
    }

    public String warn(String s) {
        return wrap("\u001b[33m", s);
    }

    public String good(String s) {
        return wrap("\u001b[32m", s);
    }

    public String bold(String s) {
        return wrap("\u001b[1m", s);
    }

    /** Colours a piece of text by the verdict it stands for. */
    public String verdict(Verdict v, String s) {
        return switch (v) {
            case OK -> good(s);
            case INCOMPLETE -> s;
            case DEGRADED -> warn(s);
            case FAILED -> bad(s);
        };
    }

    private String wrap(String code, String s) {
        return this == ANSI && !s.isEmpty() ? code + s + RESET : s;
    }
}

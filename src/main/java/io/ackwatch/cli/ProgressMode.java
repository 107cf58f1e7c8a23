package io.ackwatch.cli;

/** When to show something meant for a person watching a terminal. */
public enum ProgressMode {
    AUTO,
    ALWAYS,
    NEVER
}

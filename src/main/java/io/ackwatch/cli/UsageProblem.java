package io.ackwatch.cli;

/** An option combination or value that picocli cannot reject on its own; exit code 2. */
final class UsageProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageProblem(String message) {
        super(message);
    }
}

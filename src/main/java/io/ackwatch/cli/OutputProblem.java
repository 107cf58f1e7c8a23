package io.ackwatch.cli;

/**
 * A report or evidence file that could not be written; exit code 2. Its message is complete (which file, why,
 * what to do), so it is printed alone; the cause's stack trace only with {@code --debug}.
 */
final class OutputProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputProblem(String message) {
        super(message);
    }

    OutputProblem(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.ackwatch.cli;

/**
 * A report or evidence file that could not be written; exit code 2. Its message is complete (which file, why,
 * what to do), so it is printed alone; the cause's stack trace only with {@code --debug}.
 */
class OutputProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputProblem(String message) {
        super(message);
    }

    OutputProblem(String message, Throwable cause) {
        super(message, cause);
    }

    /** Nothing to print: the reader of stdout quit early ({@link StdoutWriter#readerQuit()}); exit code 2 only. */
    static final class ReaderQuit extends OutputProblem {
        private static final long serialVersionUID = 1L;

        ReaderQuit() {
            super("the program reading the output quit before its end");
        }
    }
}

package io.ackwatch.cli;

import io.ackwatch.pipeline.InputFile;

/** A message made to fit on one line of stderr, whatever file names or exception texts it carries. */
final class OneLine {
    private OneLine() {}

    static String of(String message) {
        return message == null ? "unexpected error" : InputFile.printable(message);
    }
}

package io.ackwatch.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * stdout as picocli's PrintWriter, UTF-8, keeping the first write failure: a PrintWriter swallows it and only
 * answers {@link #checkError()}, while the user must hear whether stdout was closed, full or a pipe whose
 * reader stopped.
 */
final class StdoutWriter extends PrintWriter {
    private final Recording sink;

    private StdoutWriter(Recording sink) {
        super(new OutputStreamWriter(sink, StandardCharsets.UTF_8), true);
        this.sink = sink;
    }

    static StdoutWriter on(OutputStream out) {
        return new StdoutWriter(new Recording(out));
    }

    /**
     * The report's bytes straight to stdout: after what was printed so far, through a buffer, without the decode
     * into characters and encode back that the PrintWriter would cost. Closing it flushes, and leaves stdout open.
     */
    OutputStream bytes() {
        flush();
        return new BufferedOutputStream(sink, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * The program reading stdout quit before its end ({@code | head}). As for other Unix tools, that is no
     * error to print (the user stopped reading on purpose), but the exit status still says the output was cut.
     */
    boolean readerQuit() {
        IOException e = sink.failure;
        return e != null && String.valueOf(e.getMessage()).contains("Broken pipe");
    }

    /** Why writing failed, in words; null when it did not (or the cause is unknown). */
    String failure() {
        IOException e = sink.failure;
        if (e == null) {
            return null;
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("Bad file descriptor")) {
            return "stdout is closed; redirect it to a file or use --output FILE";
        }
        return IoProblem.reason(e);
    }

    private static final class Recording extends FilterOutputStream {
        private IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}

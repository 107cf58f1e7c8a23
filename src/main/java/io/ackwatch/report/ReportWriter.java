package io.ackwatch.report;

import io.ackwatch.verdict.Report;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes a whole report in one format. Writers never analyze; they only present a {@link Report}. */
public interface ReportWriter {
    /** Writes the report to {@code out} as UTF-8 and flushes it; {@code out} stays open. */
    void write(Report report, OutputStream out) throws IOException;

    /** A buffered UTF-8 writer over {@code out} for formats written as text: flush it when done, do not close it. */
    static Writer utf8(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}

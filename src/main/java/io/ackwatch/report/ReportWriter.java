package io.ackwatch.report;

import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/** Writes a whole report in one format. Writers never analyze; they only present a {@link Report}. */
public interface ReportWriter {
    /** Writes the report to {@code out} as UTF-8 and flushes it; {@code out} stays open. */
    void write(Report report, OutputStream out) throws IOException;

    /** A buffered UTF-8 writer over {@code out} for formats written as text: flush it when done. */
    static Writer utf8(OutputStream out) {
        return new Utf8Writer(out);
    }
}

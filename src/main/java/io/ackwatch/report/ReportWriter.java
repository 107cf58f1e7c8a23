package io.ackwatch.report;

import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.Writer;

/** Writes a whole report in one format. Writers never analyze; they only present a {@link Report}. */
public interface ReportWriter {
    void write(Report report, Writer out) throws IOException;
}

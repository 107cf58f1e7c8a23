package io.ackwatch.cli;

import io.ackwatch.report.ReportFormat;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the report to stdout, one file, or one file per format in a folder. */
final class ReportOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ReportOutput.class);
    private final List<ReportFormat> formats;
    private final ReportOptions options;
    private final Path file;
    private final Path dir;

    ReportOutput(List<ReportFormat> formats, ReportOptions options, Path file, Path dir) {
        this.formats = formats;
        this.options = options;
        this.file = file;
        this.dir = dir;
    }

    void write(Report report, PrintWriter stdout) {
        try {
            if (dir != null) {
                Files.createDirectories(dir);
                for (ReportFormat format : formats) {
                    writeFile(report, format, dir.resolve("ackwatch-report." + format.extension()));
                }
            } else if (file != null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writeFile(report, formats.get(0), file);
            } else {
                try (OutputStream out = new WriterOutputStream(stdout)) {
                    write(report, formats.get(0), out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    private void writeFile(Report report, ReportFormat format, Path target) throws IOException {
        boolean written = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            write(report, format, out);
            written = true;
        } finally {
            if (!written) {
                // half a report attached to a ticket would say less than it seems to
                Files.deleteIfExists(target);
            }
        }
    }

    private void write(Report report, ReportFormat format, OutputStream out) throws IOException {
        long start = System.nanoTime();
        try {
            format.writer(options).write(report, out);
        } catch (OutOfMemoryError e) {
            // the analysis is done and its results are in memory; only this report did not fit beside them
            String name = format.name().toLowerCase(Locale.ROOT);
            throw new IllegalStateException("ran out of memory while writing the " + name + " report ("
                    + e.getMessage() + "); give ackwatch more, e.g. JAVA_OPTS=-Xmx4g", e);
        }
        LOG.debug("{} report written in {} ms", format.extension(), (System.nanoTime() - start) / 1_000_000);
    }
}

package io.ackwatch.cli;

import io.ackwatch.report.ReportFormat;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /** Fails before the analysis when the report cannot go where it was asked to. */
    void check() {
        if (dir != null) {
            WritablePlace.checkFolder("--output-dir", dir);
        } else if (file != null) {
            WritablePlace.checkFile("--output", file);
        }
    }

    /** Where the report files go, as the user named them; empty for stdout. */
    List<String> places() {
        if (dir != null) {
            return formats.stream().map(f -> dir.resolve("ackwatch-report." + f.extension()).toString()).toList();
        }
        return file == null ? List.of() : List.of(file.toString());
    }

    void write(Report report, PrintWriter stdout) {
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputProblem(IoProblem.cannotWrite("the reports into", dir, e), e);
            }
            for (ReportFormat format : formats) {
                writeFile(report, format, dir.resolve("ackwatch-report." + format.extension()));
            }
        } else if (file != null) {
            Path parent = file.toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new OutputProblem(IoProblem.cannotWrite("the report to", file, e), e);
            }
            writeFile(report, formats.get(0), file);
        } else {
            writeStdout(report, stdout);
        }
    }

    private void writeStdout(Report report, PrintWriter stdout) {
        // the real stdout takes bytes; a PrintWriter a test put in its place gets them decoded
        try (OutputStream out = stdout instanceof StdoutWriter s ? s.bytes() : new WriterOutputStream(stdout)) {
            write(report, formats.get(0), out);
        } catch (IOException e) {
            throw stdoutFailed(stdout, e);
        }
        // a PrintWriter never throws: a closed stdout, a full disk or a reader that quit only show here
        if (stdout.checkError()) {
            throw stdoutFailed(stdout, null);
        }
    }

    private static OutputProblem stdoutFailed(PrintWriter stdout, IOException e) {
        if (stdout instanceof StdoutWriter s && s.readerQuit()) {
            return new OutputProblem.ReaderQuit();
        }
        String why = stdout instanceof StdoutWriter s && s.failure() != null ? s.failure()
                : e != null ? IoProblem.reason(e) : "the stream failed";
        return new OutputProblem("cannot write the report to stdout: " + why, e);
    }

    /**
     * A regular file is written beside its place and moved there when complete: a failure (disk full, out of
     * memory) leaves the previous report as it was and no half report to attach to a ticket. A device or pipe
     * ({@code /dev/stdout}, a FIFO) is written as it is, and never replaced or deleted.
     */
    private void writeFile(Report report, ReportFormat format, Path target) {
        Path real = target;
        try {
            if (Files.exists(target)) {
                real = target.toRealPath(); // through a symlink, so that the link stays a link
            }
        } catch (IOException e) {
            throw new OutputProblem(IoProblem.cannotWrite("the report to", target, e), e);
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            try (OutputStream out = Files.newOutputStream(real)) {
                write(report, format, out);
            } catch (IOException e) {
                throw new OutputProblem(IoProblem.cannotWrite("the report to", target, e), e);
            }
            return;
        }
        Path partial = real.resolveSibling("." + real.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                write(report, format, out);
            }
            moveInPlace(partial, real);
        } catch (IOException e) {
            throw new OutputProblem(IoProblem.cannotWrite("the report to", target, e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", partial, e);
            }
        }
    }

    private static void moveInPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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

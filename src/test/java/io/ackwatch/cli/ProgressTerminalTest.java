package io.ackwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.CliProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line on a real terminal: the command line runs in a child JVM under util-linux {@code script},
 * which gives it a pseudo-terminal. In-process tests cannot see this, because there stderr is never a terminal;
 * here {@code --progress auto} must draw when stderr is the terminal and stay silent when stderr goes to a
 * file, even with stdout still on the terminal.
 */
class ProgressTerminalTest {
    /** What the display writes when it closes: carriage return, then erase to the end of the line. */
    private static final String CLEAR_LINE = "\r\u001b[K";
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void autoDrawsWhenStderrIsTheTerminal() throws Exception {
        Path report = dir.resolve("report.txt");
        String terminal = underTerminal("--progress auto --output " + quote(report));
        assertTrue(terminal.contains(CLEAR_LINE), () -> "no progress line on the terminal: " + visible(terminal));
        assertTrue(Files.readString(report).contains("printer-stops-acking.pcap"), "the report went to --output");
    }

    @Test
    void autoStaysSilentWhenStderrIsAFile() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        String terminal = underTerminal("--progress auto 2>" + quote(stderr));
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertFalse(err.contains("\r") || err.contains("\u001b"), () -> "progress went to a file: " + visible(err));
        assertFalse(terminal.contains(CLEAR_LINE), () -> "progress reached the terminal through stdout: "
                + visible(terminal));
        assertTrue(terminal.contains("printer-stops-acking.pcap"), "the report is on stdout, the terminal");
    }

    @Test
    void neverStaysSilentOnTheTerminal() throws Exception {
        Path report = dir.resolve("report.txt");
        String terminal = underTerminal("--progress never --output " + quote(report));
        assertTrue(terminal.startsWith("ackwatch: 1 capture, ") && terminal.strip().endsWith("Report: " + report + ".")
                && terminal.strip().lines().count() == 1,
                () -> "expected only the run's summary on the terminal: " + visible(terminal));
    }

    /** Runs {@code ackwatch analyze ARGS testdata/printer-stops-acking.pcap} on a pseudo-terminal; returns what it showed. */
    private String underTerminal(String args) throws IOException, InterruptedException {
        Path script = Paths.get("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux script is not installed: no pseudo-terminal to test on");
        Path capture = Paths.get(System.getProperty("ackwatch.testdata", "testdata"), "printer-stops-acking.pcap");
        assumeTrue(Files.isRegularFile(capture), "testdata not found at " + capture.toAbsolutePath());
        StringBuilder command = new StringBuilder();
        for (String word : CliProcess.command(List.of(), System.getProperty("java.class.path"),
                List.of("analyze", "--color", "never"))) {
            command.append(quote(word)).append(' ');
        }
        command.append(args).append(' ').append(quote(capture.toAbsolutePath()));
        List<String> cmd = List.of(script.toString(), "-q", "-e", "-c", command.toString(), "/dev/null");
        Path shown = dir.resolve("terminal.txt");
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(shown.toFile())
                .redirectErrorStream(true).start();
        int exitCode = CliProcess.exitCode(p, TIMEOUT_SECONDS, cmd);
        String terminal = read(shown);
        // exit code 1: the capture's connections failed, which is what this capture shows
        assertEquals(ExitCodes.FINDINGS, exitCode, () -> "exit code; terminal showed: " + visible(terminal));
        return terminal;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static String quote(Object s) {
        return "'" + s.toString().replace("'", "'\\''") + "'";
    }

    private static String visible(String s) {
        return s.replace("\r", "\\r").replace("\u001b", "\\e");
    }
}

package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.CliProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the report or the evidence can fail to reach its place: one line on stderr that names the place
 * and what to do, exit code 2, no stack trace, and nothing deleted that was not ours.
 */
@Timeout(120)
class HostileOutputTest {
    private static final Path TESTDATA = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
    private static final Path SEED = TESTDATA.resolve("printer-stops-acking.pcap");

    @Test
    void optionValuesPicocliRejectsGiveOneLineAndAPointerToTheHelp() {
        for (List<String> args : List.of(List.of("--jobs", "abc"), List.of("--formt", "json"),
                List.of("--reader", "tshark"), List.of("--jobs", "99999999999"))) {
            CommandLineRun run = CommandLineRun.of(concat(List.of("analyze"), args, List.of(SEED.toString())));
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
            assertThat(run.err().lines().toList()).as(args.toString()).hasSize(2);
            assertThat(run.err()).as(args.toString()).startsWith("ackwatch: ").contains(args.get(0))
                    .contains("Try 'ackwatch analyze --help'.").doesNotContain("Usage:");
        }
        assertThat(CommandLineRun.of("analyze", "--formt", "json", SEED.toString()).err())
                .contains("did you mean --format?");
    }

    @Test
    void outputNamingAFolderIsRefusedBeforeAnyCaptureIsRead(@TempDir Path tmp) {
        CommandLineRun run = CommandLineRun.of("analyze", "--output", tmp.toString(), "no/such/capture.pcap");
        assertOneLineFailure(run, tmp.toString(), "--output-dir");
    }

    @Test
    void outputDirAndExtractNamingAFileAreRefusedBeforeAnyCaptureIsRead(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine\n");
        assertOneLineFailure(CommandLineRun.of("analyze", "--output-dir", file.toString(), SEED.toString()),
                file.toString(), "not a folder");
        assertOneLineFailure(CommandLineRun.of("analyze", "--extract", file.resolve("sub").toString(),
                SEED.toString()), file.toString(), "not a folder");
        assertThat(Files.readString(file)).isEqualTo("mine\n");
    }

    @Test
    void evidenceThatCannotBeWrittenIsNamedAndTheExitCodeSaysSo(@TempDir Path tmp) throws IOException {
        Path first = tmp.resolve("first");
        CommandLineRun ok = CommandLineRun.of("analyze", "--extract", first.toString(), SEED.toString());
        assertThat(ok.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        List<Path> names;
        try (var files = Files.list(first)) {
            names = files.map(Path::getFileName).toList();
        }
        assertThat(names).isNotEmpty();
        Path blocked = tmp.resolve("blocked");
        for (Path name : names) {
            Files.createDirectories(blocked.resolve(name)); // a folder where the evidence file should go
        }
        CommandLineRun run = CommandLineRun.of("analyze", "--extract", blocked.toString(), SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.out()).as("the report is complete, and says that the evidence is missing")
                .startsWith(ok.out().substring(0, ok.out().indexOf("  vantage")))
                .contains("failure  printer-reset", "filter: tcp.stream eq 0",
                        "warning   evidence files could not be written:")
                .doesNotContain("in evidence file:");
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("ackwatch: cannot write evidence for " + SEED)
                .contains(blocked.resolve(names.get(0)).toString(), "is a folder");
    }

    @Test
    void theReportNeverReplacesACaptureItAnalyzes(@TempDir Path tmp) throws IOException {
        Path capture = Files.copy(SEED, tmp.resolve("capture.pcap"));
        byte[] before = Files.readAllBytes(capture);
        CommandLineRun run = CommandLineRun.of("analyze", "--output", capture.toString(), tmp.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains(capture + " is one of the captures");
        assertThat(Files.readAllBytes(capture)).isEqualTo(before);
    }

    @Test
    void aFullDiskIsReportedAndTheDeviceIsNeverDeleted() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full) && !Files.isRegularFile(full), "no /dev/full device here");
        for (String format : List.of("text", "json", "html")) {
            CommandLineRun run = CommandLineRun.of("analyze", "--format", format, "--output", full.toString(),
                    SEED.toString());
            assertOneLineFailure(run, "/dev/full", "no space left");
            // a failed report used to be "cleaned up" with deleteIfExists, which as root removed the device
            assertThat(Files.exists(full, LinkOption.NOFOLLOW_LINKS)).as(format).isTrue();
            assertThat(Files.isRegularFile(full)).as(format).isFalse();
        }
    }

    @Test
    void aReportThatCannotBeWrittenLeavesThePreviousOneAsItWas(@TempDir Path tmp) throws IOException {
        Path report = Files.writeString(tmp.resolve("report.txt"), "yesterday's report\n");
        // the report is written beside its place first; a folder of that name makes the writing fail
        Path blocker = Files.createDirectories(tmp.resolve(".report.txt.partial-" + ProcessHandle.current().pid()));
        Files.writeString(blocker.resolve("keep"), "x");
        CommandLineRun run = CommandLineRun.of("analyze", "--output", report.toString(), SEED.toString());
        assertOneLineFailure(run, report.toString(), "cannot write the report");
        assertThat(Files.readString(report)).isEqualTo("yesterday's report\n");
    }

    @Test
    void aReportWrittenIsCompleteAndLeavesNoPartialFileBehind(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("new/folder/report.json");
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", "--output", report.toString(),
                SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(Files.readString(report)).startsWith("{").endsWith("}\n");
        try (var files = Files.list(report.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }

    @Test
    void stdoutThatFailsGivesOneLineAndExitTwoInsteadOfASilentSuccess() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(StdoutWriter.on(full), new PrintWriter(err, true))
                .execute("analyze", SEED.toString());
        assertThat(rc).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(err.toString().lines().toList()).containsExactly(
                "ackwatch: cannot write the report to stdout: no space left on the device; free some space or write"
                        + " elsewhere");
    }

    @Test
    void closedStdoutAndAReaderThatQuitAreToldInAChildProcess(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash to close stdout with");
        Child closed = Child.run(tmp, "exec \"$@\" >&-", "analyze", SEED.toString());
        assertThat(closed.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(closed.stderr().lines().toList()).containsExactly("ackwatch: cannot write the report to stdout:"
                + " stdout is closed; redirect it to a file or use --output FILE");

        // a report larger than a pipe's buffer, and a reader that takes one byte and leaves
        assumeTrue(Files.isDirectory(TESTDATA.resolve("captures")), "testdata/captures is absent");
        Child quit = Child.run(tmp, "\"$@\" | head -c1 >/dev/null; exit ${PIPESTATUS[0]}", "analyze",
                "--all-flows", "--verbose", "--format", "json", TESTDATA.resolve("captures").toString());
        // like other Unix tools it says nothing then (the user stopped reading on purpose); the status tells
        assertThat(quit.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(quit.stderr()).isEmpty();
    }

    private static void assertOneLineFailure(CommandLineRun run, String names, String says) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.out()).as("nothing analyzed, nothing printed").isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("ackwatch: ").contains(names).containsIgnoringCase(says)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }

    /** The real command line in a child JVM, started through bash so that stdout can be closed or piped. */
    record Child(int exitCode, String stderr) {
        static Child run(Path workDir, String shell, String... args) throws IOException, InterruptedException {
            List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", "-c", shell, "bash"));
            cmd.addAll(CliProcess.command(List.of("-XX:TieredStopAtLevel=1"), System.getProperty("java.class.path"),
                    List.of(args)));
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            int exitCode = CliProcess.exitCode(p, 90, cmd);
            return new Child(exitCode, Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}

package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.testsupport.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd things given as captures: pipes, devices, stdin, link loops, file names with line breaks, an ambiguous
 * printer address. Each is named in one line, in its place in the report and (when the report is not text on
 * stdout) on stderr; the exit code is 2; and the good captures beside it are reported in full.
 */
@Timeout(120)
class HostileInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path TESTDATA = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
    private static final Path SEED = TESTDATA.resolve("printer-stops-acking.pcap");

    @Test
    void aPipeIsExplainedInsteadOfWaitedForOrCalledEmpty(@TempDir Path tmp) throws Exception {
        Path fifo = mkfifo(tmp.resolve("live.pcap"));
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", fifo.toString(), SEED.toString());
        assertBadOneAndGoodOne(run, fifo, "unsupported", "is a pipe (FIFO), not a capture file");
    }

    @Test
    void aPipeInsideAFolderIsReportedInItsPlace(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("captures"));
        Files.copy(SEED, dir.resolve("b-good.pcap"));
        Path fifo = mkfifo(dir.resolve("a-live.pcap"));
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", dir.toString());
        Map<String, JsonNode> byFile = byFile(run);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(byFile.get(fifo.toString()).at("/error/message").asText()).contains("is a pipe (FIFO)");
        assertThat(byFile.get(dir.resolve("b-good.pcap").toString()).get("flows").size()).isPositive();
    }

    @Test
    void aCharacterDeviceIsNotCalledAnEmptyFile() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", zero.toString(), SEED.toString());
        assertBadOneAndGoodOne(run, zero, "unsupported", "is a character device, not a capture file");
    }

    @Test
    void aLinkLoopGivenByNameIsCalledALoop(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.pcap");
        Files.createSymbolicLink(a, tmp.resolve("b.pcap"));
        Files.createSymbolicLink(tmp.resolve("b.pcap"), a);
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", a.toString(), SEED.toString());
        assertBadOneAndGoodOne(run, a, "unreadable", "symbolic link loop");
    }

    @Test
    void aLineBreakInAFileNameDoesNotBreakTheOneLineMessage(@TempDir Path tmp) throws IOException {
        Path odd = tmp.resolve("cut\nshort ünï.pcap");
        Files.write(odd, java.util.Arrays.copyOf(Files.readAllBytes(SEED), 100));
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", odd.toString(), SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err().lines().toList()).as("the damage, then the run's summary").hasSize(2)
                .last().asString().startsWith("ackwatch: 2 captures (1 unreadable)");
        assertThat(run.err()).contains(tmp.resolve("cut\\nshort ünï.pcap").toString());
        assertThat(byFile(run)).containsKey(tmp.resolve("cut\\nshort ünï.pcap").toString());
    }

    @Test
    void anIpv6PrinterWithAPortButNoBracketsIsAskedAbout() {
        CommandLineRun run = CommandLineRun.of("analyze", "--printer", "fe80::1:9100", SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains("[fe80::1]:9100", "[fe80::1:9100]").doesNotContain("Exception");
        assertThat(CommandLineRun.of("analyze", "--printer", "[fe80::1]:9100", SEED.toString()).exitCode())
                .isNotEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(CommandLineRun.of("analyze", "--printer", "2001:db8::9", SEED.toString()).exitCode())
                .as("an address whose last group is no printer port is not ambiguous")
                .isNotEqualTo(ExitCodes.UNUSABLE_INPUT);
    }

    @Test
    void aHugeJobsCountAnalyzesLikeOne() {
        String one = CommandLineRun.of("analyze", "--format", "json", "--jobs", "1", SEED.toString(),
                TESTDATA.resolve("captures").toString()).out();
        CommandLineRun many = CommandLineRun.of("analyze", "--format", "json", "--jobs", "100000", SEED.toString(),
                TESTDATA.resolve("captures").toString());
        assertThat(many.err().lines().toList()).as("only the run's summary").singleElement().asString()
                .startsWith("ackwatch: ");
        assertThat(many.out()).isEqualTo(one);
    }

    /**
     * As an ordinary user: an unreadable capture inside a batch, and report and evidence folders without
     * write permission (root ignores permissions, so the command runs in a child JVM as nobody).
     */
    @Test
    void withoutPermissionsTheBatchIsStillReportedAndUnwritablePlacesAreRefusedEarly(@TempDir Path tmp)
            throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(setpriv),
                "needs root and setpriv to run the command as the unprivileged user nobody");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = readableClasspath(tmp.resolve("cp"));
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Files.copy(SEED, batch.resolve("a-secret.pcap"));
        Files.setPosixFilePermissions(batch.resolve("a-secret.pcap"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.copy(SEED, batch.resolve("b-good.pcap"));
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        Path writable = Files.createDirectories(tmp.resolve("out"));
        Files.setPosixFilePermissions(writable, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        Nobody batchRun = Nobody.run(tmp, classpath, "analyze", "--format", "json", "--output",
                writable.resolve("r.json").toString(), batch.toString());
        assertThat(batchRun.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(batchRun.stderr().lines().toList()).hasSize(2).first().isEqualTo("ackwatch: "
                + batch.resolve("a-secret.pcap")
                + ": permission denied; make the file readable (e.g. chmod a+r) or run as a user who may read it");
        JsonNode captures = MAPPER.readTree(writable.resolve("r.json").toFile()).get("captures");
        assertThat(captures.get(1).get("file").asText()).isEqualTo(batch.resolve("b-good.pcap").toString());
        assertThat(captures.get(1).get("flows").size()).isPositive();

        for (List<String> place : List.of(List.of("--output", readOnly.resolve("r.txt").toString()),
                List.of("--output-dir", readOnly.resolve("reports").toString()),
                List.of("--extract", readOnly.toString()))) {
            List<String> args = new java.util.ArrayList<>(List.of("analyze"));
            args.addAll(place);
            args.add(SEED.toString());
            Nobody run = Nobody.run(tmp, classpath, args.toArray(String[]::new));
            assertThat(run.exitCode()).as(place.toString()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
            assertThat(run.stderr().lines().toList()).as(place.toString()).containsExactly("ackwatch: " + place.get(0)
                    + " " + place.get(1) + ": no permission to write in " + readOnly
                    + "; choose a place you may write to, or change its permissions");
        }
    }

    private static void assertBadOneAndGoodOne(CommandLineRun run, Path bad, String kind, String says) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        Map<String, JsonNode> byFile = byFile(run);
        JsonNode error = byFile.get(bad.toString()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo(kind);
        assertThat(error.get("message").asText()).contains(says);
        assertThat(byFile.get(SEED.toString()).get("flows").size()).isPositive();
        assertThat(run.err().lines().toList()).as("the problem, then the run's summary").hasSize(2)
                .last().asString().startsWith("ackwatch: 2 captures (1 unreadable)");
        assertThat(run.err()).startsWith("ackwatch: " + bad).contains(says).doesNotContain("Exception");
    }

    private static Map<String, JsonNode> byFile(CommandLineRun run) {
        Map<String, JsonNode> out = new HashMap<>();
        try {
            for (JsonNode c : MAPPER.readTree(run.out()).get("captures")) {
                out.put(c.get("file").asText(), c);
            }
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + run.out(), e);
        }
        return out;
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return path;
    }

    /** The test classpath copied where nobody may read it (the Maven repository under /root is private). */
    private static String readableClasspath(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> entries = new java.util.ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = dir.resolve(n++ + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                try (var walk = Files.walk(from)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target);
                        }
                    }
                }
            } else if (Files.isRegularFile(from)) {
                Files.copy(from, to);
            } else {
                continue;
            }
            entries.add(to.toString());
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    record Nobody(int exitCode, String stderr) {
        static Nobody run(Path workDir, String classpath, String... args) throws IOException, InterruptedException {
            List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534",
                    "--regid=65534", "--clear-groups"));
            cmd.addAll(CliProcess.command(List.of("-XX:TieredStopAtLevel=1", "-Xshare:off"), classpath, List.of(args)));
            Path err = workDir.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            int exitCode = CliProcess.exitCode(p, 90, cmd);
            String stderr = Files.readString(err);
            assumeTrue(exitCode != 127 && !stderr.contains("Could not find or load main class"),
                    "could not start java as nobody: " + stderr);
            return new Nobody(exitCode, stderr);
        }
    }
}

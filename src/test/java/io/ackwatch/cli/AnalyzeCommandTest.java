package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: options, outputs and exit codes, as a user runs it. */
class AnalyzeCommandTest {
    private static final Path TESTDATA = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
    private static final Path SEED = TESTDATA.resolve("printer-stops-acking.pcap");

    @Test
    void helpListsExamplesAndExitCodes() {
        CommandLineRun run = CommandLineRun.of("analyze", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples", "Exit codes:", "--fail-on", "--format", "--printer");
    }

    @Test
    void versionNamesTheTool() {
        CommandLineRun run = CommandLineRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ackwatch ");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(CommandLineRun.of().exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("analyze", "--no-such-option", SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void severalFormatsWithoutOutputDirIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "text,json", SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains("--output-dir").doesNotContain("Exception");
    }

    @Test
    void badThresholdIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("analyze", "--threshold", "no-such-threshold=3", SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains("no-such-threshold");
    }

    @Test
    void missingFileExitsTwoWithOneLineInTheReport() throws IOException {
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "json", "no/such/file.pcap");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        JsonNode error = new ObjectMapper().readTree(run.out()).at("/captures/0/error");
        assertThat(error.get("kind").asText()).isEqualTo("not-found");
        assertThat(error.get("fatal").asBoolean()).isTrue();
        assertThat(error.get("message").asText()).contains("no/such/file.pcap").doesNotContain("\n");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void seedFailureExitsOneAndExplainsItself() {
        assumeTrue(Files.exists(SEED), "testdata/printer-stops-acking.pcap is absent");
        CommandLineRun run = CommandLineRun.of("analyze", "--color", "never", SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("failed", "missing-ack-after-two-segments", "tcp.stream eq 0");
    }

    @Test
    void failOnInfoCountsInfoFindingsAndFailureOnlyDoesNot(@TempDir Path tmp) {
        assumeTrue(Files.exists(SEED), "testdata/printer-stops-acking.pcap is absent");
        // The seed capture has failure findings: exit 1 at any --fail-on level.
        assertThat(CommandLineRun.of("analyze", "--fail-on", "info", SEED.toString()).exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(CommandLineRun.of("analyze", "--fail-on", "bogus", SEED.toString()).exitCode())
                .isEqualTo(ExitCodes.UNUSABLE_INPUT);
    }

    @Test
    void outputDirGetsOneFilePerFormat(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.exists(SEED), "testdata/printer-stops-acking.pcap is absent");
        CommandLineRun run = CommandLineRun.of("analyze", "--format", "text,json,junit,markdown,html",
                "--output-dir", tmp.toString(), SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).isEmpty();
        for (String ext : new String[] {"txt", "json", "xml", "md", "html"}) {
            Path f = tmp.resolve("ackwatch-report." + ext);
            assertThat(f).exists();
            assertThat(Files.size(f)).isPositive();
        }
    }

    @Test
    void extractWritesOnePcapngPerFailedConnection(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.exists(SEED), "testdata/printer-stops-acking.pcap is absent");
        CommandLineRun run = CommandLineRun.of("analyze", "--extract", tmp.toString(), "--format", "json",
                SEED.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("printer-stops-acking-stream0-failed.pcapng");
        }
    }

    @Test
    void extractKeepsEvidenceOfSameNamedCapturesApartAndTheirSnaplen(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.exists(SEED), "testdata/printer-stops-acking.pcap is absent");
        Path a = Files.createDirectories(tmp.resolve("site-a")).resolve("printer.pcap");
        Path b = Files.createDirectories(tmp.resolve("site-b")).resolve("printer.pcap");
        Files.copy(SEED, a);
        Files.copy(SEED, b);
        Path out = tmp.resolve("evidence");
        CommandLineRun run = CommandLineRun.of("analyze", "--extract", out.toString(), "--format", "json",
                a.toString(), b.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("printer-2-stream0-failed.pcapng", "printer-stream0-failed.pcapng");
        }
        byte[] original = Files.readAllBytes(SEED);
        byte[] extracted = Files.readAllBytes(out.resolve("printer-stream0-failed.pcapng"));
        // the pcapng interface block after the section header: link type (2 bytes), reserved, snaplen, as in the
        // original's pcap file header (snaplen at 16, link type at 20)
        java.nio.ByteBuffer e = java.nio.ByteBuffer.wrap(extracted).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer o = java.nio.ByteBuffer.wrap(original).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int idb = e.getInt(4);
        assertThat(e.getInt(idb)).as("block after the section header").isEqualTo(1);
        assertThat(e.getShort(idb + 8) & 0xffff).as("link type").isEqualTo(o.getInt(20));
        assertThat(e.getInt(idb + 12)).as("snaplen").isEqualTo(o.getInt(16));
    }
}

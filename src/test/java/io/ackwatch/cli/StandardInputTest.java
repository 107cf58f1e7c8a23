package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.testsupport.CliProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -} reads the capture from standard input, through a real pipe into a child process (surefire's own
 * stdin must not be read in-process): pcap, gzip and pcapng give the connections the file gives, and the size and
 * SHA-256 of the bytes piped in; --extract, which reads a capture twice, refuses it.
 */
class StandardInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TESTDATA = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
    private static final Path TIMELINE = TESTDATA.resolve("captures/s03-seed-timeline-client-cli1.pcap");

    @TempDir
    Path tmp;

    @Test
    void aPipedPcapIsAnalyzedAsTheFileIs() throws Exception {
        assumeTrue(Files.isRegularFile(TIMELINE), "testdata is absent");
        byte[] pcap = Files.readAllBytes(TIMELINE);
        JsonNode piped = capture(piped(pcap, "--format", "json", "-"));
        JsonNode file = capture(JSON.readTree(CommandLineRun.of("analyze", "--format", "json", TIMELINE.toString()).out()));
        assertThat(piped.get("file").asText()).isEqualTo("-");
        assertThat(piped.get("flows")).isEqualTo(file.get("flows"));
        assertThat(piped.get("sha256")).isEqualTo(file.get("sha256"));
        assertThat(piped.get("size_bytes").asLong()).isEqualTo(pcap.length);
    }

    @Test
    void aPipedGzipIsDecompressedAndHashedAsPiped() throws Exception {
        assumeTrue(Files.isRegularFile(TIMELINE), "testdata is absent");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(TIMELINE));
        }
        Path gzFile = Files.write(tmp.resolve("timeline.pcap.gz"), gz.toByteArray());
        JsonNode piped = capture(piped(gz.toByteArray(), "--format", "json", "-"));
        JsonNode file = capture(JSON.readTree(CommandLineRun.of("analyze", "--format", "json", gzFile.toString()).out()));
        assertThat(piped.get("compression").asText()).isEqualTo("gzip");
        assertThat(piped.get("flows")).isEqualTo(file.get("flows"));
        assertThat(piped.get("sha256")).isEqualTo(file.get("sha256"));
    }

    @Test
    void aPipedPcapngFromTsharkIsRead() throws Exception {
        assumeTrue(Files.isRegularFile(TIMELINE), "testdata is absent");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        Path pcapng = tmp.resolve("timeline.pcapng");
        Process convert = new ProcessBuilder("/usr/bin/tshark", "-r", TIMELINE.toString(), "-F", "pcapng", "-w",
                pcapng.toString()).redirectErrorStream(true).start();
        convert.getInputStream().readAllBytes();
        assertThat(CliProcess.exitCode(convert, 60, "tshark -F pcapng")).isZero();
        JsonNode piped = capture(piped(Files.readAllBytes(pcapng), "--format", "json", "-"));
        assertThat(piped.get("format").asText()).isEqualTo("pcapng");
        assertThat(piped.get("flows").size()).isEqualTo(capture(JSON.readTree(CommandLineRun.of("analyze",
                "--format", "json", TIMELINE.toString()).out())).get("flows").size());
    }

    @Test
    void extractRefusesStandardInputAndSaysWhy() {
        CommandLineRun run = CommandLineRun.of("analyze", "--extract", tmp.resolve("ev").toString(), "-");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(run.err()).contains("standard input can be read only once");
    }

    private JsonNode piped(byte[] input, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(List.of(args));
        List<String> cmd = CliProcess.command(List.of(), System.getProperty("java.class.path"), all);
        Path out = tmp.resolve("out.json");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
        }
        assertThat(CliProcess.exitCode(p, 60, cmd)).isIn(0, 1);
        return JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static JsonNode capture(JsonNode report) {
        return report.get("captures").get(0);
    }
}

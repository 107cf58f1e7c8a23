package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code analyze --extract DIR}: one pcap per failed or degraded connection, named after capture, stream and
 * verdict, holding exactly that connection's frames as Wireshark sees them in the original (timestamps, wire
 * and captured lengths, raw sequence numbers), with the original link type. This is the file that goes to the
 * vendor, so tshark (the corpus oracle) is the judge; the tshark part is skipped when tshark is not installed.
 */
class ExtractEvidenceTest {
    private static final List<String> FIELDS =
            List.of("-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "tcp.seq_raw");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"testdata/captures/s02-seed-failure-printer-port.pcap",
        "testdata/captures/s02-seed-failure-client-cli1.pcap",
        "testdata/captures/s03-seed-timeline-client-cli1.pcap"})
    void onePcapPerBadConnectionWithExactlyItsFrames(String path) throws Exception {
        Testdata.assumePresent();
        Path capture = Path.of(path);
        Path dir = tmp.resolve("evidence");
        CliRun run = CliRun.of("analyze", "--format", "json", "--extract", dir.toString(), path);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);

        Map<String, Integer> expected = expectedFiles(capture, run.out());
        long badInSidecar = Sidecar.of(capture).connections().stream().filter(c -> !c.verdict().equals("ok")).count();
        assertThat(expected).as("failed/degraded connections in the report vs. the generator's sidecar")
                .hasSize((int) badInSidecar);
        assertThat(fileNames(dir)).as("files in " + dir).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(run.err()).as("stderr names each evidence file").contains(dir.resolve(file).toString());
            assertThat(linkType(dir.resolve(file))).as("link type and timestamp precision of " + file)
                    .isEqualTo(linkType(capture));
        }

        assumeTrue(Tshark.available(), "tshark not installed; the frame-by-frame check of the extracted files"
                + " against the original is skipped (apt-get install tshark)");
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            Path extracted = dir.resolve(e.getKey());
            Tshark mine = Tshark.run(concat(List.of("-r", extracted.toString()), FIELDS));
            assertThat(mine.exitCode()).as("tshark exit code on " + extracted).isZero();
            assertThat(mine.warnings()).as("tshark stderr on " + extracted).isEmpty();

            Tshark original = Tshark.run(
                    concat(List.of("-r", path, "-Y", "tcp.stream eq " + e.getValue()), FIELDS));
            assertThat(original.exitCode()).as("tshark on the original").isZero();
            assertThat(original.lines()).as("the stream exists in the original").isNotEmpty();
            assertThat(mine.lines()).as(extracted + ": time, len, cap_len, raw seq of each frame, line by line,"
                    + " against tcp.stream eq " + e.getValue() + " in " + path)
                    .containsExactlyElementsOf(original.lines());
        }
    }

    /** File name to stream number, for every connection the report calls failed or degraded. */
    private static Map<String, Integer> expectedFiles(Path capture, String json) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        JsonNode report = new ObjectMapper().readTree(json);
        for (JsonNode flow : report.path("captures").get(0).path("flows")) {
            String verdict = flow.path("verdict").asText();
            if (!verdict.equals("ok")) {
                int stream = flow.path("stream").asInt();
                files.put(Testdata.name(capture) + "-stream" + stream + "-" + verdict + ".pcap", stream);
            }
        }
        return files;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Magic (byte order and µs/ns precision) and link type of a classic pcap file header. */
    private static String linkType(Path pcap) throws IOException {
        byte[] header = new byte[24];
        try (InputStream in = Files.newInputStream(pcap)) {
            assertThat(in.readNBytes(header, 0, 24)).as("pcap header of " + pcap).isEqualTo(24);
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        assertThat(magic).as("pcap magic of " + pcap).isIn(0xa1b2c3d4, 0xa1b23c4d);
        return (magic == 0xa1b23c4d ? "ns" : "us") + " linktype " + (b.getInt(20) & 0x0fffffff);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

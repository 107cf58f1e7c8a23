package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code analyze --extract DIR}: one pcapng per failed or degraded connection, named after capture, stream and
 * verdict, holding exactly that connection's frames as Wireshark sees them in the original (timestamps, wire
 * and captured lengths, raw sequence numbers, link type), each frame's comment naming its original frame, and
 * the report giving per finding a filter that selects, in the evidence file, exactly the finding's frames as
 * renumbered there. This is the file that goes to the vendor, so tshark (the corpus oracle) is the judge; the
 * tshark part is skipped when tshark is not installed.
 */
class ExtractEvidenceTest {
    /** The verdict word in the file name: schema v1's JSON writes an incomplete connection as degraded. */
    private static String fileVerdict(JsonNode flow) {
        boolean trouble = false;
        for (JsonNode f : flow.path("findings")) {
            trouble |= !f.path("severity").asText().equals("info");
        }
        return flow.path("outcome").asText().equals("incomplete") && !trouble ? "incomplete"
                : flow.path("verdict").asText();
    }

    private static final List<String> FIELDS = List.of("-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len",
            "-e", "frame.cap_len", "-e", "tcp.seq_raw", "-e", "frame.encap_type");
    private static final Pattern COMMENT = Pattern.compile("ackwatch: frame (\\d+) of (.+), tcp\\.stream (\\d+)");

    @TempDir
    Path tmp;

    static Stream<Path> capturesWithTrouble() {
        return Testdata.captures().stream().filter(c -> Sidecar.of(c).connections().stream()
                .anyMatch(k -> !k.verdict().equals("ok")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturesWithTrouble")
    void onePcapngPerBadConnectionWithItsFramesCommentsAndFiltersThatWorkInIt(Path capture) throws Exception {
        Testdata.assumePresent();
        Path dir = tmp.resolve("evidence");
        CliRun run = CliRun.of("analyze", "--format", "json", "--extract", dir.toString(), capture.toString());
        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);

        List<JsonNode> bad = new ArrayList<>();
        for (JsonNode flow : new ObjectMapper().readTree(run.out()).path("captures").get(0).path("flows")) {
            if (!flow.path("verdict").asText().equals("ok")) {
                bad.add(flow);
            }
        }
        // whether the verdicts are right is TestdataVerdictsTest's question (with its known gaps); here: every
        // connection the report calls failed or degraded, and only those, gets its evidence file
        List<String> names = new ArrayList<>();
        for (JsonNode flow : bad) {
            JsonNode evidence = flow.path("evidence");
            String name = Testdata.name(capture) + "-stream" + flow.path("stream").asInt() + "-"
                    + fileVerdict(flow) + ".pcapng";
            names.add(name);
            Path file = dir.resolve(name);
            assertThat(evidence.path("file").asText()).as("evidence of stream " + flow.path("stream"))
                    .isEqualTo(file.toString());
            assertThat(evidence.path("sha256").asText()).as("SHA-256 of " + file).isEqualTo(sha256(file));
            assertThat(evidence.path("filters")).as("one filter per finding of " + file)
                    .hasSize(flow.path("findings").size());
            assertThat(run.err()).as("stderr names each evidence file").contains(file.toString());
        }
        assertThat(fileNames(dir)).as("files in " + dir).containsExactlyInAnyOrderElementsOf(names);

        assumeTrue(Tshark.available(), "tshark not installed; the frame-by-frame check of the extracted files"
                + " against the original is skipped (apt-get install tshark)");
        for (JsonNode flow : bad) {
            checkWithTshark(capture, flow);
        }
    }

    private static void checkWithTshark(Path capture, JsonNode flow) throws Exception {
        int stream = flow.path("stream").asInt();
        JsonNode evidence = flow.path("evidence");
        String file = evidence.path("file").asText();
        Tshark mine = Tshark.run(concat(List.of("-r", file), FIELDS));
        assertThat(mine.exitCode()).as("tshark exit code on " + file).isZero();
        assertThat(mine.warnings()).as("tshark stderr on " + file).isEmpty();
        Tshark original = Tshark.run(concat(List.of("-r", capture.toString(), "-Y", "tcp.stream eq " + stream),
                FIELDS));
        assertThat(original.lines()).as("the stream exists in the original").isNotEmpty();
        assertThat(mine.lines()).as(file + ": time, len, cap_len, raw seq, link type of each frame, line by line,"
                + " against tcp.stream eq " + stream + " in " + capture)
                .containsExactlyElementsOf(original.lines());
        long packets = flow.path("packets").path("client").asLong() + flow.path("packets").path("server").asLong();
        assertThat(mine.lines()).as("frames in " + file + " = the connection's packets").hasSize((int) packets);
        assertThat(evidence.path("frames").asLong()).as("frames in the report").isEqualTo(packets);

        Tshark numbers = Tshark.run(List.of("-r", file, "-T", "fields", "-E", "separator=/t", "-e", "frame.number",
                "-e", "frame.comment", "-e", "tcp.stream"));
        Tshark originalFrames = Tshark.run(List.of("-r", capture.toString(), "-Y", "tcp.stream eq " + stream, "-T",
                "fields", "-e", "frame.number"));
        Map<Long, Long> renumbered = new HashMap<>();
        List<String> fromComments = new ArrayList<>();
        for (String line : numbers.lines()) {
            String[] f = line.split("\t");
            assertThat(f).as("frame number, comment, stream: " + line).hasSize(3);
            Matcher m = COMMENT.matcher(f[1]);
            assertThat(m.matches()).as("comment of frame " + f[0] + " in " + file + ": " + f[1]).isTrue();
            assertThat(m.group(2)).isEqualTo(capture.getFileName().toString());
            assertThat(Integer.parseInt(m.group(3))).isEqualTo(stream);
            assertThat(f[2]).as("tcp.stream of frame " + f[0] + " in " + file + ": one stream").isEqualTo("0");
            fromComments.add(m.group(1));
            renumbered.put(Long.parseLong(m.group(1)), Long.parseLong(f[0]));
        }
        assertThat(fromComments).as("original frame numbers in the comments of " + file)
                .containsExactlyElementsOf(originalFrames.lines());

        for (int i = 0; i < flow.path("findings").size(); i++) {
            JsonNode finding = flow.path("findings").get(i);
            JsonNode filter = evidence.path("filters").get(i);
            assertThat(filter.path("rule").asText()).isEqualTo(finding.path("rule").asText());
            TreeSet<Long> expected = new TreeSet<>();
            finding.path("frames").forEach(n -> expected.add(renumbered.get(n.asLong())));
            String text = filter.path("filter").asText();
            Tshark inCapture = Tshark.run(List.of("-r", capture.toString(), "-Y", finding.path("filter").asText(),
                    "-T", "fields", "-e", "frame.number"));
            assertThat(inCapture.exitCode()).as("the capture's own filter parses: " + finding.path("filter")
                    + " " + inCapture.warnings()).isZero();
            Tshark selected = Tshark.run(List.of("-r", file, "-Y", text, "-T", "fields", "-e", "frame.number"));
            assertThat(selected.exitCode()).as("tshark -Y '" + text + "' on " + file + ": " + selected.warnings())
                    .isZero();
            assertThat(selected.lines()).as("frames '" + text + "' selects in " + file + " for "
                    + finding.path("rule").asText())
                    .containsExactlyElementsOf(expected.stream().map(String::valueOf).toList());
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ring buffers analyzed as one capture, checked against Wireshark: testdata captures are split into ring files
 * the way dumpcap names them ({@code editcap -c}, every second file rewritten as pcap, so that a set mixes
 * formats) and the way tcpdump {@code -C} and {@code -C -W} write them; ackwatch's report on the set must give
 * every connection the stream number and first and last frame that tshark gives it in {@code mergecap -a} of the
 * set's files in the order ackwatch read them, judge every connection as it judges the unsplit capture (one
 * verdict for a connection split over two files, one per-printer timeline), and give per file frames and a
 * display filter that {@code tshark -Y} proves on that file: it selects exactly those frames, and they are the
 * same packets (time and length) as the set's frames in the merged file.
 */
class CaptureSetTsharkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
    /** Per-file filters proven with tshark per capture: each run costs a tshark start. */
    private static final int FILTERS_PROVEN_PER_SET = 4;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Testdata.assumePresent();
        for (String tool : List.of("editcap", "mergecap", "tshark")) {
            assumeTrue(runs(tool, "-h"), tool + " (Wireshark's wireshark-common/tshark packages) is not installed;"
                    + " the capture-set comparison with tshark is skipped");
        }
    }

    static Stream<Path> captures() {
        return Testdata.captures().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void aDumpcapRingOfMixedFormatsIsOneCaptureAsMergecapWouldMakeIt(Path capture) throws Exception {
        JsonNode whole = analyze(List.of(capture.toString()));
        long packets = whole.path("packets").asLong();
        Path ring = dir.resolve("ring");
        Files.createDirectories(ring);
        run("editcap", "-F", "pcapng", "-c", Long.toString(Math.max(3, packets / 4)), capture.toString(),
                ring.resolve("ring.pcapng").toString());
        List<Path> files = sorted(ring);
        for (int i = 1; i < files.size(); i += 2) {
            Path asPcap = dir.resolve("as.pcap");
            run("editcap", "-F", i % 4 == 1 ? "pcap" : "nsecpcap", files.get(i).toString(), asPcap.toString());
            Files.move(asPcap, files.get(i), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode set = analyze(List.of(ring.toString()));
        assertThat(set.path("set_files")).as("the ring's files, read as one capture").hasSize(files.size());
        assertSameAsMergecap(set, whole);
    }

    @Test
    void tcpdumpRingsBySizeAreFoundByTheirNamesWithAndWithoutAFileCount() throws Exception {
        Path big = bigCapture();
        JsonNode whole = analyze(List.of(big.toString()));
        for (List<String> rotation : List.of(List.of("-C", "1"), List.of("-C", "1", "-W", "12"))) {
            Path ring = Files.createDirectories(dir.resolve("tcpdump" + rotation.size()));
            List<String> command = new ArrayList<>(List.of("tcpdump", "-Z", System.getProperty("user.name"), "-r",
                    big.toString(), "-w", ring.resolve("trace.pcap").toString()));
            command.addAll(rotation);
            assumeTrue(runs(command.toArray(String[]::new)), "tcpdump is not installed or cannot write; skipped");
            List<Path> files = sorted(ring);
            assertThat(files).as("tcpdump %s split the capture", rotation).hasSizeGreaterThan(2);
            JsonNode set = analyze(List.of(ring.toString()));
            assertThat(set.path("file").asText()).isEqualTo(ring.resolve("trace.pcap") + "*");
            assertThat(set.path("set_files")).hasSize(files.size());
            assertSameAsMergecap(set, whole);
        }
    }

    @Test
    void aMissingMiddleFileIsWarnedAboutAndTheRestIsNumberedAsMergecapNumbersIt() throws Exception {
        Path ring = dumpcapRing(Testdata.ROOT.resolve("captures/s03-seed-timeline-printer-port.pcap"), 40);
        List<Path> files = sorted(ring);
        Files.delete(files.get(2));
        JsonNode set = analyze(List.of(ring.toString()));
        assertThat(set.path("warnings").toString()).contains("file number 2 is missing between");
        assertThat(set.path("set_files")).hasSize(files.size() - 1);
        assertStreamsAsMergecap(set);
    }

    @Test
    void theNewestFileCutShortAndAnEmptyNextFileAreWarningsNotErrors() throws Exception {
        Path ring = dumpcapRing(Testdata.ROOT.resolve("captures/s03-seed-timeline-printer-port.pcap"), 40);
        List<Path> files = sorted(ring);
        Path newest = files.get(files.size() - 1);
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 7); // dumpcap had written only part of the last record
        }
        CliRun run = CliRun.of("analyze", "--format", "json", ring.toString());
        assertThat(run.exitCode()).as(run.describe()).isNotEqualTo(2);
        JsonNode set = JSON.readTree(run.out()).path("captures").get(0);
        assertThat(set.path("error").isNull()).as("no error: %s", set.path("error")).isTrue();
        assertThat(set.path("warnings").toString()).contains("still being written");

        Files.createFile(ring.resolve("ring_00099_20261207013000.pcapng"));
        run = CliRun.of("analyze", "--format", "json", ring.toString());
        assertThat(run.exitCode()).as(run.describe()).isNotEqualTo(2);
        set = JSON.readTree(run.out()).path("captures").get(0);
        assertThat(set.path("warnings").toString())
                .contains("ring_00099_20261207013000.pcapng: empty, as the file a ring buffer has just begun is");
    }

    @Test
    void textMarkdownAndHtmlPrintThePerFileFiltersTheJsonReportHas() throws Exception {
        Path ring = dumpcapRing(Testdata.ROOT.resolve("captures/s03-seed-timeline-printer-port.pcap"), 40);
        JsonNode set = analyze(List.of(ring.toString()));
        List<String> fromJson = new ArrayList<>();
        set.path("flows").forEach(flow -> flow.path("findings").forEach(finding -> finding.path("in_files").forEach(
                part -> fromJson.add("in " + part.path("file").asText() + ": " + part.path("filter").asText()))));
        assertThat(fromJson).as("per-file filters of the troubled connections").isNotEmpty();
        CliRun text = CliRun.of("analyze", ring.toString());
        List<String> printed = text.out().lines().map(String::strip)
                .filter(l -> l.startsWith("in ") && l.contains(": frame.number in {")).toList();
        assertThat(printed).isEqualTo(fromJson);
        List<String> markdown = new ArrayList<>();
        set.path("flows").forEach(flow -> flow.path("findings").forEach(finding -> finding.path("in_files").forEach(
                part -> markdown.add("- `" + finding.path("rule").asText() + "` in `" + part.path("file").asText()
                        + "`: `" + part.path("filter").asText() + "`"))));
        CliRun md = CliRun.of("analyze", "--format", "markdown", ring.toString());
        assertThat(md.out().lines().filter(l -> l.contains("`: `frame.number in {")).toList()).isEqualTo(markdown);
        CliRun html = CliRun.of("analyze", "--format", "html", ring.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "In ([^<]+) opened alone:</p><div class=\"filter-row\"><pre class=\"filter\"><code>([^<]+)</code>")
                .matcher(html.out());
        List<String> inHtml = new ArrayList<>();
        while (m.find()) {
            inHtml.add("in " + m.group(1) + ": " + m.group(2));
        }
        assertThat(inHtml).as("HTML lists failed connections first").containsExactlyInAnyOrderElementsOf(fromJson);
        proveFileFilters(set, mergedPackets(set));
    }

    @Test
    void asOneReadsCapturesOfAnyNamesInTimeOrder() throws Exception {
        Path later = Testdata.ROOT.resolve("captures/s04-refused-and-gone-printer-port.pcap");
        Path earlier = Testdata.ROOT.resolve("captures/s02-seed-failure-printer-port.pcap");
        JsonNode set = analyze(List.of("--as-one", later.toString(), earlier.toString()));
        assertThat(set.path("set_files")).hasSize(2);
        assertStreamsAsMergecap(set);
    }

    @Test
    void asOneJoinsFilesOfDifferentLinkTypesAndFormats() throws Exception {
        Corpus.assumeCorpus();
        List<String> args = new ArrayList<>(List.of("--as-one"));
        for (String name : List.of("sll.pcap", "four_ipv6_http_streams.pcap", "pcapng-example.pcapng")) {
            args.add(Corpus.capture(name).path().toString());
        }
        args.add(Testdata.SEED.toString());
        JsonNode set = analyze(args);
        assertThat(set.path("set_files")).hasSize(4);
        assertThat(set.path("link_types").toString()).contains("LINUX_SLL", "RAW", "EN10MB");
        assertStreamsAsMergecap(set);
    }

    /**
     * Flows, printers and scans as in the unsplit capture (times compared as instants: a set with a nanosecond file
     * prints nine digits); streams and per-file frames as tshark says.
     */
    private void assertSameAsMergecap(JsonNode set, JsonNode whole) throws Exception {
        assertThat(comparable(set.path("flows"))).as("connections judged as in the unsplit capture")
                .isEqualTo(comparable(whole.path("flows")));
        assertThat(comparable(set.path("printers"))).as("one per-printer timeline")
                .isEqualTo(comparable(whole.path("printers")));
        assertThat(comparable(set.path("scans"))).isEqualTo(comparable(whole.path("scans")));
        assertThat(set.path("packets")).isEqualTo(whole.path("packets"));
        assertStreamsAsMergecap(set);
    }

    /** Every connection's stream, first and last frame as tshark on the set's files merged with mergecap -a. */
    private void assertStreamsAsMergecap(JsonNode set) throws Exception {
        Tshark t = Tshark.run(List.of("-r", merged(set).toString(), "-T", "fields", "-e", "frame.number", "-e",
                "tcp.stream", "-e", "frame.time_epoch", "-e", "frame.len"));
        Map<Long, Long> firstOf = new HashMap<>();
        Map<Long, Long> lastOf = new HashMap<>();
        Map<Long, String> packet = new HashMap<>();
        for (String line : t.lines()) {
            String[] f = line.split("\t", -1);
            long frame = Long.parseLong(f[0]);
            packet.put(frame, f[2] + " " + f[3]);
            if (!f[1].isEmpty()) {
                firstOf.putIfAbsent(Long.parseLong(f[1]), frame);
                lastOf.put(Long.parseLong(f[1]), frame);
            }
        }
        assertThat(set.path("flows")).as("connections to compare").isNotEmpty();
        for (JsonNode flow : set.path("flows")) {
            long stream = flow.path("stream").asLong();
            assertThat(List.of(flow.path("first_frame").asLong(), flow.path("last_frame").asLong()))
                    .as("first and last frame of tcp.stream %d in mergecap -a of the set", stream)
                    .containsExactly(firstOf.get(stream), lastOf.get(stream));
        }
        proveFileFilters(set, packet);
    }

    /** {@code mergecap -a} of the set's files in the order the report lists them. */
    private Path merged(JsonNode set) throws Exception {
        Path merged = dir.resolve("merged.pcapng");
        List<String> command = new ArrayList<>(List.of("mergecap", "-a", "-w", merged.toString()));
        set.path("set_files").forEach(f -> command.add(f.path("file").asText()));
        run(command.toArray(String[]::new));
        return merged;
    }

    /** Time and length of each frame of the merged set, by frame number. */
    private Map<Long, String> mergedPackets(JsonNode set) throws Exception {
        Map<Long, String> packet = new HashMap<>();
        for (String line : Tshark.run(List.of("-r", merged(set).toString(), "-T", "fields", "-e", "frame.number", "-e",
                "frame.time_epoch", "-e", "frame.len")).lines()) {
            String[] f = line.split("\t", -1);
            packet.put(Long.parseLong(f[0]), f[1] + " " + f[2]);
        }
        return packet;
    }

    /** Some per-file filters, each run with tshark -Y on its file: exactly its frames, the set's packets. */
    private static void proveFileFilters(JsonNode set, Map<Long, String> mergedPacket) throws Exception {
        Map<String, Long> firstFrameOf = new HashMap<>();
        set.path("set_files").forEach(f -> firstFrameOf.put(f.path("file").asText(), f.path("first_frame").asLong()));
        int proven = 0;
        for (JsonNode flow : set.path("flows")) {
            for (JsonNode finding : flow.path("findings")) {
                for (JsonNode part : finding.path("in_files")) {
                    if (proven++ == FILTERS_PROVEN_PER_SET) {
                        return;
                    }
                    String file = part.path("file").asText();
                    Tshark t = Tshark.run(List.of("-r", file, "-Y", part.path("filter").asText(), "-T", "fields", "-e",
                            "frame.number", "-e", "frame.time_epoch", "-e", "frame.len"));
                    assertThat(t.warnings()).as("tshark on %s", part).isEmpty();
                    List<Long> selected = new ArrayList<>();
                    List<String> packets = new ArrayList<>();
                    List<String> expected = new ArrayList<>();
                    for (String line : t.lines()) {
                        String[] f = line.split("\t", -1);
                        selected.add(Long.parseLong(f[0]));
                        packets.add(f[1] + " " + f[2]);
                        expected.add(mergedPacket.get(Long.parseLong(f[0]) + firstFrameOf.get(file) - 1));
                    }
                    List<Long> named = new ArrayList<>();
                    part.path("frames").forEach(n -> named.add(n.asLong()));
                    assertThat(selected).as("frames tshark -Y selects in %s", file).isEqualTo(named);
                    assertThat(packets).as("the same packets as in the merged set").isEqualTo(expected);
                }
            }
        }
    }

    /** The report's one capture, as JSON, of ackwatch analyze with {@code args}. */
    private static JsonNode analyze(List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("analyze", "--format", "json", "--all-flows"));
        all.addAll(args);
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
        JsonNode captures = JSON.readTree(run.out()).path("captures");
        assertThat(captures).as("one capture").hasSize(1);
        return captures.get(0);
    }

    private Path dumpcapRing(Path capture, int packetsPerFile) throws Exception {
        Path ring = Files.createDirectories(dir.resolve("ring"));
        run("editcap", "-F", "pcapng", "-c", Integer.toString(packetsPerFile), capture.toString(),
                ring.resolve("ring.pcapng").toString());
        return ring;
    }

    /** All testdata captures in one, in time order, big enough for tcpdump's smallest -C (1 MB). */
    private Path bigCapture() throws Exception {
        Path big = dir.resolve("big.pcap");
        List<String> command = new ArrayList<>(List.of("mergecap", "-F", "pcap", "-w", big.toString()));
        Testdata.captures().forEach(p -> command.add(p.toString()));
        run(command.toArray(String[]::new));
        return big;
    }

    private static List<Path> sorted(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** A copy without the per-file frames a single capture has none of, its times as instants. */
    private static JsonNode comparable(JsonNode node) {
        JsonNode copy = node.deepCopy();
        normalize(copy);
        return copy;
    }

    private static void normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("in_files");
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String text = o.get(name).asText();
                if (o.get(name).isTextual() && TIMESTAMP.matcher(text).matches()) {
                    o.put(name, Instant.parse(text).toString());
                }
            }
        }
        node.forEach(CaptureSetTsharkTest::normalize);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

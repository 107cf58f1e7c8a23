package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.capture.BpfFilter;
import io.ackwatch.capture.InvalidFilterException;
import io.ackwatch.capture.LibpcapUnavailableException;
import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream numbers are the original file's whatever {@code --filter}, {@code --printer}, {@code --printer-port} or
 * {@code --all-flows} select: each run is compared with tshark (the corpus oracle) on the ORIGINAL file, through a
 * display filter that selects the same packets as the libpcap filter. For every stream with a selected packet,
 * tshark's {@code tcp.stream}, first and last selected frame, selected packet count and endpoints must be what the
 * report says; the judged streams must be exactly those the printer options name, the others counted as other
 * flows. Skipped when tshark, or for {@code --filter} libpcap, is not installed.
 */
class FilteredStreamNumbersTest {
    private static final List<String> FIELDS = List.of("-n", "-T", "fields", "-E", "occurrence=l", "-e",
            "frame.number", "-e", "tcp.stream", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "ip.dst",
            "-e", "ipv6.dst", "-e", "tcp.dstport");
    private static final String PARTIAL_WARNING = "--filter kept only some frames of ";
    private static final Set<Integer> PRINTER_PORTS = Set.of(9100, 9101, 9102, 515, 631);

    @TempDir
    Path tmp;

    /**
     * One run: capture (testdata/ or corpus-relative), ackwatch options, the display filter selecting the packets
     * the libpcap filter selects ({@code tcp} without one), which streams are judged (by their two endpoints),
     * and whether the filter keeps only part of some connection.
     */
    record Case(String capture, List<String> options, String display, Predicate<Set<String>> judged,
            boolean partial) {
        @Override
        public String toString() {
            return capture.substring(capture.lastIndexOf('/') + 1) + " " + String.join(" ", options);
        }
    }

    static Stream<Arguments> cases() {
        String s01 = "testdata/captures/s01-healthy-middle.pcap";
        String s03 = "testdata/captures/s03-seed-timeline-printer-port.pcap";
        String s04 = "testdata/captures/s04-refused-and-gone-printer-port.pcap";
        String s09 = "testdata/captures/s09-ipv6-printer-port.pcap";
        String http = "files/seladb__PcapPlusPlus/650HttpResponses.pcap";
        String arkime = "files/arkime__arkime/arkime_synthetic.pcap";
        String reuse = "files/arkime__arkime/tcp_handshake_synthetic.pcap";
        String nmap = "files/zeek__zeek/nmap-vsn.pcap";
        Predicate<Set<String>> printerPort = ends -> ends.stream().anyMatch(e -> PRINTER_PORTS.contains(port(e)));
        Predicate<Set<String>> all = ends -> true;
        return Stream.of(
                new Case(s03, List.of("--filter", "host 10.99.1.3"), "ip.addr == 10.99.1.3", printerPort, false),
                new Case(s03, List.of("--filter", "tcp port 9100 and host 10.99.1.3"),
                        "tcp.port == 9100 && ip.addr == 10.99.1.3", printerPort, false),
                // one direction: the printer's packets are numbered but not analysed
                new Case(s03, List.of("--filter", "src host 10.99.1.3"), "ip.src == 10.99.1.3", printerPort, true),
                new Case(s04, List.of("--printer", "10.99.2.9"), "tcp",
                        ends -> ends.contains("10.99.2.9:9100"), false),
                new Case(s04, List.of("--filter", "host 10.99.2.11"), "ip.addr == 10.99.2.11", printerPort, false),
                new Case(s01, List.of("--filter", "not host 10.99.1.2"), "!(ip.addr == 10.99.1.2)", printerPort,
                        false),
                new Case(s01, List.of("--printer-port", "631", "--filter", "tcp port 631 or tcp port 515"),
                        "tcp.port == 631 || tcp.port == 515", ends -> ends.contains("10.99.2.9:631"), false),
                new Case(s09, List.of("--all-flows", "--filter", "host fd00:99:1::3"), "ipv6.addr == fd00:99:1::3",
                        all, false),
                new Case(http, List.of("--all-flows", "--filter", "host 77.72.118.213"), "ip.addr == 77.72.118.213",
                        all, false),
                new Case(http, List.of("--printer", "212.58.246.84:80"), "tcp",
                        ends -> ends.contains("212.58.246.84:80"), false),
                new Case(arkime, List.of("--all-flows", "--filter", "ip6"), "ipv6", all, false),
                new Case(arkime, List.of("--all-flows", "--filter", "not port 80"), "!(tcp.port == 80)", all, false),
                // no SYN reaches the analysis, yet a SYN with a new ISN on a used tuple still opens a new stream
                new Case(reuse, List.of("--all-flows", "--filter", "tcp[tcpflags] & tcp-syn == 0"),
                        "tcp.flags.syn == 0", all, true),
                new Case(nmap, List.of("--printer", "192.168.1.65:443", "--filter", "host 192.168.1.65"),
                        "ip.addr == 192.168.1.65", ends -> ends.contains("192.168.1.65:443"), false),
                new Case(nmap, List.of("--all-flows", "--filter", "dst port 443"), "tcp.dstport == 443", all, true))
                .map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamNumbersFirstAndLastFramesAreThoseOfTheOriginalFile(Case c) throws Exception {
        Path capture = resolve(c.capture());
        assumeTools(c.options().contains("--filter"));
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(c.options());
        args.add(capture.toString());
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(run.out()).path("captures").get(0);
        assertThat(report.path("error").isNull()).as("error in " + run.describe()).isTrue();

        Map<Integer, Frames> oracle = tsharkStreams(capture, c.display());
        Map<Integer, String> expected = new TreeMap<>();
        oracle.forEach((stream, s) -> {
            if (c.judged().test(s.ends)) {
                expected.put(stream, s.toString());
            }
        });
        Map<Integer, String> reported = new TreeMap<>();
        for (JsonNode flow : report.path("flows")) {
            Set<String> ends = new TreeSet<>(List.of(flow.path("client").asText(), flow.path("server").asText()));
            long packets = flow.path("packets").path("client").asLong() + flow.path("packets").path("server").asLong();
            String was = reported.put(flow.path("stream").asInt(), new Frames(flow.path("first_frame").asLong(),
                    flow.path("last_frame").asLong(), packets, ends).toString());
            assertThat(was).as("stream reported twice").isNull();
        }

        assertThat(expected).as("tshark streams of the judged connections, with the packets the filter selects")
                .isNotEmpty();
        assertThat(expected.keySet()).as("some earlier connection is left out, so renumbering would show")
                .isNotEqualTo(new TreeSet<>(IntStream.range(0, expected.size()).boxed().toList()));
        assertThat(reported).as(run.describe() + "\nstream -> first..last frame, packets, endpoints, against tshark -r "
                + capture + " -Y '" + c.display() + "'").isEqualTo(expected);
        assertThat(report.path("other_tcp_flows").asInt()).as("streams selected but not judged")
                .isEqualTo(oracle.size() - expected.size());
        long tcpFrames = oracle.values().stream().mapToLong(s -> s.packets).sum();
        assertThat(report.path("tcp_packets").asLong()).as("TCP packets analysed: those the filter selects")
                .isEqualTo(tcpFrames);
        List<String> warnings = new ArrayList<>();
        report.path("warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(warnings.stream().anyMatch(w -> w.startsWith(PARTIAL_WARNING)))
                .as("warning that the filter cut connections; warnings: " + warnings).isEqualTo(c.partial());
    }

    /** The evidence files of {@code --extract} carry the original stream numbers and the frames analysed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("extractCases")
    void evidenceFilesAreNamedAndFilledByTheOriginalStreamNumbers(String bpf, String display) throws Exception {
        Path capture = resolve("testdata/captures/s03-seed-timeline-printer-port.pcap");
        assumeTools(true);
        Path dir = tmp.resolve("evidence");
        CliRun run = CliRun.of("analyze", "--format", "json", "--filter", bpf, "--extract", dir.toString(),
                capture.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        List<Integer> bad = new ArrayList<>();
        for (JsonNode flow : new ObjectMapper().readTree(run.out()).path("captures").get(0).path("flows")) {
            if (!flow.path("verdict").asText().equals("ok")) {
                bad.add(flow.path("stream").asInt());
            }
        }
        assertThat(bad).as("failed or degraded connections").isNotEmpty().doesNotContain(0);
        List<String> fields = List.of("-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "tcp.seq_raw");
        for (int stream : bad) {
            Path[] files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().contains("-stream" + stream + "-"))
                        .toArray(Path[]::new);
            }
            assertThat(files).as("evidence file of stream " + stream + " in " + dir).hasSize(1);
            Tshark mine = Tshark.run(concat(List.of("-r", files[0].toString()), fields));
            Tshark original = Tshark.run(concat(List.of("-r", capture.toString(), "-Y",
                    "tcp.stream eq " + stream + " && " + display), fields));
            assertThat(original.lines()).as("stream " + stream + " in the original").isNotEmpty();
            assertThat(mine.lines()).as(files[0] + " against tcp.stream eq " + stream + " && " + display)
                    .containsExactlyElementsOf(original.lines());
        }
    }

    static Stream<Arguments> extractCases() {
        return Stream.of(Arguments.of("host 10.99.1.3", "ip.addr == 10.99.1.3"),
                Arguments.of("src host 10.99.1.3", "ip.src == 10.99.1.3"));
    }

    /** Per stream, the frames tshark selects: first, last, how many, and the two endpoints. */
    private record Frames(long first, long last, long packets, Set<String> ends) {
        @Override
        public String toString() {
            return first + ".." + last + " " + packets + " packets " + ends;
        }
    }

    private static Map<Integer, Frames> tsharkStreams(Path capture, String display) throws Exception {
        Tshark t = Tshark.run(concat(List.of("-r", capture.toString(), "-Y", "tcp && (" + display + ")"), FIELDS));
        assertThat(t.exitCode()).as("tshark exit code on " + capture + ", stderr " + t.warnings()).isZero();
        Map<Integer, Frames> streams = new TreeMap<>();
        for (String line : t.lines()) {
            String[] f = line.split("\t", -1);
            long frame = Long.parseLong(f[0]);
            Set<String> ends = new TreeSet<>(List.of(endpoint(f[2], f[3], f[4]), endpoint(f[5], f[6], f[7])));
            streams.merge(Integer.parseInt(f[1]), new Frames(frame, frame, 1, ends),
                    (a, b) -> new Frames(a.first, b.last, a.packets + 1, a.ends));
        }
        return streams;
    }

    private static String endpoint(String ipv4, String ipv6, String port) {
        return ipv4.isEmpty() ? "[" + ipv6 + "]:" + port : ipv4 + ":" + port;
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static Path resolve(String capture) {
        if (capture.startsWith("testdata/")) {
            Testdata.assumePresent();
            return Path.of(capture); // relative, as users type it
        }
        return Corpus.assumeCorpus().resolve(capture);
    }

    private static void assumeTools(boolean needsLibpcap) {
        assumeTrue(Tshark.available(), "tshark not installed (apt-get install tshark); stream numbers under"
                + " --filter/--printer are checked against it, so this test is skipped");
        if (needsLibpcap) {
            try (BpfFilter filter = BpfFilter.compile("tcp")) {
                assertThat(filter.expression()).isEqualTo("tcp");
            } catch (LibpcapUnavailableException e) {
                assumeTrue(false, "libpcap is not installed (apt-get install libpcap0.8); --filter cannot run, so"
                        + " this test is skipped");
            } catch (InvalidFilterException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

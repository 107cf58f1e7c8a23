package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackwatch.correlate.CaptureCorrelation;
import io.ackwatch.correlate.ConnectionCorrelation;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.correlate.Correlator;
import io.ackwatch.correlate.PacketFate;
import io.ackwatch.correlate.PacketSighting;
import io.ackwatch.correlate.PairStatus;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Direction;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.report.ReportFormat;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario captured at two or more points, correlated, against its correlation sidecar (written by the
 * generator from the faults it injected, never from ackwatch): per pair of points, the clock offset within 1 ms,
 * and per connection the combined verdict, where the trouble lies, exactly the packets lost between the points
 * (as the dropping rule selects them) and no capture loss.
 */
class CorrelationTestdataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CLOCK_TOLERANCE_NANOS = 1_000_000;
    private static final Map<Path, CaptureResult> ANALYZED = new ConcurrentHashMap<>();

    static Stream<Path> sidecars() throws IOException {
        Testdata.assumePresent();
        try (Stream<Path> files = Files.list(Testdata.ROOT.resolve("captures"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".correlation.json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void correlationAgreesWithWhatTheGeneratorInjected(Path sidecar) throws IOException {
        JsonNode side = JSON.readTree(sidecar.toFile());
        Correlations found = Correlator.correlate(report(side), false);
        for (JsonNode pair : side.get("pairs")) {
            String up = pair.get("upstream").asText();
            String down = pair.get("downstream").asText();
            CaptureCorrelation got = found.pairs().stream()
                    .filter(p -> p.upstreamFile().endsWith("/" + up) && p.downstreamFile().endsWith("/" + down))
                    .findFirst().orElseThrow(() -> new AssertionError(up + " before " + down + " not found in "
                            + found.pairs().stream().map(p -> p.upstreamFile() + " / " + p.downstreamFile()).toList()));
            assertThat(got.status()).isEqualTo(PairStatus.CORRELATED);
            long expectedOffset = Math.round((side.get("clock_shift_s").get(down).asDouble()
                    - side.get("clock_shift_s").get(up).asDouble()) * 1e9) + asymmetry(pair);
            assertThat(got.clock().offsetNanos()).as("%s: clock offset of %s against %s", sidecar, down, up)
                    .isBetween(expectedOffset - CLOCK_TOLERANCE_NANOS, expectedOffset + CLOCK_TOLERANCE_NANOS);
            for (JsonNode conn : pair.get("connections")) {
                ConnectionCorrelation c = got.connections().stream()
                        .filter(x -> x.client().toString().equals(conn.get("client").asText())
                                && x.server().toString().equals(conn.get("server").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError(conn.get("client") + " not in both " + up
                                + " and " + down));
                String what = sidecar.getFileName() + " " + up + " / " + down + " " + conn.get("client").asText();
                assertThat(c.verdict().reportName()).as(what + " verdict").isEqualTo(conn.get("verdict").asText());
                assertThat(c.location().reportName()).as(what + " located: " + c.reason())
                        .isEqualTo(conn.get("located").asText());
                assertThat(nat(c)).as(what + " NAT between the points").isEqualTo(conn.path("nat").toString());
                assertThat(c.count(PacketFate.MISSED_BY_SENDER_CAPTURE)).as(what + " capture loss")
                        .isEqualTo(conn.get("capture_loss").asLong());
                List<Long> expectedLost = new ArrayList<>();
                for (JsonNode rule : conn.get("lost")) {
                    expectedLost.addAll(selected(c, rule));
                }
                List<Long> lost = c.packets().stream().filter(p -> p.fate() == PacketFate.LOST_BETWEEN)
                        .map(CorrelationTestdataTest::senderFrame).sorted().toList();
                assertThat(lost).as(what + " frames lost between the points (sender side)")
                        .isEqualTo(expectedLost.stream().sorted().toList());
                if (!conn.get("lost").isEmpty()) {
                    assertThat(c.notCompared()).as(what).isNull();
                }
            }
        }
    }

    /** The sidecar's "nat" object for what the correlation found ("" when both points saw the same endpoints). */
    private static String nat(ConnectionCorrelation c) {
        if (c.nat() == null) {
            return "";
        }
        ObjectNode nat = JSON.createObjectNode();
        if (c.nat().clientTranslated()) {
            nat.putObject("client").put("upstream", c.nat().upstreamClient().toString())
                    .put("downstream", c.nat().downstreamClient().toString());
        }
        if (c.nat().serverTranslated()) {
            nat.putObject("printer").put("upstream", c.nat().upstreamServer().toString())
                    .put("downstream", c.nat().downstreamServer().toString());
        }
        return nat.toString();
    }

    /** The clock estimate assumes the fastest packet takes as long each way: a one-way path delay shifts it. */
    private static long asymmetry(JsonNode pair) {
        long forward = Long.MAX_VALUE;
        long back = Long.MAX_VALUE;
        for (JsonNode conn : pair.get("connections")) {
            JsonNode delay = conn.get("path_delay_ms");
            forward = Math.min(forward, delay == null ? 0 : delay.path("client-to-printer").asLong(0));
            back = Math.min(back, delay == null ? 0 : delay.path("printer-to-client").asLong(0));
        }
        return (forward - back) * 1_000_000 / 2;
    }

    /** The sender-side frames of the packets a dropping rule selects, counted in the order they left the sender. */
    private static List<Long> selected(ConnectionCorrelation c, JsonNode rule) {
        Direction direction = rule.get("direction").asText().equals("client-to-printer")
                ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        List<PacketSighting> candidates = c.packets().stream()
                .filter(p -> p.direction() == direction && senderFrame(p) > 0)
                .filter(p -> switch (rule.get("select").asText()) {
                    case "full-size" -> p.len() == 1460;
                    case "pure-ack" -> (p.tcpFlags() & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) == 0;
                    default -> throw new AssertionError("unknown select " + rule.get("select"));
                })
                .sorted(Comparator.comparingLong(CorrelationTestdataTest::senderFrame)).toList();
        return IntStream.range(0, candidates.size())
                .filter(i -> rule.has("every") ? i % rule.get("every").asInt() == rule.get("index").asInt()
                        : !rule.has("first") || i < rule.get("first").asInt())
                .mapToObj(i -> senderFrame(candidates.get(i))).toList();
    }

    private static long senderFrame(PacketSighting p) {
        return p.direction() == Direction.CLIENT_TO_SERVER ? p.upstreamFrame() : p.downstreamFrame();
    }

    @Test
    void everyCorrelatedFilterSelectsExactlyItsFramesInTshark() throws Exception {
        assumeTrue(Tshark.available(), "tshark not found on PATH: display filters not checked (CI installs tshark)");
        Pattern frames = Pattern.compile("frames? ([0-9, –]+) in ([AB]),");
        for (String scenario : List.of("s06-lossy-network", "s07-acks-lost", "s11-acks-lost-printer-gives-up",
                "s20-nat")) {
            Path sidecar = Testdata.ROOT.resolve("captures/" + scenario + ".correlation.json");
            Report report = report(JSON.readTree(sidecar.toFile()));
            Correlations found = Correlator.correlate(report, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportFormat.TEXT.writer(ReportOptions.defaults().withCorrelations(found)).write(report, out);
            List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
            String a = null;
            String b = null;
            int checked = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("A  ")) {
                    a = line.substring(3, line.indexOf("  (", 3));
                } else if (line.startsWith("B  ")) {
                    b = line.substring(3, line.indexOf("  (", 3));
                } else if (line.startsWith("filter in ")) {
                    Matcher m = frames.matcher(lines.get(i - 1));
                    assertThat(m.find()).as(lines.get(i - 1)).isTrue();
                    String capture = line.charAt("filter in ".length()) == 'A' ? a : b;
                    String filter = line.substring("filter in A: ".length());
                    Tshark t = Tshark.run(List.of("-r", capture, "-Y", filter, "-T", "fields", "-e", "frame.number"));
                    assertThat(t.exitCode()).as(filter).isZero();
                    assertThat(String.join(", ", t.lines())).as(capture + ": " + filter)
                            .isEqualTo(expand(m.group(1)));
                    checked++;
                }
            }
            assertThat(checked).as(scenario + ": filters printed").isPositive();
        }
    }

    /** "5, 7, 47" or "6–9, 12" as the frames one by one. */
    private static String expand(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(", ")) {
            String[] range = part.trim().split("–");
            long from = Long.parseLong(range[0]);
            long to = range.length > 1 ? Long.parseLong(range[1]) : from;
            for (long f = from; f <= to; f++) {
                out.add(Long.toString(f));
            }
        }
        return String.join(", ", out);
    }

    private static Report report(JsonNode side) {
        List<CaptureResult> results = new ArrayList<>();
        for (JsonNode name : side.get("captures")) {
            Path capture = Testdata.ROOT.resolve("captures").resolve(name.asText());
            results.add(ANALYZED.computeIfAbsent(capture, p -> new CaptureAnalyzer(AnalysisSettings.defaults())
                    .analyze(p, p.toString(), ProgressListener.NONE)));
        }
        return new Report("test", results);
    }
}

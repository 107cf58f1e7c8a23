package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobReader;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated printer-failure captures in {@code testdata/} judged end to end (reader, decoder, flow tracker
 * with detail for printer connections, job reader, verdict engine) against their sidecars. The sidecars say what
 * the generator injected and what one capture point can prove (verdict, fault, rules that must fire); they were
 * written from the generator, never from ackwatch output. Rules may fire beyond the listed ones.
 */
class TestdataVerdictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrinterSet PRINTERS = PrinterSet.defaults();

    static Path testdata() {
        Path path = Paths.get(System.getProperty("ackwatch.testdata", "testdata"));
        Assumptions.assumeTrue(Files.isDirectory(path),
                "testdata not found at " + path.toAbsolutePath() + " (system property ackwatch.testdata)");
        return path;
    }

    static Stream<Path> sidecars() throws IOException {
        try (Stream<Path> files = Files.walk(testdata(), FileVisitOption.FOLLOW_LINKS)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted()
                    .toList();
            Assumptions.assumeFalse(all.isEmpty(), "no *.expected.json under " + testdata().toAbsolutePath());
            return all.stream();
        }
    }

    @Test
    void thereAreSidecarsToCheck() throws IOException {
        assertThat(sidecars().count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void everyConnectionGetsTheVerdictFaultAndRulesItsSidecarExpects(Path sidecar) throws Exception {
        JsonNode side = JSON.readTree(sidecar.toFile());
        List<FlowVerdict> verdicts = judge(sidecar.resolveSibling(side.get("capture").asText()));
        List<String> problems = new ArrayList<>();
        for (JsonNode conn : side.get("connections")) {
            String client = conn.get("client").asText();
            String server = conn.get("server").asText();
            FlowVerdict v = verdicts.stream()
                    .filter(f -> f.flow().client().toString().equals(client)
                            && f.flow().server().toString().equals(server))
                    .findFirst().orElse(null);
            if (v == null) {
                problems.add(client + " -> " + server + ": not judged");
                continue;
            }
            Set<String> fired = v.findings().stream().map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
            Set<String> required = new TreeSet<>();
            conn.get("rules").forEach(r -> required.add(r.asText()));
            String expected = conn.get("verdict").asText() + "/" + conn.get("fault").asText() + " " + required;
            String actual = v.verdict().reportName() + "/" + v.fault().reportName() + " " + fired;
            if (!v.verdict().reportName().equals(conn.get("verdict").asText())
                    || !v.fault().reportName().equals(conn.get("fault").asText()) || !fired.containsAll(required)) {
                problems.add(client + " -> " + server + " (stream " + v.flow().stream() + ", vantage "
                        + v.vantage().reportName() + "): expected " + expected + ", got " + actual + "; reasoning: "
                        + String.join(" ", v.reasoning()));
            }
        }
        assertThat(problems).as(sidecar.getFileName().toString()).isEmpty();
    }

    /** Reads, tracks and judges one capture the way the pipeline does, then refines unknown vantages. */
    static List<FlowVerdict> judge(Path capture) throws Exception {
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(PRINTERS), flows::add);
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        long last = -1;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                if (record.hasTimestamp()) {
                    last = Math.max(last, record.timestampNanos());
                }
                if (decoder.decode(record, segment) == DecodeStatus.TCP) {
                    tracker.accept(record, segment);
                }
            }
        }
        tracker.finish();
        flows.sort(Comparator.comparingInt(TcpFlow::stream));
        VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PRINTERS);
        JobReader jobs = new JobReader();
        List<FlowVerdict> verdicts = new ArrayList<>();
        for (TcpFlow flow : flows) {
            if (PRINTERS.isPrinter(flow.server())) {
                verdicts.add(engine.judge(flow, jobs.read(flow, PRINTERS.service(flow.server())), last));
            }
        }
        return engine.refine(verdicts);
    }
}

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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>A sidecar verdict is {@code ok}, {@code degraded}, {@code failed}, {@code incomplete} (the capture ends before
 * the job's end was acknowledged) or {@code probe} (a scan's connection, {@code "probe": true}: not a print job, so
 * it must not be judged as one). Connections that ackwatch gets wrong today are listed, with what it says, in
 * {@code testdata-known-gaps.tsv} next to this class: a listed connection must still disagree with its sidecar
 * (when the analysis is fixed, the test fails until the line is removed), every other connection must agree.
 */
class TestdataVerdictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrinterSet PRINTERS = PrinterSet.defaults();
    private static final String KNOWN_GAPS = "testdata-known-gaps.tsv";
    private static final Set<String> VERDICTS = Set.of("ok", "degraded", "failed", "incomplete", "probe");
    private static final Set<String> FAULTS = Set.of("none", "server", "network", "client", "unknown");

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
    void everyConnectionGetsTheVerdictFaultAndRulesItsSidecarExpectsUnlessListedAsAKnownGap(Path sidecar)
            throws Exception {
        JsonNode side = JSON.readTree(sidecar.toFile());
        String name = sidecar.getFileName().toString();
        Map<String, KnownGap> gaps = knownGaps();
        List<FlowVerdict> verdicts = judge(sidecar.resolveSibling(side.get("capture").asText()));
        List<String> problems = new ArrayList<>();
        for (JsonNode conn : side.get("connections")) {
            Expectation expected = Expectation.of(conn);
            FlowVerdict v = verdicts.stream()
                    .filter(f -> f.flow().client().toString().equals(expected.client())
                            && f.flow().server().toString().equals(expected.server()))
                    .findFirst().orElse(null);
            String today = expected.disagreement(v);
            String where = expected.client() + " -> " + expected.server();
            if (gaps.containsKey(KnownGap.key(name, expected.client(), expected.server()))) {
                if (today == null) {
                    problems.add(where + ": listed in " + KNOWN_GAPS + " but now agrees with its sidecar ("
                            + expected + "); remove its line");
                }
            } else if (today != null) {
                problems.add(where + (v == null ? "" : " (stream " + v.flow().stream() + ", vantage "
                        + v.vantage().reportName() + ")") + ": expected " + expected + ", got " + today
                        + (v == null ? "" : "; reasoning: " + String.join(" ", v.reasoning()))
                        + "\n  a known gap? line for " + KNOWN_GAPS + ": " + String.join("\t", name,
                        expected.client(), expected.server(), today, "issue N: why"));
            }
        }
        assertThat(problems).as(name).isEmpty();
    }

    @Test
    void everyKnownGapNamesASidecarConnection() throws IOException {
        Set<String> connections = new TreeSet<>();
        for (Path sidecar : sidecars().toList()) {
            for (JsonNode conn : JSON.readTree(sidecar.toFile()).get("connections")) {
                connections.add(KnownGap.key(sidecar.getFileName().toString(), conn.get("client").asText(),
                        conn.get("server").asText()));
            }
        }
        assertThat(knownGaps().keySet()).as("connections listed in " + KNOWN_GAPS).isSubsetOf(connections);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void sidecarVerdictsAndFaultsAreKnownWords(Path sidecar) throws IOException {
        for (JsonNode conn : JSON.readTree(sidecar.toFile()).get("connections")) {
            Expectation e = Expectation.of(conn);
            assertThat(e.verdict()).as("%s %s verdict", sidecar.getFileName(), e.client()).isIn(VERDICTS);
            assertThat(e.fault()).as("%s %s fault", sidecar.getFileName(), e.client()).isIn(FAULTS);
            assertThat(e.verdict().equals("probe")).as("%s %s: verdict probe exactly when \"probe\": true",
                    sidecar.getFileName(), e.client()).isEqualTo(e.probe());
        }
    }

    /** What a sidecar expects of one connection. */
    record Expectation(String client, String server, String verdict, String fault, Set<String> rules,
            boolean probe) {
        static Expectation of(JsonNode conn) {
            Set<String> rules = new TreeSet<>();
            conn.get("rules").forEach(r -> rules.add(r.asText()));
            return new Expectation(conn.get("client").asText(), conn.get("server").asText(),
                    conn.get("verdict").asText(), conn.get("fault").asText(), rules,
                    conn.path("probe").asBoolean(false));
        }

        /** What ackwatch says where it differs from this expectation, or null where it agrees. */
        String disagreement(FlowVerdict v) {
            if (probe) {
                return v == null ? null : "judged as a print job: " + said(v);
            }
            if (v == null) {
                return "not judged";
            }
            Set<String> fired = v.findings().stream().map(Finding::rule)
                    .collect(Collectors.toCollection(TreeSet::new));
            boolean agrees = v.verdict().reportName().equals(verdict) && v.fault().reportName().equals(fault)
                    && fired.containsAll(rules);
            return agrees ? null : said(v);
        }

        private static String said(FlowVerdict v) {
            return v.verdict().reportName() + "/" + v.fault().reportName() + " " + v.findings().stream()
                    .map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public String toString() {
            return probe ? "a probe, not judged as a print job" : verdict + "/" + fault + " " + rules;
        }
    }

    /** One line of the known-gaps list: a sidecar connection ackwatch gets wrong today, and the issue about it. */
    record KnownGap(String sidecar, String client, String server, String today, String issue) {
        static String key(String sidecar, String client, String server) {
            return sidecar + "\t" + client + "\t" + server;
        }
    }

    static Map<String, KnownGap> knownGaps() throws IOException {
        Map<String, KnownGap> gaps = new LinkedHashMap<>();
        try (InputStream in = TestdataVerdictsTest.class.getResourceAsStream(KNOWN_GAPS)) {
            assertThat(in).as(KNOWN_GAPS + " next to " + TestdataVerdictsTest.class.getSimpleName()).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("sidecar\t")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                assertThat(c).as("5 tab-separated columns in %s: %s", KNOWN_GAPS, line).hasSize(5);
                KnownGap gap = new KnownGap(c[0], c[1], c[2], c[3], c[4]);
                assertThat(gaps.put(KnownGap.key(c[0], c[1], c[2]), gap)).as("listed twice: " + line).isNull();
            }
        }
        return gaps;
    }

    /**
     * Every sidecar that lists scans (s16) gets one scan per scanning source from ackwatch: the hosts the sidecar
     * says this capture point sees, the printer ports among those scanned, and exactly its probe connections.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void scansAreReportedOncePerSourceWithTheHostsPortsAndProbesTheSidecarLists(Path sidecar) throws Exception {
        JsonNode side = JSON.readTree(sidecar.toFile());
        ScanDetector.Result result = judgeWithScans(sidecar.resolveSibling(side.get("capture").asText()));
        Map<String, Set<String>> hosts = new TreeMap<>();
        Map<String, Set<Integer>> ports = new TreeMap<>();
        for (JsonNode scan : side.path("scans")) {
            String source = scan.get("source").asText();
            scan.get("hosts").forEach(h -> hosts.computeIfAbsent(source, k -> new TreeSet<>()).add(h.asText()));
            scan.get("ports").forEach(p -> {
                if (PrinterSet.DEFAULT_PORTS.contains(p.asInt())) {
                    ports.computeIfAbsent(source, k -> new TreeSet<>()).add(p.asInt());
                }
            });
        }
        Map<String, Set<String>> probes = new TreeMap<>();
        for (JsonNode conn : side.get("connections")) {
            if (conn.path("probe").asBoolean(false)) {
                probes.computeIfAbsent(conn.get("scanner").asText(), k -> new TreeSet<>())
                        .add(conn.get("client").asText() + " -> " + conn.get("server").asText());
            }
        }
        Map<String, Set<String>> detectedProbes = new TreeMap<>();
        for (FlowVerdict v : result.probes()) {
            detectedProbes.computeIfAbsent(v.flow().client().address(), k -> new TreeSet<>())
                    .add(v.flow().client() + " -> " + v.flow().server());
        }
        assertThat(detectedProbes).as("probes of %s by scanner", sidecar.getFileName()).isEqualTo(probes);
        assertThat(result.scans()).as("scans of %s", sidecar.getFileName()).hasSize(hosts.size());
        for (Scan scan : result.scans()) {
            assertThat(scan.hosts()).as("hosts scanned by %s", scan.source())
                    .containsExactlyInAnyOrderElementsOf(hosts.get(scan.source()));
            assertThat(scan.ports()).as("printer ports scanned by %s", scan.source())
                    .containsExactlyElementsOf(ports.get(scan.source()));
            assertThat(scan.connections()).isEqualTo(probes.get(scan.source()).size());
            assertThat(scan.startNanos()).isLessThanOrEqualTo(scan.endNanos());
            assertThat(scan.firstFrame()).isLessThan(scan.lastFrame());
        }
    }

    /** Reads, tracks and judges one capture the way the pipeline does; a scan's probes are left out. */
    static List<FlowVerdict> judge(Path capture) throws Exception {
        return judgeWithScans(capture).jobs();
    }

    /**
     * Reads, tracks and judges one capture the way the pipeline does, refines unknown vantages, then tells scans
     * from jobs as the pipeline does.
     */
    static ScanDetector.Result judgeWithScans(Path capture) throws Exception {
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
        return ScanDetector.detect(engine.refine(verdicts), Thresholds.defaults());
    }
}

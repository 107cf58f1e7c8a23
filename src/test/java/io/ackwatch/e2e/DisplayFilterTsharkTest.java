package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.testsupport.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every display filter the reports print opens in Wireshark as the report says: on every testdata capture (and
 * the corpus captures with shortened frame lists) the
 * command line writes all five formats; every filter is taken from each format's output (HTML: the text its Copy
 * button copies), every format must carry the filters the JSON report has, and tshark runs each distinct filter
 * once ({@code tshark -r CAPTURE -Y FILTER -T fields -e frame.number}, two at a time). tshark must accept it,
 * without a word on stderr, and select exactly the frames the finding names; for a finding whose list was
 * shortened, all the listed frames and as many frames as its {@code frame_count}; for a connection (or a finding
 * without frames), as many frames as the connection's packets; for a scan, as many frames as its probes' packets,
 * none outside its frame range.
 */
class DisplayFilterTsharkTest {
    private static final int THREADS = 2;
    private static final List<String> FORMATS = List.of("text", "json", "junit", "markdown", "html");
    private static final Pattern TEXT_FILTER = Pattern.compile("(?m)^\\s*filter: (.+)$");
    private static final Pattern JUNIT_FILTER = Pattern.compile("filter: (tcp\\.stream (?:eq|in) [^\\n]+)");
    /** Inline code in markdown; pipes inside are escaped for the table. */
    private static final Pattern MARKDOWN_FILTER = Pattern.compile("`(tcp\\.stream (?:eq|in) (?:[^`\\\\]|\\\\.)*)`");

    /** What a filter must select, as the JSON report states it. */
    sealed interface Selection {
        boolean accepts(Set<Long> selected);

        /** A finding listing all its frames. */
        record Exactly(Set<Long> frames) implements Selection {
            public boolean accepts(Set<Long> selected) {
                return selected.equals(frames);
            }
        }

        /** A finding whose list was shortened: the listed frames among {@code total}. */
        record Covering(Set<Long> listed, int total) implements Selection {
            public boolean accepts(Set<Long> selected) {
                return selected.containsAll(listed) && selected.size() == total;
            }
        }

        /** A scan: its probes' packets, all between its first and last frame. */
        record Scan(long firstFrame, long lastFrame, long packets) implements Selection {
            public boolean accepts(Set<Long> selected) {
                return selected.size() == packets && selected.stream().allMatch(f -> f >= firstFrame && f <= lastFrame);
            }
        }

        /** Some of a scan's probes (those to one printer): within its frames, at most its packets. */
        record PartOfScan(long firstFrame, long lastFrame, long packets) implements Selection {
            public boolean accepts(Set<Long> selected) {
                return !selected.isEmpty() && selected.size() <= packets
                        && selected.stream().allMatch(f -> f >= firstFrame && f <= lastFrame);
            }
        }

        /** A connection, or a finding that names no frames: the connection's packets. */
        record Connection(int stream, long packets) implements Selection {
            public boolean accepts(Set<Long> selected) {
                return selected.size() == packets;
            }
        }
    }

    /** One tshark run: a filter of a capture and what each report item using it says it selects. */
    record Check(Path capture, String filter, List<Selection> selections) {}

    @Test
    void everyFilterParsesInTsharkAndSelectsWhatTheReportSays(@TempDir Path dir, TestReporter reporter)
            throws Exception {
        Testdata.assumePresent();
        assumeTrue(Tshark.available(), "tshark not found on PATH: display filters not checked (CI installs tshark)");
        long started = System.nanoTime();
        List<Check> checks = new ArrayList<>();
        for (Path capture : Testdata.captures()) {
            // --verbose: text and HTML then show every troubled connection in full (by default the first 10)
            checks.addAll(checksOf(capture, dir.resolve(Testdata.name(capture)), List.of("--verbose"), true));
        }
        assertThat(checks).as("filters found in the testdata reports").hasSizeGreaterThan(100);
        assertTsharkAgrees(checks, Testdata.captures().size() + " testdata captures", started, reporter);
    }

    /**
     * The testdata captures hold no finding with more frames than a report lists; a few corpus captures do (a
     * duplicated SSH session, long retransmission runs): their filters must select every frame, not a range.
     */
    @Test
    void shortenedFrameListsOfTheCorpusFilterOnAllTheirFrames(@TempDir Path dir, TestReporter reporter)
            throws Exception {
        List<Corpus.Capture> captures = Corpus.captures();
        assumeTrue(Tshark.available(), "tshark not found on PATH: display filters not checked (CI installs tshark)");
        long started = System.nanoTime();
        List<Check> shortened = new ArrayList<>();
        int i = 0;
        for (Corpus.Capture capture : captures) {
            for (Check check : checksOf(capture.path(), dir.resolve(Integer.toString(i++)), List.of("--all-flows"), false)) {
                if (check.selections().stream().anyMatch(s -> s instanceof Selection.Covering)) {
                    shortened.add(check);
                }
            }
        }
        assertThat(shortened).as("findings of the corpus whose frame list is shortened").hasSizeGreaterThanOrEqualTo(3);
        assertTsharkAgrees(shortened, captures.size() + " corpus captures", started, reporter);
    }

    private static void assertTsharkAgrees(List<Check> checks, String what, long started, TestReporter reporter)
            throws Exception {
        long rendered = System.nanoTime();
        List<String> problems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<String>> runs = new ArrayList<>();
            for (Check check : checks) {
                runs.add(() -> problemOf(check));
            }
            for (Future<String> f : pool.invokeAll(runs)) {
                if (f.get() != null) {
                    problems.add(f.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long done = System.nanoTime();
        // how long the check costs CI, for IDEs and JUnit reports that show published entries
        reporter.publishEntry("filters", checks.size() + " distinct filters of " + what + ": reports written in "
                + (rendered - started) / 1_000_000 + " ms, tshark runs took " + (done - rendered) / 1_000_000
                + " ms on " + THREADS + " threads");
        assertThat(problems).as("filters tshark rejects or that select other frames than the report says").isEmpty();
    }

    /**
     * Writes every format for {@code capture}, checks that they print only the JSON report's filters, and all
     * of them for troubled connections when {@code allShown} (text and HTML show connections beyond the first
     * few dozen in brief, without every filter); returns one check per distinct filter.
     */
    private static List<Check> checksOf(Path capture, Path out, List<String> options, boolean allShown)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", String.join(",", FORMATS), "--output-dir",
                out.toString(), "--color", "never"));
        args.addAll(options);
        args.add(capture.toString());
        CliRun run = CliRun.of(args);
        // 2: the capture is damaged (the corpus holds such files on purpose); what was read is still reported
        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1, 2);
        if (!Files.isRegularFile(out.resolve("ackwatch-report.json"))) {
            assertThat(run.exitCode()).as("no report from " + run.describe()).isEqualTo(2);
            return List.of();
        }
        Map<String, String> reports = new LinkedHashMap<>();
        for (String format : FORMATS) {
            String extension = CaptureGoldenTest.Format.valueOf(format.toUpperCase()).extension;
            reports.put(format, Files.readString(out.resolve("ackwatch-report." + extension), StandardCharsets.UTF_8));
        }
        JsonNode json = new ObjectMapper().readTree(reports.get("json"));
        Map<String, List<Selection>> expected = new LinkedHashMap<>();
        Set<String> troubled = new LinkedHashSet<>();
        Set<String> onsetFilters = new LinkedHashSet<>(); // JUnit has no printer section to carry them
        for (JsonNode c : json.get("captures")) {
            for (JsonNode flow : c.get("flows")) {
                Selection connection = new Selection.Connection(flow.get("stream").asInt(),
                        flow.get("packets").get("client").asLong() + flow.get("packets").get("server").asLong()
                                + flow.get("packets").path("relay_copies").asLong());
                expect(expected, flow.get("filter").asText(), connection);
                boolean shown = !flow.get("verdict").asText().equals("ok");
                if (shown) {
                    troubled.add(flow.get("filter").asText());
                }
                for (JsonNode finding : flow.get("findings")) {
                    String filter = finding.get("filter").asText();
                    expect(expected, filter, selection(finding, connection));
                    if (shown) {
                        troubled.add(filter);
                    }
                }
            }
            for (JsonNode scan : c.path("scans")) {
                expect(expected, scan.get("filter").asText(), new Selection.Scan(scan.get("first_frame").asLong(),
                        scan.get("last_frame").asLong(), scan.get("packets").asLong()));
                troubled.add(scan.get("filter").asText());
            }
            onsetCandidates(c, expected, onsetFilters);
        }
        Map<String, Set<String>> byFormat = new LinkedHashMap<>();
        byFormat.put("text", matches(TEXT_FILTER, reports.get("text")));
        byFormat.put("junit", matches(JUNIT_FILTER, junitText(reports.get("junit"))));
        Set<String> markdown = new LinkedHashSet<>();
        for (String f : matches(MARKDOWN_FILTER, reports.get("markdown"))) {
            markdown.add(f.replace("\\|", "|"));
        }
        byFormat.put("markdown", markdown);
        Set<String> html = new LinkedHashSet<>();
        for (Element code : Jsoup.parse(reports.get("html")).select("pre.filter > code, table.more td > code")) {
            html.add(code.wholeText());
        }
        byFormat.put("html", html);
        for (Map.Entry<String, Set<String>> e : byFormat.entrySet()) {
            assertThat(expected.keySet()).as("%s report of %s: its filters are the JSON report's", e.getKey(), capture)
                    .containsAll(e.getValue());
            if (!allShown) {
                continue;
            }
            // text lists findings only; the other formats also name each troubled connection
            Set<String> needed = new TreeSet<>(troubled);
            if (e.getKey().equals("text")) {
                needed.removeIf(f -> !f.contains("&&"));
            }
            if (!e.getKey().equals("junit")) {
                needed.addAll(onsetFilters);
            }
            assertThat(e.getValue()).as("%s report of %s carries the JSON report's filters of troubled connections",
                    e.getKey(), capture).containsAll(needed);
        }
        List<Check> checks = new ArrayList<>();
        expected.forEach((filter, selections) -> checks.add(new Check(capture, filter, selections)));
        return checks;
    }

    /**
     * A printer's onset candidates: a connection's filter selects exactly the frames listed (the whole connection
     * when none is); a scan's, some of the capture's scan probes from its source.
     */
    private static void onsetCandidates(JsonNode capture, Map<String, List<Selection>> expected, Set<String> shown) {
        for (JsonNode printer : capture.get("printers")) {
            for (JsonNode candidate : printer.path("onset").path("candidates")) {
                String filter = candidate.get("filter").asText();
                shown.add(filter);
                if (candidate.get("kind").asText().equals("scan")) {
                    for (JsonNode scan : capture.get("scans")) {
                        if (scan.get("source").asText().equals(candidate.get("client").asText())) {
                            expect(expected, filter, new Selection.PartOfScan(scan.get("first_frame").asLong(),
                                    scan.get("last_frame").asLong(), scan.get("packets").asLong()));
                        }
                    }
                    continue;
                }
                Set<Long> frames = new TreeSet<>();
                candidate.get("frames").forEach(n -> frames.add(n.asLong()));
                if (!frames.isEmpty()) {
                    expect(expected, filter, new Selection.Exactly(frames));
                    continue;
                }
                for (JsonNode flow : capture.get("flows")) {
                    if (flow.get("stream").asInt() == candidate.get("stream").asInt()) {
                        expect(expected, filter, new Selection.Connection(flow.get("stream").asInt(),
                                flow.get("packets").get("client").asLong()
                                        + flow.get("packets").get("server").asLong()));
                    }
                }
            }
        }
    }

    private static Selection selection(JsonNode finding, Selection connection) {
        Set<Long> frames = new TreeSet<>();
        finding.get("frames").forEach(n -> frames.add(n.asLong()));
        if (finding.has("frame_count")) {
            assertThat(finding.get("frame_count").asInt()).as("frame_count of %s", finding).isGreaterThan(frames.size());
            return new Selection.Covering(frames, finding.get("frame_count").asInt());
        }
        return frames.isEmpty() ? connection : new Selection.Exactly(frames);
    }

    private static void expect(Map<String, List<Selection>> expected, String filter, Selection s) {
        expected.computeIfAbsent(filter, f -> new ArrayList<>()).add(s);
    }

    private static Set<String> matches(Pattern p, String s) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /** The text of the JUnit XML, entities resolved. */
    private static String junitText(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement()
                .getTextContent();
    }

    /** Null when tshark accepts the filter and selects what every report item using it says; else why not. */
    private static String problemOf(Check check) throws Exception {
        Tshark t = Tshark.run(List.of("-r", check.capture().toString(), "-Y", check.filter(), "-T", "fields",
                "-e", "frame.number"));
        String where = check.capture() + ": " + check.filter() + " -> ";
        if (t.exitCode() != 0 || !t.warnings().isEmpty()) {
            return where + "tshark exit " + t.exitCode() + ": " + String.join(" / ", t.warnings());
        }
        Set<Long> selected = new TreeSet<>();
        for (String line : t.lines()) {
            selected.add(Long.parseLong(line.strip()));
        }
        for (Selection s : check.selections()) {
            if (!s.accepts(selected)) {
                return where + "selected " + selected + ", the report says " + s;
            }
        }
        return null;
    }
}

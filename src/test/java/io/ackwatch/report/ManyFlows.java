package io.ackwatch.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.analysis.Finding;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.VerdictPacker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A report with thousands of connections for the writers that render in chunks: the testdata captures analyzed
 * through the pipeline with --all-flows (packed as judging packs them), one capture holding {@link #COPIES}
 * copies of all their connections and of all their printers' timelines, and the golden report's captures.
 */
final class ManyFlows {
    static final String MANY = "many-flows.pcap";
    private static final int COPIES = 30;
    private static Report report;

    private ManyFlows() {}

    /** The report; skips the calling test when testdata/ is not reachable. */
    static synchronized Report report() {
        if (report == null) {
            Path captures = Path.of(System.getProperty("ackwatch.testdata", "testdata")).resolve("captures");
            assumeTrue(Files.isDirectory(captures), "testdata/captures not found at " + captures.toAbsolutePath()
                    + "; tests of reports with many connections skipped");
            report = analyze(captures);
        }
        return report;
    }

    /** The capture of many connections. */
    static CaptureResult many() {
        return report().captures().stream().filter(c -> c.file().equals(MANY)).findFirst().orElseThrow();
    }

    private static Report analyze(Path folder) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisSettings.defaults().withAllFlows(true));
        List<CaptureResult> captures = new ArrayList<>();
        List<FlowVerdict> all = new ArrayList<>();
        List<PrinterSummary> printers = new ArrayList<>();
        for (Path file : files) {
            CaptureResult c = analyzer.analyze(file, file.getFileName().toString(), ProgressListener.NONE);
            captures.add(c);
            all.addAll(c.flows());
            printers.addAll(c.printers());
        }
        captures.add(withFlows(captures.get(0), MANY, copies(all), longTimelines(printers)));
        captures.addAll(ReportFixtures.report().captures());
        return new Report(ReportFixtures.VERSION, captures);
    }

    /**
     * {@link #COPIES} copies of each verdict as separate objects, as a capture holds them: each verdict is
     * rendered by one thread only. Every other round is packed again (by a packer per round, as per capture),
     * the others stay open.
     */
    private static List<FlowVerdict> copies(List<FlowVerdict> verdicts) {
        List<FlowVerdict> copies = new ArrayList<>();
        for (int round = 0; round < COPIES; round++) {
            VerdictPacker packer = new VerdictPacker();
            for (FlowVerdict v : verdicts) {
                FlowVerdict open = new FlowVerdict(v.flow(), v.printer(), v.service(), v.vantage(), v.verdict(),
                        v.fault(), v.findings(), v.reasoning(), v.job());
                copies.add(round % 2 == 0 ? packer.pack(open) : open);
            }
        }
        return copies;
    }

    /** The printers with their timelines {@link #COPIES} times over, as long as the copied connections. */
    private static List<PrinterSummary> longTimelines(List<PrinterSummary> printers) {
        List<PrinterSummary> longer = new ArrayList<>();
        for (PrinterSummary p : printers) {
            List<TimelineEntry> timeline = new ArrayList<>();
            for (int round = 0; round < COPIES; round++) {
                timeline.addAll(p.timeline());
            }
            longer.add(new PrinterSummary(p.address(), p.ports(), p.flows(), p.ok(), p.degraded(), p.failed(),
                    p.incomplete(), p.firstDegradedNanos(), p.firstFailedNanos(), timeline, p.synAcks()));
        }
        return longer;
    }

    static CaptureResult withFlows(CaptureResult c, String file, List<FlowVerdict> flows,
            List<PrinterSummary> printers) {
        return new CaptureResult(file, c.format(), c.compression(), c.linkTypes(), c.packets(), c.tcpPackets(),
                c.startNanos(), c.endNanos(), c.precisionDigits(), c.vantage(), c.error(), c.warnings(), flows,
                printers, c.otherTcpFlows(), c.identity(), Map.of());
    }

    /** {@link #many()} with a verdict that has no connection in its middle: rendering it throws. */
    static Report withUnrenderableFlow() {
        List<FlowVerdict> flows = new ArrayList<>(many().flows());
        FlowVerdict sound = flows.get(0);
        // a finding without a severity: every writer dereferences it
        Finding broken = new Finding("broken", null, List.of(), "no severity", "tcp.stream eq 0");
        flows.add(flows.size() / 2, new FlowVerdict(sound.flow(), sound.printer(), sound.service(), sound.vantage(),
                sound.verdict(), sound.fault(), List.of(broken), List.of(), null));
        return new Report("0", List.of(withFlows(many(), MANY, flows, many().printers())));
    }
}

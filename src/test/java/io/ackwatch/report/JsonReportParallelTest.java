package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.VerdictPacker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON report rendered in chunks on several threads is the report rendered on one, byte for byte, and a
 * failure on a rendering thread comes out of {@code write} as it does on one thread. The connections are those
 * of the testdata captures, analyzed through the pipeline (packed as judging packs them), and copies of them
 * to make a capture of thousands.
 */
class JsonReportParallelTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static final int COPIES = 30;
    private static Report report;

    @BeforeAll
    static void analyzeTestdata() throws IOException {
        Path testdata = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
        if (!Files.isDirectory(testdata.resolve("captures"))) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(testdata.resolve("captures"))) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        CaptureAnalyzer analyzer = new CaptureAnalyzer(AnalysisSettings.defaults().withAllFlows(true));
        List<CaptureResult> captures = new ArrayList<>();
        List<FlowVerdict> all = new ArrayList<>();
        for (Path file : files) {
            CaptureResult c = analyzer.analyze(file, file.getFileName().toString(), ProgressListener.NONE);
            captures.add(c);
            all.addAll(c.flows());
        }
        captures.add(withFlows(captures.get(0), copies(all)));
        captures.addAll(ReportFixtures.report().captures());
        report = new Report(ReportFixtures.VERSION, captures);
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

    private static CaptureResult withFlows(CaptureResult c, List<FlowVerdict> flows) {
        return new CaptureResult("many-flows.pcap", c.format(), c.compression(), c.linkTypes(), c.packets(),
                c.tcpPackets(), c.startNanos(), c.endNanos(), c.precisionDigits(), c.vantage(), c.error(),
                c.warnings(), flows, c.printers(), c.otherTcpFlows());
    }

    private static Report report() {
        assumeTrue(report != null, "testdata/captures not found (the working directory must be the project"
                + " root); parallel report test skipped");
        return report;
    }

    private static byte[] json(Report r, int threads, int flowsPerChunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter(ReportOptions.defaults(), threads, flowsPerChunk).write(r, out);
        return out.toByteArray();
    }

    private static CaptureResult many() {
        return report().captures().stream().filter(c -> c.file().equals("many-flows.pcap")).findFirst()
                .orElseThrow();
    }

    @Test
    void holdsThousandsOfConnectionsInSeveralChunks() {
        CaptureResult many = many();
        assertThat(many.flows()).hasSizeGreaterThan(4 * JsonReportWriter.FLOWS_PER_CHUNK);
        assertThat(many.flows().stream().filter(v -> !v.findings().isEmpty()).count()).isPositive();
        assertThat(many.flows().stream().filter(v -> v.job() != null).count()).isPositive();
    }

    @ParameterizedTest(name = "{0} threads, {1} connections per chunk")
    @CsvSource({"2, " + JsonReportWriter.FLOWS_PER_CHUNK, "4, " + JsonReportWriter.FLOWS_PER_CHUNK, "3, 7", "2, 1"})
    void severalThreadsWriteTheBytesOfOne(int threads, int flowsPerChunk) throws IOException {
        Report r = report();
        byte[] serial = json(r, 1, JsonReportWriter.FLOWS_PER_CHUNK);
        assertThat(serial.length).isGreaterThan(1 << 20);
        byte[] parallel = assertTimeoutPreemptively(NO_HANG, () -> json(r, threads, flowsPerChunk));
        assertThat(parallel).isEqualTo(serial);
    }

    @Test
    void theGoldenReportInChunksOfOne() throws IOException {
        byte[] golden = Files.readAllBytes(Path.of("src/test/resources/io/ackwatch/report/golden/report.json"));
        assertThat(json(ReportFixtures.report(), 3, 1)).isEqualTo(golden);
    }

    /** A verdict without its connection cannot be rendered: the writer's NullPointerException, on any thread. */
    @ParameterizedTest(name = "{0} threads")
    @CsvSource({"1", "2", "4"})
    void aFailureWhileRenderingComesOutOfWrite(int threads) {
        List<FlowVerdict> flows = new ArrayList<>(many().flows());
        FlowVerdict sound = flows.get(0);
        flows.add(flows.size() / 2, new FlowVerdict(null, sound.printer(), sound.service(), sound.vantage(),
                sound.verdict(), sound.fault(), List.of(), List.of(), null));
        Report broken = new Report("0", List.of(withFlows(many(), flows)));
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(
                () -> json(broken, threads, JsonReportWriter.FLOWS_PER_CHUNK))
                .isInstanceOf(NullPointerException.class));
    }

    @ParameterizedTest(name = "{0} threads")
    @CsvSource({"1", "2", "4"})
    void aFailureOfTheStreamComesOutOfWrite(int threads) {
        IOException full = new IOException("No space left on device");
        OutputStream fillsUp = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1 << 20) {
                    throw full;
                }
            }
        };
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(
                () -> new JsonReportWriter(ReportOptions.defaults(), threads, 16).write(report(), fillsUp))
                .isSameAs(full));
    }
}

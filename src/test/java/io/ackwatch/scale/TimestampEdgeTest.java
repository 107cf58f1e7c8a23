package io.ackwatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.cli.Main;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timestamps at the edges of the pcap format's unsigned 32-bit seconds, and timestamps that go backwards. */
@Timeout(30)
class TimestampEdgeTest {
    private static final int CLIENT = ScalePcapWriter.ipv4(172, 16, 0, 20);
    private static final int PRINTER = ScalePcapWriter.ipv4(172, 16, 0, 9);

    @TempDir
    Path dir;

    /**
     * A short job whose first frame is at {@code seconds}.{@code fraction} and whose frames are 0.4 s apart, so
     * that it straddles 2^31 s (2038-01-19T03:14:08Z) when it starts just before, and ends exactly at the last
     * second the format can hold (2106-02-07T06:28:15Z) when it starts 2.8 s before that.
     */
    @ParameterizedTest(name = "{0}.{1} s, nanosecond file {2}")
    @CsvSource({
        "2147483646, 0, false",
        "2147483647, 999999, false",
        "2147483647, 999999999, true",
        "4294967292, 200000, false",
        "4294967292, 200000000, true",
        "0, 1, true"})
    void startAndEndAreTheRightUtcInstants(long seconds, long fraction, boolean nanos) throws IOException {
        long fractionNanos = nanos ? fraction : fraction * 1000;
        long startNanos = seconds * 1_000_000_000L + fractionNanos;
        long step = 400_000_000L;
        Path file = dir.resolve("edge.pcap");
        try (ScalePcapWriter w = new ScalePcapWriter(file, nanos)) {
            Talk c = new Talk(w, CLIENT, 40_000, PRINTER, 9100, 1000, 2000);
            c.handshake(startNanos, step);
            c.data(startNanos + 3 * step, 500);
            c.serverAck(startNanos + 4 * step);
            c.close(startNanos + 5 * step, step);
        }
        long endNanos = startNanos + 7 * step;
        Instant start = Instant.ofEpochSecond(seconds, fractionNanos);
        Instant end = start.plusNanos(7 * step);
        assertThat(end.getEpochSecond()).as("the test's own frames fit the format").isLessThanOrEqualTo(0xFFFF_FFFFL);

        CaptureResult r = analyze(file);
        assertThat(r.error()).isNull();
        assertThat(r.startNanos()).isEqualTo(startNanos);
        assertThat(r.endNanos()).isEqualTo(endNanos);

        JsonNode capture = json(file).path("captures").path(0);
        int digits = nanos ? 9 : 6;
        assertIso(capture.path("start").asText(), start, digits);
        assertIso(capture.path("end").asText(), end, digits);
        JsonNode flow = capture.path("flows").path(0);
        assertIso(flow.path("start").asText(), start, digits);
        assertIso(flow.path("end").asText(), end, digits);
        assertThat(flow.path("verdict").asText()).isEqualTo("ok");
        assertThat(flow.path("delivered_bytes").asLong()).isEqualTo(500);
    }

    @Test
    void frameEarlierThanItsPredecessorIsNoTrouble() throws IOException {
        long t = 1_760_000_000_000_000_000L;
        long ms = 1_000_000L;
        Path file = dir.resolve("backwards.pcap");
        try (ScalePcapWriter w = new ScalePcapWriter(file, false)) {
            Talk c = new Talk(w, CLIENT, 40_001, PRINTER, 9100, 5000, 9000);
            c.handshake(t, ms);
            c.data(t + 3 * ms, 1000);
            c.data(t + 4 * ms, 1000);
            // the printer's ACK is stamped 3 s before the first frame (a clock step between capture buffers)
            c.serverAck(t - 3_000 * ms);
            c.data(t + 6 * ms, 1000);
            c.data(t + 7 * ms, 1000);
            c.serverAck(t + 8 * ms);
            c.close(t + 9 * ms, ms);
            // and a last frame of the capture, from another connection, stamped earlier still
            Talk other = new Talk(w, CLIENT, 40_002, PRINTER, 9100, 1, 1);
            other.handshake(t - 10_000 * ms, ms);
        }
        CaptureResult r = new CaptureAnalyzer(AnalysisSettings.defaults().withAllFlows(true))
                .analyze(file, "backwards.pcap", ProgressListener.NONE);
        assertThat(r.error()).isNull();
        assertThat(r.packets()).isEqualTo(15);
        assertThat(r.flows()).hasSize(2);
        FlowVerdict job = r.flows().get(0);
        assertThat(job.flow().firstFrame()).isEqualTo(1);
        assertThat(job.flow().lastFrame()).isEqualTo(12);
        assertThat(r.flows().get(1).flow().firstFrame()).isEqualTo(13);
        assertThat(r.flows().get(1).flow().lastFrame()).isEqualTo(15);
        assertThat(job.flow().deliveredBytes()).isEqualTo(4000);
        assertThat(job.verdict()).isIn(Verdict.OK, Verdict.DEGRADED);
        assertThat(job.flow().ackDelay().medianNanos()).isGreaterThanOrEqualTo(-1);
        assertThat(job.flow().ackDelay().maxNanos()).isGreaterThanOrEqualTo(-1);

        for (String format : List.of("text", "markdown", "json")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("analyze", "--verbose", "--all-flows", "--color", "never", "--format", format,
                            file.toString());
            assertThat(rc).as(err.toString()).isIn(0, 1);
            assertThat(err.toString()).doesNotContainIgnoringCase("exception").doesNotContain("failed on frame");
            Matcher negative = Pattern.compile("-\\d+(\\.\\d+)?\\s?(ns|µs|us|ms|s|min|h)\\b|\":\\s*-\\d").matcher(out.toString());
            assertThat(negative.find()).as(format + " report has a negative duration: "
                    + (negative.find(0) ? negative.group() : "") + "\n" + out).isFalse();
        }
    }

    private static void assertIso(String text, Instant expected, int digits) {
        assertThat(text).as("ISO-8601 UTC").endsWith("Z");
        assertThat(Instant.parse(text)).isEqualTo(expected);
        assertThat(text.substring(text.indexOf('.') + 1, text.length() - 1)).hasSize(digits);
    }

    private static CaptureResult analyze(Path file) {
        return new CaptureAnalyzer(AnalysisSettings.defaults()).analyze(file, file.getFileName().toString(),
                ProgressListener.NONE);
    }

    private JsonNode json(Path file) throws IOException {
        Path out = dir.resolve("report.json");
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("analyze", "--format", "json", "--output", out.toString(), file.toString());
        assertThat(rc).as(err.toString()).isZero();
        return new ObjectMapper().readTree(Files.readString(out));
    }
}

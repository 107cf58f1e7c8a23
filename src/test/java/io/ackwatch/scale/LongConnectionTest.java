package io.ackwatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.analysis.MissingAckRule;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One connection with very many segments, and sequence numbers that wrap past 2^32. */
class LongConnectionTest {
    private static final int CLIENT = ScalePcapWriter.ipv4(10, 0, 0, 5);
    private static final int PRINTER = ScalePcapWriter.ipv4(10, 0, 0, 9);
    private static final long START = 1_750_000_000_000_000_000L;
    private static final long MICRO = 1_000L;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void millionSegmentJobInChildJvmWithSmallHeap() throws Exception {
        int segments = 1_000_000;
        int size = 100;
        Path file = dir.resolve("long-job.pcap");
        Talk c = new Talk(new ScalePcapWriter(file, false), CLIENT, 50_000, PRINTER, 9100, 123_456_789L, 42L);
        long t = writeJob(c, file, segments, size, segments);
        Path json = dir.resolve("report.json");
        ChildJvm run = ChildJvm.run("256m", dir, 55, "analyze", "--format", "json", "--output", json.toString(),
                "--jobs", "1", file.toString());
        System.err.printf("LongConnection: %d segments, child JVM -Xmx256m %d ms%n", segments, run.millis());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode capture = new ObjectMapper().readTree(json.toFile()).path("captures").path(0);
        assertThat(capture.path("error").isNull() || capture.path("error").isMissingNode()).as(capture.toString())
                .isTrue();
        assertThat(capture.path("flows")).hasSize(1);
        JsonNode flow = capture.path("flows").path(0);
        assertThat(flow.path("verdict").asText()).isEqualTo("ok");
        assertThat(flow.path("delivered_bytes").asLong()).isEqualTo((long) segments * size);
        assertThat(flow.path("payload_bytes").path("client").asLong()).isEqualTo((long) segments * size);
        assertThat(flow.path("packets").path("client").asLong()).isEqualTo(segments + 4L); // SYN, ACK, FIN, ACK
        assertThat(flow.path("tcp_analysis").path("retransmission").asInt()).isZero();
        assertThat(flow.path("tcp_analysis").path("lost_segment").asInt()).isZero();
        assertThat(t).isPositive();
    }

    @Test
    @Timeout(30)
    void sequenceNumbersWrappingMidJobAreNoTrouble() throws IOException {
        Path file = dir.resolve("wrap-ok.pcap");
        long isn = (1L << 32) - 50_000; // the 500th of 1000 segments crosses 2^32
        Talk c = new Talk(new ScalePcapWriter(file, true), CLIENT, 50_001, PRINTER, 9100, isn, (1L << 32) - 3);
        writeJob(c, file, 1000, 100, 1000);

        TcpFlow flow = single(file).flow();
        assertThat(single(file).verdict()).isEqualTo(Verdict.OK);
        assertThat(flow.deliveredBytes()).isEqualTo(100_000);
        assertThat(flow.clientBytes()).isEqualTo(100_000);
        assertThat(flow.firstUnackedFrame()).isZero();
        for (TcpAnalysisFlag f : new TcpAnalysisFlag[] {TcpAnalysisFlag.RETRANSMISSION,
                TcpAnalysisFlag.FAST_RETRANSMISSION, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION,
                TcpAnalysisFlag.LOST_SEGMENT, TcpAnalysisFlag.ACK_LOST_SEGMENT, TcpAnalysisFlag.OUT_OF_ORDER,
                TcpAnalysisFlag.DUPLICATE_ACK}) {
            assertThat(flow.analysis().count(f)).as(f + " in " + flow.analysis()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void printerSilentAfterTheWrapFailsWithMissingAck() throws IOException {
        Path file = dir.resolve("wrap-silent.pcap");
        long isn = (1L << 32) - 50_000;
        Talk c = new Talk(new ScalePcapWriter(file, true), CLIENT, 50_002, PRINTER, 9100, isn, 7L);
        // the 500 segments up to the wrap are acknowledged; the 500 after it never are
        writeJob(c, file, 1000, 100, 500);

        FlowVerdict v = single(file);
        assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(v.findings()).extracting(f -> f.rule()).contains(MissingAckRule.ID);
        assertThat(v.flow().deliveredBytes()).isEqualTo(50_000);
        assertThat(v.flow().clientBytes()).isEqualTo(100_000);
        assertThat(v.flow().firstUnackedFrame()).as("first segment after the wrap").isPositive();
    }

    /**
     * Handshake, {@code segments} data segments of {@code size} bytes 10 µs apart, the printer acknowledging every
     * second one while fewer than {@code ackedSegments} have been sent. A fully acknowledged job is closed; an
     * unacknowledged tail is resent three times with back-off (1, 2, 4 s) and the capture ends.
     *
     * @return the time of the last frame
     */
    private static long writeJob(Talk c, Path file, int segments, int size, int ackedSegments) throws IOException {
        long t = START;
        c.handshake(t, 100 * MICRO);
        t += 300 * MICRO;
        long firstUnacked = -1;
        for (int i = 1; i <= segments; i++) {
            if (i == ackedSegments + 1) {
                firstUnacked = c.clientNext();
            }
            c.data(t, size);
            t += 10 * MICRO;
            if (i <= ackedSegments && (i % 2 == 0 || i == ackedSegments)) {
                c.serverAck(t);
                t += 10 * MICRO;
            }
        }
        if (ackedSegments >= segments) {
            c.close(t + 100 * MICRO, 100 * MICRO);
        } else {
            for (long backoff = 1; backoff <= 4; backoff *= 2) {
                t += backoff * 1_000_000_000L;
                c.resend(t, firstUnacked, size);
            }
        }
        c.writer().close();
        return t;
    }

    private static FlowVerdict single(Path file) {
        CaptureResult r = new CaptureAnalyzer(AnalysisSettings.defaults())
                .analyze(file, file.getFileName().toString(), ProgressListener.NONE);
        assertThat(r.error()).isNull();
        assertThat(r.flows()).hasSize(1);
        return r.flows().get(0);
    }
}

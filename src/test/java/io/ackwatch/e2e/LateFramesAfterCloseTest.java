package io.ackwatch.e2e;

import static io.ackwatch.scale.ScalePcapWriter.ACK;
import static io.ackwatch.scale.ScalePcapWriter.FIN;
import static io.ackwatch.scale.ScalePcapWriter.PSH;
import static io.ackwatch.scale.ScalePcapWriter.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.scale.ScalePcapWriter;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A print job that closed cleanly, and whose printer then resent its FIN twice (the client's last ACK lost beyond
 * the capture point), while another client's job kept the capture going: the job is judged a second after its
 * close, and its late frames come after. The report still has one connection for the stream, with every frame
 * and tshark's flags on it, and the job's verdict.
 */
class LateFramesAfterCloseTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_700_000_000L * SECOND;
    private static final int CLIENT = ScalePcapWriter.ipv4(192, 168, 1, 20);
    private static final int OTHER = ScalePcapWriter.ipv4(192, 168, 1, 21);
    private static final int PRINTER = ScalePcapWriter.ipv4(192, 168, 1, 10);

    @TempDir
    Path dir;

    @Test
    void lateFramesJoinTheJudgedConnection() throws Exception {
        Path pcap = dir.resolve("late-fin.pcap");
        long lastFrame = write(pcap);

        CaptureResult result = new CaptureAnalyzer(AnalysisSettings.defaults()).analyze(pcap, "late-fin.pcap",
                ProgressListener.NONE);

        List<FlowVerdict> stream0 = result.flows().stream().filter(v -> v.flow().stream() == 0).toList();
        assertThat(stream0).as("one connection per stream").hasSize(1);
        TcpFlow flow = stream0.get(0).flow();
        assertThat(stream0.get(0).verdict()).isEqualTo(Verdict.OK);
        assertThat(flow.packets()).as("every frame of the stream").isEqualTo(12);
        assertThat(flow.lastFrame()).isEqualTo(lastFrame);
        assertThat(flow.serverSide().fin()).isEqualTo(3);
        assertThat(flow.analysis().count(TcpAnalysisFlag.RETRANSMISSION)).isEqualTo(2);

        if (Tshark.available()) {
            Tshark run = Tshark.run(List.of("-2", "-n", "-r", pcap.toString(), "-Y",
                    "tcp.stream eq 0 && tcp.analysis.retransmission", "-T", "fields", "-e", "frame.number"));
            assertThat(run.lines()).as("tshark's resends on stream 0").hasSize(2);
        }
    }

    /** Writes the capture; returns the last frame of stream 0. */
    private static long write(Path pcap) throws IOException {
        try (ScalePcapWriter w = new ScalePcapWriter(pcap, false)) {
            long c = 1000;
            long s = 50_000;
            w.tcpAt(START, CLIENT, 1025, PRINTER, 9100, SYN, c, 0, 0);
            w.tcpAt(START + 1_000_000, PRINTER, 9100, CLIENT, 1025, SYN | ACK, s, c + 1, 0);
            w.tcpAt(START + 2_000_000, CLIENT, 1025, PRINTER, 9100, ACK, c + 1, s + 1, 0);
            w.tcpAt(START + 3_000_000, CLIENT, 1025, PRINTER, 9100, PSH | ACK, c + 1, s + 1, 1000);
            w.tcpAt(START + 4_000_000, PRINTER, 9100, CLIENT, 1025, ACK, s + 1, c + 1001, 0);
            w.tcpAt(START + 5_000_000, CLIENT, 1025, PRINTER, 9100, FIN | ACK, c + 1001, s + 1, 0);
            w.tcpAt(START + 6_000_000, PRINTER, 9100, CLIENT, 1025, FIN | ACK, s + 1, c + 1002, 0);
            w.tcpAt(START + 7_000_000, CLIENT, 1025, PRINTER, 9100, ACK, c + 1002, s + 2, 0);
            // another client's job: the capture goes on past the first one's judgement
            w.tcpAt(START + 3 * SECOND / 2, OTHER, 1026, PRINTER, 9100, SYN, 7000, 0, 0);
            w.tcpAt(START + 3 * SECOND / 2 + 1_000_000, PRINTER, 9100, OTHER, 1026, SYN | ACK, 90_000, 7001, 0);
            w.tcpAt(START + 3 * SECOND / 2 + 2_000_000, OTHER, 1026, PRINTER, 9100, ACK, 7001, 90_001, 0);
            // the printer resends its FIN (frames 12 and 16); the client's ACKs are lost beyond the capture point
            w.tcpAt(START + 2 * SECOND, PRINTER, 9100, CLIENT, 1025, FIN | ACK, s + 1, c + 1002, 0);
            w.tcpAt(START + 2 * SECOND + 1_000_000, CLIENT, 1025, PRINTER, 9100, ACK, c + 1002, s + 2, 0);
            w.tcpAt(START + 3 * SECOND, OTHER, 1026, PRINTER, 9100, PSH | ACK, 7001, 90_001, 500);
            w.tcpAt(START + 3 * SECOND + 1_000_000, PRINTER, 9100, OTHER, 1026, ACK, 90_001, 7501, 0);
            w.tcpAt(START + 6 * SECOND, PRINTER, 9100, CLIENT, 1025, FIN | ACK, s + 1, c + 1002, 0);
            w.tcpAt(START + 6 * SECOND + 1_000_000, CLIENT, 1025, PRINTER, 9100, ACK, c + 1002, s + 2, 0);
            return 17;
        }
    }
}

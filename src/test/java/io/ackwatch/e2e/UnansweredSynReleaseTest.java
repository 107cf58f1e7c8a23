package io.ackwatch.e2e;

import static io.ackwatch.scale.ScalePcapWriter.ACK;
import static io.ackwatch.scale.ScalePcapWriter.PSH;
import static io.ackwatch.scale.ScalePcapWriter.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.SynUnansweredRule;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.scale.ScalePcapWriter;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose SYNs the printer never answers, in a capture that goes on for minutes with another client's
 * jobs: the connection is released from the tracker minutes before the capture ends (it never closes), yet the
 * report says what it would say judged at the end: failed, and unanswered over the whole time up to the
 * capture's last frame.
 */
class UnansweredSynReleaseTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_700_000_000L * SECOND;
    private static final int CLIENT = ScalePcapWriter.ipv4(192, 168, 1, 20);
    private static final int OTHER = ScalePcapWriter.ipv4(192, 168, 1, 21);
    private static final int PRINTER = ScalePcapWriter.ipv4(192, 168, 1, 10);
    private static final long END = START + 400 * SECOND;

    @TempDir
    Path dir;

    @Test
    void anUnansweredSynIsJudgedOverTheWholeCapture() throws Exception {
        Path pcap = dir.resolve("unanswered-syn.pcap");
        write(pcap);

        CaptureResult result = new CaptureAnalyzer(AnalysisSettings.defaults()).analyze(pcap, "unanswered-syn.pcap",
                ProgressListener.NONE);

        FlowVerdict unanswered = result.flows().stream().filter(v -> v.flow().stream() == 0).findFirst().orElseThrow();
        assertThat(unanswered.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(unanswered.flow().packets()).isEqualTo(4);
        Finding finding = unanswered.findings().stream().filter(f -> f.rule().equals(SynUnansweredRule.ID))
                .findFirst().orElseThrow();
        assertThat(finding.message()).as("waited up to the capture's end, not up to its last SYN")
                .contains(" over " + Evidence.duration(END - START) + ": no SYN-ACK and no reset");
        assertThat(result.flows()).as("the other client's jobs").hasSize(1 + 8);
    }

    private static void write(Path pcap) throws IOException {
        try (ScalePcapWriter w = new ScalePcapWriter(pcap, false)) {
            for (long t : new long[] {0, 1, 3, 7}) {
                w.tcpAt(START + t * SECOND, CLIENT, 1025, PRINTER, 9100, SYN, 1000, 0, 0);
            }
            // another client prints every 50 s, the last job at the capture's end
            for (int k = 1; k <= 8; k++) {
                long at = START + k * 50 * SECOND;
                int port = 2000 + k;
                long c = 7000;
                long s = 90_000;
                w.tcpAt(at, OTHER, port, PRINTER, 9100, SYN, c, 0, 0);
                w.tcpAt(at + 1_000_000, PRINTER, 9100, OTHER, port, SYN | ACK, s, c + 1, 0);
                w.tcpAt(at + 2_000_000, OTHER, port, PRINTER, 9100, ACK, c + 1, s + 1, 0);
                w.tcpAt(at + 3_000_000, OTHER, port, PRINTER, 9100, PSH | ACK, c + 1, s + 1, 500);
                w.tcpAt(at + 4_000_000, PRINTER, 9100, OTHER, port, ACK, s + 1, c + 501, 0);
            }
            w.tcpAt(END, PRINTER, 9100, OTHER, 2008, ACK, 90_001, 7501, 0);
        }
    }
}

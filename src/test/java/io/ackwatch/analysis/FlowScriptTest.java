package io.ackwatch.analysis;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture must flag frames as docs/tcp-analysis.md §12 says Wireshark does, or the rule tests prove nothing. */
class FlowScriptTest {

    private static List<String> flagsOf(TcpFlow flow, int n) {
        SegmentLog log = flow.log();
        List<String> out = new ArrayList<>();
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (log.has(n - 1, f)) {
                out.add(f.fieldName());
            }
        }
        return out;
    }

    @Test
    void retransmissionsOfUnacknowledgedDataAreFlaggedAndSeqIsRelative() {
        TcpFlow flow = FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 1460, 20).data(C, 1460, 21)
                .retrans(C, 520).build();
        assertThat(flow.log().seq(3)).isEqualTo(1);
        assertThat(flow.log().seq(4)).isEqualTo(1461);
        assertThat(flagsOf(flow, 6)).containsExactly("retransmission");
        assertThat(flow.log().seq(5)).isEqualTo(1);
        assertThat(flagsOf(flow, 4)).isEmpty();
        assertThat(flow.handshake().complete()).isTrue();
    }

    @Test
    void twoDuplicateAcksThenQuickResendIsFastRetransmission() {
        TcpFlow flow = FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 100, 20).ackAll(S, 25)
                .notCaptured(C, 100).data(C, 100, 30).dupAck(S, 31).dupAck(S, 32).retrans(C, 40).build();
        assertThat(flagsOf(flow, 6)).contains("lost_segment");
        assertThat(flagsOf(flow, 7)).containsExactly("duplicate_ack");
        assertThat(flagsOf(flow, 8)).containsExactly("duplicate_ack");
        assertThat(flagsOf(flow, 9)).containsExactlyInAnyOrder("retransmission", "fast_retransmission");
    }

    @Test
    void resendOfAcknowledgedDataIsSpurious() {
        TcpFlow flow = FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 100, 20).ackAll(S, 25)
                .resend(C, 0, 400).build();
        assertThat(flagsOf(flow, 6)).containsExactlyInAnyOrder("retransmission", "spurious_retransmission");
    }

    @Test
    void ackPastAnUncapturedSegmentIsAckedUnseen() {
        TcpFlow flow = FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 100, 20).notCaptured(C, 100)
                .data(C, 100, 22).ackAll(S, 30).build();
        assertThat(flagsOf(flow, 5)).containsExactly("lost_segment");
        assertThat(flagsOf(flow, 6)).containsExactly("ack_lost_segment");
    }

    @Test
    void zeroWindowProbeAndItsAck() {
        TcpFlow flow = FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 100, 20).window(S, 0, 25)
                .probe(C, 500).window(S, 0, 501).window(S, 8192, 900).build();
        assertThat(flagsOf(flow, 5)).containsExactly("zero_window");
        assertThat(flagsOf(flow, 6)).containsExactly("zero_window_probe");
        assertThat(flagsOf(flow, 7)).containsExactlyInAnyOrder("zero_window", "zero_window_probe_ack");
        assertThat(flagsOf(flow, 8)).containsExactly("window_update");
    }
}

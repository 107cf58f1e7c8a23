package io.ackwatch.verdict;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.AckEcho;
import io.ackwatch.analysis.DataSegment;
import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.FlowScript;
import io.ackwatch.analysis.PacketLossRule;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.SpuriousRetransmissionRule;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.TcpFlow;
import org.junit.jupiter.api.Test;

/**
 * A client-side capture of a printer that otherwise acknowledges within a millisecond, one segment resent after
 * its RTO and acknowledged 600 ms after its first copy. Without timestamps that is a timed-out resend answered later
 * than usual: packet loss. With timestamps the covering ACK's echo tells which copy it answers (RFC 7323, RFC 3522).
 */
class TimestampEchoTest {
    private final VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults());

    /** Frames: 4 data, 5 ACK, 6 data (first copy), 7 its resend, 8 the late ACK covering it, 9 data, 10 ACK. */
    private static FlowScript lateAckAfterResend(boolean timestamps, long echoedFrame) {
        FlowScript s = VerdictEngineTest.clientSide();
        if (timestamps) {
            s.timestamps();
        }
        s.data(C, 1000, 20).ackAll(S, 20.5).data(C, 1000, 30).retrans(C, 530);
        if (echoedFrame > 0) {
            s.echoes(echoedFrame);
        }
        return s.ackAll(S, 630).data(C, 1000, 640).ackAll(S, 640.5);
    }

    @Test
    void withoutTimestampsTheResendIsPacketLoss() {
        FlowVerdict v = engine.judge(lateAckAfterResend(false, 0).build(), null);
        assertThat(VerdictEngineTest.rules(v)).contains(PacketLossRule.ID);
        assertThat(v.fault()).isEqualTo(Fault.NETWORK);
        assertThat(VerdictEngineTest.reasoning(v)).doesNotContain("TSval");
    }

    @Test
    void anAckEchoingTheFirstCopyMakesTheResendSpuriousAndThePrinterLate() {
        TcpFlow flow = lateAckAfterResend(true, 6).build();
        DataSegment resent = FlowFacts.of(flow).clientData().get(1);
        assertThat(resent.ackEcho()).isEqualTo(AckEcho.FIRST_COPY);

        FlowVerdict v = engine.judge(flow, null);
        assertThat(v.vantage()).isEqualTo(Vantage.CLIENT);
        assertThat(VerdictEngineTest.rules(v)).doesNotContain(PacketLossRule.ID)
                .contains(SpuriousRetransmissionRule.ID);
        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.fault()).isEqualTo(Fault.SERVER);
        assertThat(VerdictEngineTest.reasoning(v)).contains("Frame 8's ACK echoes TSval 1030 of frame 6, the first"
                + " copy: the printer had it; the resend at frame 7 was spurious");
    }

    @Test
    void anAckEchoingTheResendLeavesItPacketLossAndSaysSo() {
        TcpFlow flow = lateAckAfterResend(true, 7).build();
        assertThat(FlowFacts.of(flow).clientData().get(1).ackEcho()).isEqualTo(AckEcho.RESEND);

        FlowVerdict v = engine.judge(flow, null);
        assertThat(VerdictEngineTest.rules(v)).contains(PacketLossRule.ID);
        assertThat(v.fault()).isEqualTo(Fault.NETWORK);
        assertThat(VerdictEngineTest.reasoning(v)).contains("frame 8's ACK echoes TSval 1530 of the resend at frame 7,"
                + " not TSval 1030 of the first copy (frame 6)").contains("lost beyond here");
    }
}

package io.ackwatch.flow;

import static io.ackwatch.flow.TcpScript.ACK;
import static io.ackwatch.flow.TcpScript.FIN;
import static io.ackwatch.flow.TcpScript.PSH;
import static io.ackwatch.flow.TcpScript.RST;
import static io.ackwatch.flow.TcpScript.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpScript.Host;
import org.junit.jupiter.api.Test;

/**
 * The checks of tcp-analysis.md §12 in their tshark 4.0.17 variant (the corpus oracle), each on a hand-built
 * segment sequence between a client and a printer.
 */
class SequenceAnalysisTest {
    /** Every script of this class; all are replayed through tshark at the end when one is installed. */
    private static final java.util.List<TcpScript> SCRIPTS = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void tsharkAgreesOnEveryScript() {
        assertThat(TcpScript.differencesFromTshark(SCRIPTS)).as("frames where tshark 4.0 disagrees").isEmpty();
    }

    private TcpScript script() {
        TcpScript s = new TcpScript();
        SCRIPTS.add(s);
        return s;
    }

    private static final Host CLIENT = Host.of("192.0.2.10", 1025);
    private static final Host PRINTER = Host.of("192.0.2.50", 9100);
    private static final long C_ISN = 1000;
    private static final long P_ISN = 50_000;

    /** SYN, SYN-ACK, ACK without window scaling; client data starts at C_ISN + 1. */
    private TcpScript handshake(int printerWindow) {
        TcpScript s = script();
        s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, C_ISN + 1, printerWindow, -1);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 0, 64240);
        return s;
    }

    @Test
    void xpSynRetransmissionsStayInOneStreamAsRetransmissionsWithoutReusedPorts() {
        TcpScript s = script();
        long syn1 = s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long syn2 = s.at(3).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long syn3 = s.at(9).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        TcpFlow flow = s.only();

        assertThat(s.flags(syn1)).isEmpty();
        // 4.0.17 (oracle: nflog-http.pcap frames 2-3): retransmission only; the 2021/22 master also set reused_ports
        assertThat(s.flags(syn2)).containsExactly("retransmission");
        assertThat(s.flags(syn3)).containsExactly("retransmission");
        assertThat(flow.analysis().count(TcpAnalysisFlag.RETRANSMISSION)).isEqualTo(2);
        assertThat(flow.state()).isEqualTo(ConnState.S0);
        assertThat(flow.history()).isEqualTo("S");
        assertThat(flow.clientSide().syn()).isEqualTo(3);
    }

    /** Verified with tshark 4.0.17: the RST/FIN new-stream rule (commit 56ea9816) is not in 4.0.17. */
    @Test
    void sameIsnSynAfterRstStaysInTheStreamAsRetransmissionIn4017() {
        TcpScript s = script();
        s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long rst = s.after(1).send(PRINTER, CLIENT, RST | ACK, 0, C_ISN + 1, 0, 0);
        long again = s.at(0.5).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long synAck = s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, C_ISN + 1, 8192, -1);
        long ack = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 0, 64240);
        TcpFlow flow = s.only();

        assertThat(s.flags(rst)).isEmpty();
        assertThat(s.flags(again)).containsExactly("retransmission");
        // the RST set the printer's base sequence number to 0 - 1; the SYN-ACK's ISN differs from it
        assertThat(s.flags(synAck)).containsExactly("reused_ports");
        assertThat(s.flags(ack)).isEmpty();
        assertThat(flow.packets()).isEqualTo(5);
        assertThat(flow.handshake().complete()).isTrue();
    }

    /** Verified with tshark 4.0.17: a same-ISN SYN resets nextseq to maxseqtobeacked (Wireshark issue 17616). */
    @Test
    void synRetransmissionRewindsTheNextSequenceNumber() {
        TcpScript s = script();
        s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long gap = s.at(0.01).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1001, 0, 100, 64240);
        long syn = s.at(1.01).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long data = s.at(1.02).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, 0, 100, 64240);
        s.finish();

        assertThat(s.flags(gap)).containsExactly("lost_segment");
        assertThat(s.flags(syn)).containsExactly("retransmission");
        assertThat(s.flags(data)).isEmpty();
    }

    /** Verified with tshark 4.0.17 (same-ISN SYN after a FIN/FIN close: same stream, retransmission). */
    @Test
    void sameIsnSynAfterCloseStaysInTheStream() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(CLIENT, PRINTER, FIN | ACK, C_ISN + 101, P_ISN + 1, 0, 64240);
        s.after(1).send(PRINTER, CLIENT, FIN | ACK, P_ISN + 1, C_ISN + 102, 0, 8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 102, P_ISN + 2, 0, 64240);
        long syn = s.after(1000).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long synAck = s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, C_ISN + 1, 8192, -1);
        TcpFlow flow = s.only();

        assertThat(s.flags(syn)).containsExactly("retransmission");
        assertThat(s.flags(synAck)).containsExactly("retransmission");
        assertThat(flow.packets()).isEqualTo(9);
    }

    @Test
    void lpdJobReusingSourcePortWithNewIsnIsANewStream() {
        Host lpdClient = Host.of("192.0.2.10", 721);
        Host lpd = Host.of("192.0.2.50", 515);
        TcpScript s = script();
        s.at(0).syn(lpdClient, lpd, SYN, C_ISN, 0, 8192, -1);
        s.after(1).syn(lpd, lpdClient, SYN | ACK, P_ISN, C_ISN + 1, 8192, -1);
        s.after(1).send(lpdClient, lpd, ACK, C_ISN + 1, P_ISN + 1, 0, 8192);
        s.after(1).send(lpdClient, lpd, ACK | PSH, C_ISN + 1, P_ISN + 1, 10, 8192);
        s.after(1).send(lpd, lpdClient, ACK, P_ISN + 1, C_ISN + 11, 0, 8192);
        s.after(1).send(lpdClient, lpd, FIN | ACK, C_ISN + 11, P_ISN + 1, 0, 8192);
        s.after(1).send(lpd, lpdClient, FIN | ACK, P_ISN + 1, C_ISN + 12, 0, 8192);
        s.after(1).send(lpdClient, lpd, ACK, C_ISN + 12, P_ISN + 2, 0, 8192);
        long next = s.at(2).syn(lpdClient, lpd, SYN, 777_777, 0, 8192, -1);
        s.finish();

        assertThat(s.streamOf(next)).isEqualTo(1);
        assertThat(s.flags(next)).containsExactly("reused_ports");
        assertThat(s.stream(0).state()).isEqualTo(ConnState.SF);
        assertThat(s.stream(0).history()).isEqualTo("ShADaFf");
        assertThat(s.stream(0).packets()).isEqualTo(8);
        assertThat(s.stream(1).packets()).isEqualTo(1);
    }

    /** tshark -2 re-runs its SYN-ACK check in the second pass, against the final base sequence number. */
    @Test
    void synAckWithAnotherIsnFlagsBothSynAcksInTwoPassMode() {
        TcpScript s = script();
        s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, -1);
        long first = s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, C_ISN + 1, 8192, -1);
        long second = s.after(1000).syn(PRINTER, CLIENT, SYN | ACK, P_ISN + 7777, C_ISN + 1, 8192, -1);
        long ack = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 7778, 0, 64240);
        TcpFlow flow = s.only();

        assertThat(s.flags(first)).containsExactly("reused_ports");
        assertThat(s.flags(second)).containsExactly("lost_segment", "reused_ports");
        // the printer's "max seq to be acked" still stands at the first ISN
        assertThat(s.flags(ack)).containsExactly("ack_lost_segment");
        assertThat(flow.analysis().count(TcpAnalysisFlag.REUSED_PORTS)).isEqualTo(2);
        assertThat(flow.log().seq(2)).as("relative to the replaced base").isZero();
    }

    @Test
    void captureStartingMidJobLeavesFirstSegmentsUnflaggedAndNeverWindowFull() {
        TcpScript s = script();
        long c1 = s.at(0).send(CLIENT, PRINTER, ACK | PSH, 5000, 7000, 100, 64240);
        long p1 = s.after(1).send(PRINTER, CLIENT, ACK, 7000, 5100, 0, 100);
        // would end exactly at the printer's window edge if the scale were known
        long c2 = s.after(1).send(CLIENT, PRINTER, ACK | PSH, 5100, 7000, 100, 64240);
        TcpFlow flow = s.only();

        assertThat(s.flags(c1)).isEmpty();
        assertThat(s.flags(p1)).isEmpty();
        assertThat(s.flags(c2)).doesNotContain("window_full").isEmpty();
        assertThat(flow.log().seq(0)).isEqualTo(1);
        assertThat(flow.log().seq(1)).isEqualTo(1);
        assertThat(flow.log().ack(1)).isEqualTo(101);
        assertThat(flow.roleBasis()).isEqualTo(RoleBasis.FIRST_PACKET);
        assertThat(flow.state()).isEqualTo(ConnState.OTH);
    }

    @Test
    void zeroWindowRepeatedIsZeroWindowOnlyNotDuplicateAck() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        long zw1 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long zw2 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        s.finish();

        assertThat(s.flags(zw1)).containsExactly("zero_window");
        assertThat(s.flags(zw2)).containsExactly("zero_window");
    }

    @Test
    void zeroWindowProbeItsAckAndTheWindowReopening() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long probe1 = s.after(500).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 1, 64240);
        long probeAck1 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long probe2 = s.after(1000).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 1, 64240);
        long probeAck2 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long update = s.after(100).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 4096);
        s.finish();

        assertThat(s.flags(probe1)).containsExactly("zero_window_probe");
        assertThat(s.flags(probeAck1)).containsExactly("zero_window", "zero_window_probe_ack");
        assertThat(s.flags(probe2)).containsExactly("zero_window_probe");
        assertThat(s.flags(probeAck2)).containsExactly("zero_window", "zero_window_probe_ack");
        assertThat(s.flags(update)).containsExactly("window_update");
    }

    @Test
    void reopeningAckThatTakesTheProbeByteIsAckedUnseenSegmentIn40() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long probe = s.after(500).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 1, 64240);
        long reopen = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 102, 0, 4096);
        s.finish();

        assertThat(s.flags(probe)).containsExactly("zero_window_probe");
        // current Wireshark says window_update; 4.0 reports the probe byte as an ACKed unseen segment
        assertThat(s.flags(reopen)).containsExactly("ack_lost_segment");
    }

    @Test
    void linuxProbeDuringZeroWindowIsKeepAliveAndTheReplyOnlyZeroWindow() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long probe = s.after(200).send(CLIENT, PRINTER, ACK, C_ISN + 100, P_ISN + 1, 0, 64240);
        long reply = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        s.finish();

        assertThat(s.flags(probe)).containsExactly("keep_alive");
        assertThat(s.flags(reply)).containsExactly("zero_window");
    }

    @Test
    void windowsKeepAliveAndItsAck() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        long keepAlive = s.after(7_200_000).send(CLIENT, PRINTER, ACK, C_ISN + 100, P_ISN + 1, 1, 64240);
        long reply = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        TcpFlow flow = s.only();

        assertThat(s.flags(keepAlive)).containsExactly("keep_alive");
        assertThat(s.flags(reply)).containsExactly("keep_alive_ack");
        assertThat(flow.analysis().count(TcpAnalysisFlag.RETRANSMISSION)).isZero();
    }

    private long[] threeSegmentsAndDupAcks(TcpScript s) {
        long d1 = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(0.1).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 100, 64240);
        s.after(0.1).send(CLIENT, PRINTER, ACK, C_ISN + 201, P_ISN + 1, 100, 64240);
        long a1 = s.after(5).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        long a2 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        long a3 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        return new long[] {d1, a1, a2, a3};
    }

    @Test
    void twoDuplicateAcksThenResendWithin20msIsFastRetransmission() {
        TcpScript s = handshake(8192);
        long[] f = threeSegmentsAndDupAcks(s);
        long resend = s.after(10).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 100, 64240);
        s.finish();

        assertThat(s.flags(f[1])).isEmpty();
        assertThat(s.flags(f[2])).containsExactly("duplicate_ack");
        assertThat(s.flags(f[3])).containsExactly("duplicate_ack");
        // tshark shows tcp.analysis.retransmission on fast retransmissions too
        assertThat(s.flags(resend)).containsExactly("retransmission", "fast_retransmission");
        assertThat(s.stream(0).analysis().count(TcpAnalysisFlag.DUPLICATE_ACK)).isEqualTo(2);
    }

    @Test
    void resendAfter25msIsPlainRetransmission() {
        TcpScript s = handshake(8192);
        threeSegmentsAndDupAcks(s);
        long resend = s.after(25).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 100, 64240);
        s.finish();

        assertThat(s.flags(resend)).containsExactly("retransmission");
    }

    @Test
    void missingSegmentIsPreviousSegmentLostAndTheCoveringAckAckedUnseen() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 100, 64240);
        long c = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 201, P_ISN + 1, 100, 64240);
        long ack = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 301, 0, 8192);
        long ack2 = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 301, 0, 8192);
        s.finish();

        assertThat(s.flags(c)).containsExactly("lost_segment");
        assertThat(s.flags(ack)).containsExactly("ack_lost_segment");
        assertThat(s.flags(ack2)).containsExactly("duplicate_ack");
    }

    /**
     * ACKed-unseen-segment bookkeeping as tshark 4.0.17 does it (each case checked against tshark): an ACK beyond
     * everything the client sent is reported once; repeats stay quiet until the client sends a new ack or skips
     * ahead in its own stream; data that re-sends the acked range changes nothing.
     */
    @Test
    void ackedUnseenSegmentIsReportedOncePerHole() {
        TcpScript s = handshake(8192);
        long first = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 2001, 0, 8192);
        long repeat = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 2001, 0, 8192);
        long resend = s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 1, P_ISN + 1, 100, 64240);
        long again = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 2001, 0, 8192);
        long skip = s.after(1).send(CLIENT, PRINTER, ACK | PSH, C_ISN + 2001, P_ISN + 1, 100, 64240);
        long afterSkip = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 2001, 0, 8192);
        long afterThat = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 2001, 0, 8192);
        s.finish();

        assertThat(s.flags(first)).containsExactly("ack_lost_segment");
        assertThat(s.flags(repeat)).containsExactly("duplicate_ack");
        assertThat(s.flags(resend)).containsExactly("retransmission", "spurious_retransmission");
        assertThat(s.flags(again)).containsExactly("duplicate_ack");
        assertThat(s.flags(skip)).containsExactly("lost_segment");
        assertThat(s.flags(afterSkip)).containsExactly("duplicate_ack", "ack_lost_segment");
        assertThat(s.flags(afterThat)).containsExactly("duplicate_ack");
    }

    @Test
    void aNewAckFromTheClientReenablesAckedUnseenButItsOwnDuplicateAckDoesNot() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 0, 64240); // client duplicate ACK
        long suppressed = s.after(1).send(PRINTER, CLIENT, ACK | PSH, P_ISN + 1, C_ISN + 3001, 10, 8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 11, 0, 64240); // acks the printer's data
        long reported = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 11, C_ISN + 3001, 0, 8192);
        s.finish();

        assertThat(s.flags(suppressed)).isEmpty();
        assertThat(s.flags(reported)).containsExactly("duplicate_ack", "ack_lost_segment");
    }

    /** Wireshark's duplicate-ACK counter is unsigned: the "reported" mark (-1) passes the ">= 2" test. */
    @Test
    void theAckedUnseenMarkArmsFastRetransmission() {
        TcpScript s = handshake(8192);
        s.after(1).send(PRINTER, CLIENT, ACK | PSH, P_ISN + 1, C_ISN + 1, 100, 8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 0, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK | PSH, P_ISN + 101, C_ISN + 501, 100, 8192); // acks unseen data
        long resend = s.after(5).send(PRINTER, CLIENT, ACK | PSH, P_ISN + 1, C_ISN + 501, 100, 8192);
        s.finish();

        assertThat(s.flags(resend)).containsExactly("retransmission", "fast_retransmission");
    }

    @Test
    void resendingAcknowledgedDataIsSpuriousRetransmission() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 101, 0, 8192);
        long again = s.after(300).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 100, 64240);
        s.finish();

        assertThat(s.flags(again)).containsExactly("retransmission", "spurious_retransmission");
    }

    @Test
    void earlierUnseenSegmentShortlyAfterTheHighestIsOutOfOrder() {
        TcpScript s = script();
        long s0 = 100_000;
        s.at(0).send(CLIENT, PRINTER, ACK, s0 + 100, P_ISN, 100, 64240);
        s.at(0.0003).send(PRINTER, CLIENT, ACK, P_ISN, s0, 0, 8192);
        long late = s.at(0.0005).send(CLIENT, PRINTER, ACK, s0, P_ISN, 100, 64240);
        s.finish();

        assertThat(s.flags(late)).containsExactly("out_of_order");
    }

    @Test
    void outOfOrderIsTimedFromTheHighestSegmentNotThePeersLastPacketIn40() {
        TcpScript s = script();
        long s0 = 100_000;
        s.at(0).send(PRINTER, CLIENT, ACK, P_ISN, s0, 0, 8192);
        s.at(0.0495).send(CLIENT, PRINTER, ACK, s0 + 100, P_ISN, 100, 64240);
        long late = s.at(0.050).send(CLIENT, PRINTER, ACK, s0, P_ISN, 100, 64240);
        s.finish();

        // current Wireshark: retransmission (peer's last packet 50 ms ago); 4.0: out-of-order
        assertThat(s.flags(late)).containsExactly("out_of_order");
    }

    @Test
    void copyOfAnUnackedSegmentRightAfterTheHighestIsOutOfOrderButCopyOfTheHighestIsRetransmission() {
        TcpScript s = script();
        long s0 = 100_000;
        s.at(0).send(CLIENT, PRINTER, ACK, s0, P_ISN, 100, 64240);
        s.at(0.0002).send(CLIENT, PRINTER, ACK, s0 + 100, P_ISN, 100, 64240);
        long copyOfFirst = s.at(0.0003).send(CLIENT, PRINTER, ACK, s0, P_ISN, 100, 64240);
        long copyOfHighest = s.at(0.0004).send(CLIENT, PRINTER, ACK, s0 + 100, P_ISN, 100, 64240);
        s.finish();

        // MR !10837 (an unacked copy makes it a retransmission) is later than 4.0
        assertThat(s.flags(copyOfFirst)).containsExactly("out_of_order");
        assertThat(s.flags(copyOfHighest)).containsExactly("retransmission");
    }

    @Test
    void segmentEndingExactlyAtTheAdvertisedWindowIsWindowFull() {
        TcpScript s = handshake(1000);
        long full = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 1000, 64240);
        s.finish();
        assertThat(s.flags(full)).containsExactly("window_full");

        TcpScript t = handshake(1000);
        long shortOfIt = t.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 999, 64240);
        t.finish();
        assertThat(t.flags(shortOfIt)).isEmpty();
    }

    @Test
    void windowFullUsesTheScaleOnlyAfterThePeersFirstNonSynAck() {
        TcpScript s = script();
        s.at(0).syn(CLIENT, PRINTER, SYN, C_ISN, 0, 64240, 7);
        s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, C_ISN + 1, 1000, 2);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 0, 502);
        // the printer has not sent a non-SYN ACK yet: its SYN-ACK window counts unscaled
        long unscaled = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 1000, 502);
        s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, C_ISN + 1001, 0, 100);
        long scaled = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1001, P_ISN + 1, 400, 502);
        TcpFlow flow = s.only();

        assertThat(s.flags(unscaled)).containsExactly("window_full");
        assertThat(s.flags(scaled)).containsExactly("window_full");
        assertThat(flow.clientSide().windowScale()).isEqualTo(7);
        assertThat(flow.serverSide().windowScale()).isEqualTo(2);
    }

    @Test
    void rstWithWindowZeroIsNotZeroWindowAndLaterDataStaysInTheStream() {
        TcpScript s = handshake(8192);
        s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 1, P_ISN + 1, 100, 64240);
        long rst = s.after(1).send(PRINTER, CLIENT, RST | ACK, P_ISN + 1, C_ISN + 101, 0, 0);
        long after = s.after(1).send(CLIENT, PRINTER, ACK, C_ISN + 101, P_ISN + 1, 100, 64240);
        TcpFlow flow = s.only();

        assertThat(s.flags(rst)).isEmpty();
        assertThat(s.streamOf(after)).isZero();
        assertThat(flow.state()).isEqualTo(ConnState.RSTR);
    }

    @Test
    void sequenceNumbersWrapAroundWithoutFalseFlags() {
        TcpScript s = script();
        long isn = 0xFFFF_FF00L;
        s.at(0).syn(CLIENT, PRINTER, SYN, isn, 0, 64240, -1);
        s.after(1).syn(PRINTER, CLIENT, SYN | ACK, P_ISN, isn + 1, 65535, -1);
        s.after(1).send(CLIENT, PRINTER, ACK, isn + 1, P_ISN + 1, 0, 64240);
        long d1 = s.after(1).send(CLIENT, PRINTER, ACK, isn + 1, P_ISN + 1, 0x200, 64240);
        long wrapped = (isn + 1 + 0x200) & 0xFFFF_FFFFL;
        long d2 = s.after(1).send(CLIENT, PRINTER, ACK, wrapped, P_ISN + 1, 100, 64240);
        long ack = s.after(1).send(PRINTER, CLIENT, ACK, P_ISN + 1, wrapped + 100, 0, 65535);
        long old = s.after(300).send(CLIENT, PRINTER, ACK, isn + 1, P_ISN + 1, 0x200, 64240);
        TcpFlow flow = s.only();

        assertThat(s.flags(d1)).isEmpty();
        assertThat(s.flags(d2)).isEmpty();
        assertThat(s.flags(ack)).isEmpty();
        assertThat(s.flags(old)).containsExactly("retransmission", "spurious_retransmission");
        assertThat(flow.clientBytes()).isEqualTo(0x200 + 100);
        assertThat(flow.deliveredBytes()).isEqualTo(0x200 + 100);
        assertThat(flow.log().seq(4)).isEqualTo(0x201);
    }
}

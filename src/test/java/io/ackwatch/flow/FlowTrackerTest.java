package io.ackwatch.flow;

import static io.ackwatch.flow.TcpScript.ACK;
import static io.ackwatch.flow.TcpScript.FIN;
import static io.ackwatch.flow.TcpScript.PSH;
import static io.ackwatch.flow.TcpScript.RST;
import static io.ackwatch.flow.TcpScript.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpScript.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Stream numbering, roles, flow summaries and memory behaviour of {@link FlowTracker}. */
class FlowTrackerTest {
    /** Scripts replayed through tshark at the end (when installed): numbering and flags must agree. */
    private static final List<TcpScript> CHECKED = new ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void tsharkAgrees() {
        assertThat(TcpScript.differencesFromTshark(CHECKED)).as("frames where tshark 4.0 disagrees").isEmpty();
    }

    private static TcpScript checked(TcpScript s) {
        CHECKED.add(s);
        return s;
    }

    private static final Host CLIENT = Host.of("192.0.2.10", 1025);
    private static final Host PRINTER = Host.of("192.0.2.50", 9100);

    private static final FlowInterest PRINTERS = new FlowInterest() {
        @Override
        public boolean wantsDetail(Endpoint client, Endpoint server) {
            return server.port() == 9100;
        }

        @Override
        public boolean isService(Endpoint endpoint) {
            return endpoint.port() == 9100;
        }
    };

    @Test
    void everyTcpConversationIsNumberedInOrderOfItsFirstFrame() {
        TcpScript s = new TcpScript(FlowOptions.defaults(PRINTERS));
        Host smbClient = Host.of("192.0.2.10", 50000);
        Host smb = Host.of("192.0.2.20", 445);
        Host client2 = Host.of("192.0.2.10", 1026);
        s.at(0).syn(CLIENT, PRINTER, SYN, 1, 0, 8192, -1);
        s.at(1).syn(smbClient, smb, SYN, 1, 0, 8192, -1);
        s.at(2).syn(client2, PRINTER, SYN, 1, 0, 8192, -1);
        s.at(3).send(PRINTER, CLIENT, RST | ACK, 0, 2, 0, 0);
        s.finish();

        assertThat(s.flows).extracting(TcpFlow::stream).containsExactly(0, 1, 2);
        assertThat(s.stream(1).server().port()).isEqualTo(445);
        assertThat(s.stream(1).detailed()).isFalse();
        assertThat(s.stream(1).log().size()).isZero();
        assertThat(s.stream(1).clientStream()).isSameAs(ByteStreamSample.EMPTY);
        assertThat(s.stream(1).ackDelay()).isSameAs(AckDelayStats.NONE);
        assertThat(s.stream(2).server().port()).isEqualTo(9100);
        assertThat(s.stream(2).detailed()).isTrue();
        assertThat(s.stream(0).packets()).isEqualTo(2);
        assertThat(s.stream(0).lastFrame()).isEqualTo(4);
        assertThat(s.tracker.tcpFrames()).isEqualTo(4);
    }

    @Test
    void trafficResumingAfterTenMinutesWithoutSynIsTheSameStream() {
        TcpScript s = checked(new TcpScript());
        s.at(0).send(CLIENT, PRINTER, ACK | PSH, 5000, 7000, 100, 64240);
        s.at(0.01).send(PRINTER, CLIENT, ACK, 7000, 5100, 0, 8192);
        long later = s.at(600).send(CLIENT, PRINTER, ACK | PSH, 5100, 7000, 100, 64240);
        TcpFlow flow = s.only();

        assertThat(s.streamOf(later)).isZero();
        assertThat(flow.packets()).isEqualTo(3);
        assertThat(flow.roleBasis()).isEqualTo(RoleBasis.FIRST_PACKET);
    }

    @Test
    void icmpQuotedHeadersJoinOrOpenStreamsButCountInNoSide() {
        TcpScript s = new TcpScript();
        Host other = Host.of("198.51.100.7", 80);
        s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(0.1).icmpQuoted(CLIENT, PRINTER, SYN, 1000);
        s.at(0.2).icmpQuoted(CLIENT, other, SYN, 42);
        s.finish();

        TcpFlow joined = s.stream(0);
        assertThat(joined.packets()).isEqualTo(2);
        assertThat(joined.icmpQuotedFrames()).isEqualTo(1);
        assertThat(joined.clientSide().packets()).isEqualTo(1);
        assertThat(joined.lastFrame()).isEqualTo(2);
        assertThat(joined.analysis().total()).isZero();
        TcpFlow opened = s.stream(1);
        assertThat(opened.packets()).isEqualTo(1);
        assertThat(opened.clientSide().packets() + opened.serverSide().packets()).isZero();
        assertThat(s.tracker.tcpFrames()).isEqualTo(3);
    }

    @Test
    void roleFallsBackFromSynToSynAckToServicePortToFirstPacket() {
        TcpScript synAck = new TcpScript();
        synAck.at(0).syn(PRINTER, CLIENT, SYN | ACK, 50_000, 1001, 8192, -1);
        assertThat(synAck.only().roleBasis()).isEqualTo(RoleBasis.SYN_ACK);
        assertThat(synAck.only().client()).isEqualTo(new Endpoint("192.0.2.10", 1025));

        TcpScript service = new TcpScript(FlowOptions.defaults(PRINTERS));
        service.at(0).send(PRINTER, CLIENT, ACK, 50_000, 1001, 0, 8192);
        TcpFlow f = service.only();
        assertThat(f.roleBasis()).isEqualTo(RoleBasis.SERVICE_PORT);
        assertThat(f.server().port()).isEqualTo(9100);
        assertThat(f.serverSide().packets()).isEqualTo(1);

        TcpScript first = new TcpScript();
        first.at(0).send(PRINTER, CLIENT, ACK, 50_000, 1001, 0, 8192);
        assertThat(first.only().roleBasis()).isEqualTo(RoleBasis.FIRST_PACKET);
        assertThat(first.only().client().port()).isEqualTo(9100);
    }

    @Test
    void lateSynAckFlipsTheRolesOfADetailedFlowAndItsLog() {
        TcpScript s = checked(new TcpScript());
        s.at(0).send(CLIENT, PRINTER, ACK, 1001, 50_001, 0, 8192); // first frame from the client...
        s.at(0.001).syn(CLIENT, PRINTER, SYN | ACK, 1000, 50_001, 8192, -1); // ...which turns out to be the server
        TcpFlow f = s.only();

        assertThat(f.roleBasis()).isEqualTo(RoleBasis.SYN_ACK);
        assertThat(f.server()).isEqualTo(new Endpoint("192.0.2.10", 1025));
        assertThat(f.log().fromClient(0)).isFalse();
        assertThat(f.log().fromClient(1)).isFalse();
    }

    /** The seed pattern: handshake, two data segments never acknowledged, backed-off resends, RST from the printer. */
    @Test
    void printerThatStopsAcknowledgingAndResets() {
        TcpScript s = checked(new TcpScript(FlowOptions.defaults(PRINTERS)));
        long syn = s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 64240, -1);
        long synAck = s.at(0.001).syn(PRINTER, CLIENT, SYN | ACK, 50_000, 1001, 8192, -1);
        long ack = s.at(0.002).send(CLIENT, PRINTER, ACK, 1001, 50_001, 0, 64240);
        long data1 = s.at(0.003).send(CLIENT, PRINTER, ACK | PSH, 1001, 50_001, 1460, 64240);
        long data2 = s.at(0.0031).send(CLIENT, PRINTER, ACK | PSH, 2461, 50_001, 1460, 64240);
        long r1 = s.at(0.303).send(CLIENT, PRINTER, ACK | PSH, 1001, 50_001, 1460, 64240);
        long r2 = s.at(0.903).send(CLIENT, PRINTER, ACK | PSH, 1001, 50_001, 1460, 64240);
        long r3 = s.at(2.103).send(CLIENT, PRINTER, ACK | PSH, 1001, 50_001, 1460, 64240);
        long rst = s.at(5).send(PRINTER, CLIENT, RST | ACK, 50_001, 1001, 0, 0);
        TcpFlow f = s.only();

        assertThat(f.detailed()).isTrue();
        assertThat(f.roleBasis()).isEqualTo(RoleBasis.SYN);
        assertThat(f.client()).isEqualTo(new Endpoint("192.0.2.10", 1025));
        assertThat(f.handshake()).isEqualTo(new Handshake(syn, s0(0), synAck, s0(0.001), ack, s0(0.002),
                new SynAckOptions(1460, 8192, false, -1, false, 0, List.of()), 1000, 50_000));
        assertThat(s.flags(data1)).isEmpty();
        assertThat(s.flags(data2)).isEmpty();
        assertThat(List.of(s.flags(r1), s.flags(r2), s.flags(r3))).allMatch(l -> l.equals(List.of("retransmission")));
        assertThat(s.flags(rst)).isEmpty();
        assertThat(f.analysis().count(TcpAnalysisFlag.RETRANSMISSION)).isEqualTo(3);
        assertThat(f.state()).isEqualTo(ConnState.RSTR);
        assertThat(f.history()).isEqualTo("ShADTr");
        assertThat(f.firstUnackedFrame()).isEqualTo(data1);
        assertThat(f.clientBytes()).isEqualTo(2920);
        assertThat(f.deliveredBytes()).isZero();
        assertThat(f.ackDelay().present()).isFalse();
        assertThat(f.clientSide().payloadBytes()).isEqualTo(4 * 1460 + 1460);
        assertThat(f.clientSide().packets()).isEqualTo(7);
        assertThat(f.serverSide().rst()).isEqualTo(1);
        assertThat(f.log().size()).isEqualTo(9);
        assertThat(f.log().fromClient(8)).isFalse();
        assertThat(f.log().seq(3)).isEqualTo(1);
        assertThat(f.log().ack(8)).isEqualTo(1);
    }

    private static long s0(double seconds) {
        return 1_700_000_000_000_000_000L + Math.round(seconds * 1e9);
    }

    @Test
    void ackDelaysRunFromFirstTransmissionToTheFirstCoveringAck() {
        TcpScript s = checked(new TcpScript());
        s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 64240, -1);
        s.at(0.001).syn(PRINTER, CLIENT, SYN | ACK, 50_000, 1001, 8192, -1);
        s.at(0.002).send(CLIENT, PRINTER, ACK, 1001, 50_001, 0, 64240);
        s.at(1.000).send(CLIENT, PRINTER, ACK | PSH, 1001, 50_001, 100, 64240);
        s.at(1.010).send(PRINTER, CLIENT, ACK, 50_001, 1101, 0, 8192);
        s.at(1.020).send(CLIENT, PRINTER, ACK | PSH, 1101, 50_001, 100, 64240);
        long unacked = s.at(1.021).send(CLIENT, PRINTER, ACK | PSH, 1201, 50_001, 100, 64240);
        s.at(1.030).send(CLIENT, PRINTER, ACK | PSH, 1101, 50_001, 100, 64240); // a resend is not a new sample
        s.at(1.060).send(PRINTER, CLIENT, ACK, 50_001, 1201, 0, 8192);
        TcpFlow f = s.only();

        assertThat(f.ackDelay()).isEqualTo(new AckDelayStats(2, 10_000_000, 40_000_000, 40_000_000));
        assertThat(f.firstUnackedFrame()).isEqualTo(unacked);
        assertThat(f.deliveredBytes()).isEqualTo(200);
        assertThat(f.clientBytes()).isEqualTo(300);
    }

    /** The exact percentiles are those of the sorted samples, whatever their order and duplicates. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void selectionFindsTheRanksASortWould(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(seed % 3 == 0 ? 3000 : 120);
            long[] values = new long[n];
            int shape = random.nextInt(4);
            long spread = 1 + random.nextLong(shape == 0 ? 4 : 1_000_000_000L); // shape 0: mostly duplicates
            for (int i = 0; i < n; i++) {
                values[i] = random.nextLong(spread);
            }
            if (shape == 1) {
                java.util.Arrays.sort(values); // sorted and reversed inputs are the classic worst cases
            } else if (shape == 2) {
                java.util.Arrays.sort(values);
                for (int i = 0; i < n / 2; i++) {
                    long t = values[i];
                    values[i] = values[n - 1 - i];
                    values[n - 1 - i] = t;
                }
            }
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int k1 = random.nextInt(n);
            int k2 = k1 + random.nextInt(n - k1);
            AckDelayTracker.select(values, 0, n, k1);
            AckDelayTracker.select(values, k1, n, k2);
            assertThat(values[k1]).isEqualTo(sorted[k1]);
            assertThat(values[k2]).isEqualTo(sorted[k2]);
            long[] after = values.clone();
            java.util.Arrays.sort(after);
            assertThat(after).as("selection only reorders").isEqualTo(sorted);
        }
    }

    @Test
    void ackDelayStatisticsStayWithinTheirErrorBoundBeyondTheExactSampleLimit() {
        AckDelayTracker t = new AckDelayTracker();
        SplittableRandom random = new SplittableRandom(7);
        long[] delays = new long[20_000];
        long seq = 0;
        for (int i = 0; i < delays.length; i++) {
            delays[i] = 1_000 + random.nextLong(50_000_000);
            seq += 100;
            t.sent(seq, 0, i + 1);
            t.acknowledged(seq, delays[i]);
        }
        java.util.Arrays.sort(delays);
        AckDelayStats stats = t.stats();
        assertThat(stats.count()).isEqualTo(delays.length);
        assertThat(stats.maxNanos()).isEqualTo(delays[delays.length - 1]);
        assertThat((double) stats.medianNanos()).isCloseTo(delays[9_999], org.assertj.core.data.Percentage.withPercentage(5));
        assertThat((double) stats.p95Nanos()).isCloseTo(delays[18_999], org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(t.firstUnackedFrame()).isZero();
    }

    /**
     * A connection closed by FINs both ways (frames 1-6, stream 0), then 400 s of traffic on another tuple (stream
     * 1): long past the linger, so stream 0 is emitted early.
     */
    private static void closeThenGoIdle(TcpScript s) {
        Host other = Host.of("192.0.2.11", 2000);
        s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(0.001).syn(PRINTER, CLIENT, SYN | ACK, 50_000, 1001, 8192, -1);
        s.at(0.002).send(CLIENT, PRINTER, ACK, 1001, 50_001, 0, 8192);
        s.at(0.003).send(CLIENT, PRINTER, FIN | ACK, 1001, 50_001, 0, 8192);
        s.at(0.004).send(PRINTER, CLIENT, FIN | ACK, 50_001, 1002, 0, 8192);
        s.at(0.005).send(CLIENT, PRINTER, ACK, 1002, 50_002, 0, 8192);
        s.at(400).syn(other, PRINTER, SYN, 1, 0, 8192, -1);
        s.at(410).syn(other, PRINTER, SYN, 1, 0, 8192, -1);
    }

    @Test
    void closedIdleConnectionsAreEmittedEarlyAndALatePacketKeepsItsStreamNumber() {
        TcpScript s = new TcpScript();
        closeThenGoIdle(s);

        assertThat(s.flows).extracting(TcpFlow::stream).containsExactly(0);
        assertThat(s.flows.get(0).state()).isEqualTo(ConnState.SF);
        assertThat(s.flows.get(0).packets()).isEqualTo(6);

        long late = s.at(420).send(PRINTER, CLIENT, ACK, 50_002, 1002, 0, 8192);
        long reuse = s.at(430).syn(CLIENT, PRINTER, SYN, 9999, 0, 8192, -1);
        s.finish();

        assertThat(s.streamOf(late)).isZero();
        assertThat(s.streamOf(reuse)).isEqualTo(2);
        assertThat(s.flags(reuse)).containsExactly("reused_ports");
        assertThat(s.flows).extracting(TcpFlow::stream).containsExactly(0, 0, 1, 2);
        assertThat(s.flows.get(1).log().seq(0)).as("relative numbers survive the tombstone").isEqualTo(2);
        TcpFlow merged = s.flows.get(0).continuedBy(s.flows.get(1));
        assertThat(merged.packets()).as("the resumed part's frames added").isEqualTo(7);
        assertThat(merged.lastFrame()).isEqualTo(late);
        assertThat(merged.serverSide().packets()).isEqualTo(3);
        assertThat(merged.firstFrame()).isEqualTo(1);
        // documented limit: the resumed stream restarts its analysis state (tshark calls this late ACK a dup ACK)
        assertThat(s.flags(late)).isEmpty();
    }

    /**
     * A connection is judged {@value FlowTracker#FIN_RELEASE_MILLIS} ms after its clean close, and its detail freed,
     * but it keeps its analysis state: the printer's FIN resent 2 s and 8 s later (the client's last ACK lost
     * beyond the capture point) is a retransmission, as tshark says, where a resumed tombstone would have seen
     * nothing. The stream's second emission is the whole connection again, which {@link TcpFlow#continuedBy}
     * merges into the judged one.
     */
    @Test
    void aReleasedConnectionAnalysesItsLateFramesAsTsharkDoes() throws Exception {
        TcpScript s = new TcpScript();
        Host other = Host.of("192.0.2.11", 2000);
        s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(0.001).syn(PRINTER, CLIENT, SYN | ACK, 50_000, 1001, 8192, -1);
        s.at(0.002).send(CLIENT, PRINTER, ACK, 1001, 50_001, 0, 8192);
        s.at(0.003).send(CLIENT, PRINTER, PSH | ACK, 1001, 50_001, 100, 8192);
        s.at(0.004).send(PRINTER, CLIENT, ACK, 50_001, 1101, 0, 8192);
        s.at(0.005).send(CLIENT, PRINTER, FIN | ACK, 1101, 50_001, 0, 8192);
        s.at(0.006).send(PRINTER, CLIENT, FIN | ACK, 50_001, 1102, 0, 8192);
        s.at(0.007).send(CLIENT, PRINTER, ACK, 1102, 50_002, 0, 8192);
        s.at(1.5).syn(other, PRINTER, SYN, 1, 0, 8192, -1); // the capture's clock goes on

        assertThat(s.flows).as("judged once its close settled").extracting(TcpFlow::stream).containsExactly(0);
        TcpFlow judged = s.flows.get(0);
        assertThat(judged.packets()).isEqualTo(8);
        assertThat(judged.log().size()).isEqualTo(8);

        s.at(2).send(PRINTER, CLIENT, FIN | ACK, 50_001, 1102, 0, 8192);
        s.at(2.001).send(CLIENT, PRINTER, ACK, 1102, 50_002, 0, 8192);
        s.at(5).syn(other, PRINTER, SYN, 1, 0, 8192, -1);
        s.at(8).send(PRINTER, CLIENT, FIN | ACK, 50_001, 1102, 0, 8192);
        long last = s.at(8.001).send(CLIENT, PRINTER, ACK, 1102, 50_002, 0, 8192);
        s.finish();

        assertThat(s.flows).extracting(TcpFlow::stream).containsExactly(0, 0, 1);
        TcpFlow whole = s.flows.get(1);
        assertThat(whole.firstFrame()).as("the whole connection again").isEqualTo(judged.firstFrame());
        assertThat(whole.detailed()).as("its detail went with the release").isFalse();
        TcpFlow merged = judged.continuedBy(whole);
        assertThat(merged.packets()).isEqualTo(12);
        assertThat(merged.lastFrame()).isEqualTo(last);
        assertThat(merged.serverSide().fin()).isEqualTo(3);
        assertThat(merged.analysis().count(TcpAnalysisFlag.RETRANSMISSION)).isEqualTo(2);
        assertThat(merged.log()).as("the job's ladder stays").isSameAs(judged.log());
        assertThat(merged.state()).isEqualTo(ConnState.SF);

        Map<Integer, AnalysisCounts> tshark = TcpScript.tsharkCountsByStream(s);
        if (tshark != null) {
            assertThat(merged.analysis()).as("tshark's flags on stream 0").isEqualTo(tshark.get(0));
        }
    }

    /**
     * A connection that is only its client's SYNs never closes; silent for {@value
     * FlowTracker#SYN_ONLY_RELEASE_SECONDS} s it is released as if closed, instead of waiting in the table with its
     * detail for the capture's end. One that was answered stays, however long it is silent. The next SYN with
     * another ISN on the same tuple opens a new stream, as before.
     */
    @Test
    void aConnectionThatIsOnlySynsIsReleasedAfterLongSilence() {
        TcpScript s = new TcpScript();
        Host answered = Host.of("192.0.2.11", 2000);
        s.at(0).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(1).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(3).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        s.at(5).syn(answered, PRINTER, SYN, 1, 0, 8192, -1);
        s.at(5.001).syn(PRINTER, answered, SYN | ACK, 70_000, 2, 8192, -1);
        s.at(5.002).send(answered, PRINTER, ACK, 2, 70_001, 0, 8192);
        for (int t = 10; t <= 170; t += 20) {
            // the capture's clock goes on: other clients' SYNs, each a connection of its own
            s.at(t).syn(Host.of("192.0.2.12", 3000 + t), PRINTER, SYN, 5000, 0, 8192, -1);
        }
        assertThat(s.flows).as("not yet silent long enough").isEmpty();

        s.at(185).syn(Host.of("192.0.2.12", 4000), PRINTER, SYN, 5000, 0, 8192, -1);
        s.at(186).syn(Host.of("192.0.2.12", 4001), PRINTER, SYN, 5000, 0, 8192, -1);
        s.at(205).syn(Host.of("192.0.2.12", 4002), PRINTER, SYN, 5000, 0, 8192, -1);
        assertThat(s.flows).as("released, with its three SYNs").extracting(TcpFlow::stream).contains(0);
        assertThat(s.stream(0).packets()).isEqualTo(3);
        assertThat(s.flows).as("answered: it stays").extracting(TcpFlow::stream).doesNotContain(1);

        s.at(206).syn(CLIENT, PRINTER, SYN, 4242, 0, 8192, -1);
        s.finish();
        assertThat(s.flows.stream().filter(f -> f.stream() == 0)).as("judged once").hasSize(1);
        assertThat(s.flows.stream().filter(f -> f.client().port() == CLIENT.port()).map(TcpFlow::stream))
                .as("a new ISN on the tuple: a new stream").hasSize(2).contains(0);
    }

    /**
     * A connection the interest leaves unanalysed (not a printer's) is only numbered and counted, never emitted:
     * at its close only a tombstone is left, and a late packet resumes it under its number; a SYN with the same ISN
     * stays in it, one with a new ISN opens a new stream.
     */
    @Test
    void unanalysedConnectionsAreOnlyNumberedAndCounted() {
        TcpScript s = new TcpScript(FlowOptions.defaults(FlowCorpusTest.NUMBERED_ONLY));
        closeThenGoIdle(s);
        assertThat(s.flows).isEmpty();

        // no segment log here: the stream of a frame is the tracker's last stream right after it
        s.at(420).send(PRINTER, CLIENT, ACK, 50_002, 1002, 0, 8192);
        int late = s.tracker.lastStream();
        s.at(425).syn(CLIENT, PRINTER, SYN, 1000, 0, 8192, -1);
        int retry = s.tracker.lastStream();
        s.at(430).syn(CLIENT, PRINTER, SYN, 9999, 0, 8192, -1);
        int reuse = s.tracker.lastStream();
        s.finish();

        assertThat(late).isZero();
        assertThat(retry).as("same ISN as the tombstone's base: the same stream").isZero();
        assertThat(reuse).isEqualTo(2);
        assertThat(s.flows).isEmpty();
        assertThat(s.tracker.unanalysedConnections()).as("streams 0, 1 and 2, each once").isEqualTo(3);
        assertThat(s.tracker.tcpFrames()).isEqualTo(11);
    }

    /** Numbering equals a straightforward model: a map from the unordered tuple to the stream of its first frame. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void streamNumbersMatchAFirstSeenModelForRandomInterleavings(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TcpScript s = new TcpScript(FlowOptions.defaults((c, srv) -> false));
        Map<String, Integer> model = new HashMap<>();
        List<long[]> expected = new ArrayList<>();
        int hosts = 1 + random.nextInt(200);
        for (int i = 0; i < 20_000; i++) {
            Host a = new Host(0xC000_0200 | random.nextInt(hosts), 1024 + random.nextInt(40));
            Host b = new Host(0xC633_6400 | random.nextInt(4), random.nextBoolean() ? 9100 : 515);
            boolean forward = random.nextBoolean();
            String key = a + "|" + b;
            Integer stream = model.computeIfAbsent(key, k -> model.size());
            long frame = forward
                    ? s.after(1).send(a, b, ACK, random.nextLong(1L << 32), 1, 0, 8192)
                    : s.after(1).send(b, a, ACK, random.nextLong(1L << 32), 1, 0, 8192);
            expected.add(new long[] {frame, stream});
        }
        s.finish();
        assertThat(s.flows).hasSize(model.size());
        Map<Integer, Long> packets = new HashMap<>();
        for (long[] e : expected) {
            packets.merge((int) e[1], 1L, Long::sum);
        }
        for (TcpFlow f : s.flows) {
            assertThat(f.packets()).as("stream %d", f.stream()).isEqualTo(packets.get(f.stream()));
        }
        assertThat(s.tracker.streams()).isEqualTo(model.size());
    }

    @Test
    void acceptAllocatesNothingPerPacketOnceTheConnectionExists() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults((c, srv) -> false), f -> { });
        byte[] data = new byte[1460];
        long cLo = CLIENT.lo();
        long pLo = PRINTER.lo();
        tracker.accept(1, 1, 4, 0, cLo, 0, pLo, 1025, 9100, 1000, 0, SYN, 8192, 0, 0, null, 0, 64, 1460, -1,
                false, false, false);
        tracker.accept(2, 2, 4, 0, pLo, 0, cLo, 9100, 1025, 50_000, 1001, SYN | ACK, 8192, 0, 0, null, 0, 64, 1460,
                -1, false, false, false);
        long seq = 1001;
        int warm = 50_000;
        int measured = 200_000;
        long before = 0;
        for (int i = 0; i < warm + measured; i++) {
            if (i == warm) {
                before = hotspot.getCurrentThreadAllocatedBytes();
            }
            long frame = 3 + 2L * i;
            tracker.accept(frame, 1000L * frame, 4, 0, cLo, 0, pLo, 1025, 9100, seq, 50_001, ACK, 8192, 1460, 1460,
                    data, 0, 64, -1, -1, false, false, false);
            seq = (seq + 1460) & 0xFFFF_FFFFL;
            tracker.accept(frame + 1, 1000L * frame + 500, 4, 0, pLo, 0, cLo, 9100, 1025, 50_001, seq, ACK, 8192, 0,
                    0, null, 0, 64, -1, -1, false, false, false);
        }
        long allocated = hotspot.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for %d packets", 2 * measured).isLessThan(64 * 1024);
    }
}

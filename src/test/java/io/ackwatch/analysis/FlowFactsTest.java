package io.ackwatch.analysis;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.testsupport.TrackedFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlowFacts} against the implementation it replaced ({@link OldFlowFacts}, the one before it was made
 * faster): every fact the rules read is the same, on the connections of the testdata captures and on seeded
 * random connections; the facts it gathers on its pass besides match a direct walk over the log.
 */
class FlowFactsTest {

    static Stream<Path> captures() throws IOException {
        Path testdata = Paths.get(System.getProperty("ackwatch.testdata", "testdata"));
        Assumptions.assumeTrue(Files.isDirectory(testdata),
                "testdata not found at " + testdata.toAbsolutePath() + " (system property ackwatch.testdata)");
        try (Stream<Path> files = Files.walk(testdata)) {
            return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .toList().stream();
        }
    }

    static LongStream seeds() {
        return LongStream.range(1, 401);
    }

    @Test
    void thereAreCapturesToCheck() throws IOException {
        assertThat(captures().count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameFactsAsBeforeOnTestdataConnections(Path capture) throws Exception {
        for (TcpFlow flow : TrackedFlows.of(capture)) {
            // relayed copies are left out on purpose since the relay detector: RelayWarningTest covers those
            if (flow.relayed().isEmpty()) {
                assertSameFacts(flow);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameFactsAsBeforeOnRandomConnections(long seed) {
        assertSameFacts(randomFlow(seed));
    }

    private static void assertSameFacts(TcpFlow flow) {
        FlowFacts facts = FlowFacts.of(flow);
        OldFlowFacts old = OldFlowFacts.of(flow);
        String at = "stream " + flow.stream();
        SegmentLog log = flow.log();
        assertThat(facts.lastNanos()).as(at).isEqualTo(old.lastNanos());
        assertThat(facts.copies()).as(at).isEqualTo(old.copies());
        for (int i = 0; i < log.size(); i++) {
            assertThat(facts.isCopy(i)).as(at).isEqualTo(old.isCopy(i));
        }
        for (boolean side : new boolean[] {true, false}) {
            assertThat(describe(facts.data(side))).as(at).isEqualTo(describeOld(old.data(side)));
            assertThat(describe(facts.unacknowledged(side))).as(at).isEqualTo(describeOld(old.unacknowledged(side)));
            assertThat(facts.rsts(side)).as(at).isEqualTo(old.rsts(side));
            assertThat(facts.gaps(side).toString()).as(at).isEqualTo(old.gaps(side).toString());
            assertThat(facts.zeroWindows(side).toString()).as(at).isEqualTo(old.zeroWindows(side).toString());
            assertThat(facts.usualTtl(side)).as(at).isEqualTo(old.usualTtl(side));
            for (TcpAnalysisFlag flag : TcpAnalysisFlag.values()) {
                assertThat(facts.flagged(side, flag)).as(at + " " + flag).isEqualTo(old.flagged(side, flag));
                assertThat(facts.flagged(side, flag)).as("asked again").isEqualTo(old.flagged(side, flag));
            }
        }
        AckDelays d = facts.ackDelays();
        OldAckDelays o = old.ackDelays();
        assertThat(List.of(d.count(), d.medianNanos(), d.p95Nanos(), d.maxNanos(),
                d.slowest() == null ? -1 : d.slowest().frame())).as(at)
                .isEqualTo(List.of(o.count(), o.medianNanos(), o.p95Nanos(), o.maxNanos(),
                        o.slowest() == null ? -1 : o.slowest().frame()));

        // what the single pass gathers besides, against a walk over the log
        List<Long> syns = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        int oversized = -1;
        for (int i = 0; i < log.size(); i++) {
            int f = log.tcpFlags(i);
            if (log.fromClient(i) && (f & TcpSegment.SYN) != 0 && (f & TcpSegment.ACK) == 0) {
                syns.add(log.frame(i));
            }
            if (log.fromClient(i) && !old.isCopy(i) && (log.has(i, TcpAnalysisFlag.RETRANSMISSION)
                    || log.has(i, TcpAnalysisFlag.OUT_OF_ORDER))) {
                recoveries.add(log.timeNanos(i));
            }
            int limit = log.fromClient(i) ? flow.serverSide().mss() : flow.clientSide().mss();
            if (oversized < 0 && limit > 0 && log.len(i) > limit) {
                oversized = i;
            }
        }
        assertThat(facts.clientSynFrames()).as(at).isEqualTo(syns);
        assertThat(Arrays.stream(facts.clientRecoveryNanos()).boxed().toList()).as(at)
                .isEqualTo(recoveries.stream().sorted().toList());
        assertThat(facts.firstOversizedSegment()).as(at).isEqualTo(oversized);
        for (TcpAnalysisFlag flag : TcpAnalysisFlag.values()) {
            boolean any = false;
            for (int i = 0; i < log.size(); i++) {
                any |= log.has(i, flag);
            }
            assertThat(facts.anyFlagged(flag)).as(at + " " + flag).isEqualTo(any);
        }
    }

    private static List<String> describe(List<DataSegment> data) {
        List<String> out = new ArrayList<>();
        for (DataSegment d : data) {
            out.add(List.of(d.index(), d.frame(), d.nanos(), d.seq(), d.end(), d.length(),
                    d.firstSeenAsRetransmission(), d.retransmissionFrames(), d.retransmissionNanos(),
                    d.retransmissions(), d.retransmissionsBeforeAck(), d.retransmissionFramesBeforeAck(), d.acked(),
                    d.ackFrame(), d.ackNanos(), d.retransmittedBeforeAck(), d.ackDelayNanos(), d.lastSendNanos())
                    .toString());
        }
        return out;
    }

    private static List<String> describeOld(List<OldDataSegment> data) {
        List<String> out = new ArrayList<>();
        for (OldDataSegment d : data) {
            out.add(List.of(d.index(), d.frame(), d.nanos(), d.seq(), d.end(), d.length(),
                    d.firstSeenAsRetransmission(), d.retransmissionFrames(), d.retransmissionNanos(),
                    d.retransmissions(), d.retransmissionsBeforeAck(), d.retransmissionFramesBeforeAck(), d.acked(),
                    d.ackFrame(), d.ackNanos(), d.retransmittedBeforeAck(), d.ackDelayNanos(), d.lastSendNanos())
                    .toString());
        }
        return out;
    }

    /** Data both ways, ACKs, losses, resends, holes, zero windows, probes, copies, resets, in any order. */
    private static TcpFlow randomFlow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FlowScript s = FlowScript.printer().stream((int) seed).ttl(r.nextBoolean() ? 128 : 127, 64);
        if (r.nextInt(3) == 0) {
            s.mss(r.nextInt(200, 1461), r.nextInt(200, 1461));
        }
        if (r.nextInt(4) == 0) {
            s.logLimits(r.nextInt(4, 20), r.nextInt(4, 20));
        }
        double t = 0;
        if (r.nextInt(5) > 0) {
            s.syn(t);
            if (r.nextInt(6) == 0) {
                s.syn(t += 1000);
            }
            s.synAck(t += r.nextDouble(0.01, 20));
            s.ack(t += r.nextDouble(0.01, 20));
        }
        int steps = r.nextInt(1, 80);
        for (int i = 0; i < steps; i++) {
            // now and then two frames closer than a millisecond: capture copies among them
            t += r.nextInt(6) == 0 ? 0.2 : r.nextDouble(0.01, 900);
            try {
                switch (r.nextInt(14)) {
                    case 0, 1, 2 -> s.data(C, r.nextInt(1, 1461), t);
                    case 3, 4 -> s.ackAll(S, t);
                    case 5 -> s.dupAck(S, t);
                    case 6 -> s.retrans(C, t);
                    case 7 -> s.resend(C, r.nextInt(1, 4), t);
                    case 8 -> s.notCaptured(r.nextBoolean() ? C : S, r.nextInt(1, 1461));
                    case 9 -> s.window(r.nextBoolean() ? S : C, r.nextBoolean() ? 0 : 8192, t);
                    case 10 -> s.data(S, r.nextInt(1, 300), t);
                    case 11 -> s.ackAll(C, t);
                    case 12 -> {
                        if (r.nextBoolean()) {
                            s.probe(C, t);
                        } else {
                            s.keepAlive(C, t);
                        }
                    }
                    default -> {
                        if (r.nextInt(4) == 0) {
                            s.rst(r.nextBoolean() ? C : S, t);
                        } else {
                            s.retrans(S, t);
                        }
                    }
                }
            } catch (IllegalStateException | IndexOutOfBoundsException notNow) {
                s.ackAll(S, t); // nothing outstanding to resend, or no such frame here
            }
        }
        return s.build();
    }
}

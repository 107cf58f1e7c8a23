package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LadderTest {

    @Test
    void seedFailureIsShownWholeWithEvidenceAndResetMarked() {
        Ladder ladder = Ladder.of(ReportFixtures.seedFailure(), 6);
        assertThat(ladder.lines()).hasSize(12).allMatch(Ladder.Segment.class::isInstance);
        List<Ladder.Segment> rows = ladder.lines().stream().map(Ladder.Segment.class::cast).toList();
        assertThat(rows).filteredOn(Ladder.Segment::evidence).extracting(Ladder.Segment::frame)
                .containsExactly(225L, 226L, 228L, 231L, 235L, 240L, 241L);
        Ladder.Segment rst = rows.get(11);
        assertThat(rst.reset()).isTrue();
        assertThat(rst.fromClient()).isFalse();
        assertThat(rst.marks()).containsExactly("RST");
        assertThat(rst.relativeNanos()).isEqualTo(4_601_000_000L);
        assertThat(rows.get(7).marks()).containsExactly("Retransmission");
        assertThat(rows.get(7).label()).isEqualTo("PSH,ACK seq=1461 ack=1 len=1460");
        assertThat(ladder.serverRole()).isEqualTo("printer");
    }

    @Test
    void longLogIsCutAroundTheEvidenceAndCountsWhatItLeavesOut() {
        Ladder ladder = Ladder.of(ReportFixtures.slowAck(), 6);
        assertThat(ladder.segmentRows()).isLessThanOrEqualTo(Ladder.DEFAULT_MAX_ROWS);
        long gaps = ladder.lines().stream().filter(Ladder.Gap.class::isInstance)
                .mapToLong(l -> ((Ladder.Gap) l).segments()).sum();
        TcpFlow flow = ReportFixtures.slowAck().flow();
        assertThat(ladder.segmentRows() + gaps).isEqualTo(flow.packets());
        assertThat(ladder.lines()).filteredOn(Ladder.Segment.class::isInstance)
                .map(l -> ((Ladder.Segment) l).frame()).contains(30L, 31L, 32L, 121L, 122L);
    }

    @Test
    void textRendererDrawsArrowsBothWays() {
        List<String> text = LadderText.render(Ladder.of(ReportFixtures.refused(), 6), Style.PLAIN);
        assertThat(text.get(0)).contains("client 10.0.0.8:50999").contains("printer 192.0.2.7:9100");
        assertThat(text.get(1)).startsWith("*    300   0.000000  |--- SYN seq=0 len=0 ").endsWith("->|");
        assertThat(text.get(2)).contains("|<-- RST,ACK seq=1 ack=1 len=0 ").endsWith("|  RST");
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    /** Random connections, random log bounds, random evidence: the ladder never lies about what it left out. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cutLaddersAccountForEverySegment(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int segments = 2 + rnd.nextInt(400);
        int head = 1 + rnd.nextInt(60);
        int tail = rnd.nextInt(60);
        FlowFixture b = new FlowFixture(5, new Endpoint("10.0.0.1", 40000), new Endpoint("10.0.0.2", 9100),
                ReportFixtures.T0).log(head, tail);
        List<Long> frames = new ArrayList<>();
        long frame = 1;
        long t = 0;
        for (int i = 0; i < segments; i++) {
            frame += 1 + rnd.nextInt(3);
            t += rnd.nextInt(50_000);
            frames.add(frame);
            boolean client = rnd.nextBoolean();
            TcpAnalysisFlag[] marks = rnd.nextInt(10) == 0
                    ? new TcpAnalysisFlag[] {TcpAnalysisFlag.RETRANSMISSION} : new TcpAnalysisFlag[0];
            if (client) {
                b.c(frame, t, TcpSegment.ACK | TcpSegment.PSH, i * 100L, 1, 100, marks);
            } else {
                b.s(frame, t, TcpSegment.ACK, 1, i * 100L, 0, marks);
            }
        }
        TreeSet<Long> evidence = new TreeSet<>();
        int evidenceCount = rnd.nextInt(50);
        for (int i = 0; i < evidenceCount; i++) {
            evidence.add(frames.get(rnd.nextInt(frames.size())));
        }
        Finding f = new Finding("x", Severity.FAILURE, List.copyOf(evidence), "m", "tcp.stream eq 5");
        TcpFlow flow = b.build();
        FlowVerdict v = new FlowVerdict(flow, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER,
                List.of(f), List.of(), null);
        int max = 10 + rnd.nextInt(40);
        Ladder ladder = Ladder.of(v, 6, max);

        assertThat(ladder.segmentRows()).isLessThanOrEqualTo(max);
        long shown = 0;
        long gaps = 0;
        long lastFrame = 0;
        boolean lastWasGap = false;
        for (Ladder.Line line : ladder.lines()) {
            if (line instanceof Ladder.Segment s) {
                assertThat(s.frame()).isGreaterThan(lastFrame);
                lastFrame = s.frame();
                shown++;
                lastWasGap = false;
            } else {
                assertThat(lastWasGap).as("two gaps in a row").isFalse();
                assertThat(((Ladder.Gap) line).segments()).isPositive();
                gaps += ((Ladder.Gap) line).segments();
                lastWasGap = true;
            }
        }
        assertThat(shown + gaps).isEqualTo(segments);
        // evidence the log kept is always shown while it fits the evidence budget
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < flow.log().size(); i++) {
            if (evidence.contains(flow.log().frame(i))) {
                kept.add(flow.log().frame(i));
            }
        }
        if (flow.log().size() > max && kept.size() <= max * 3 / 4) {
            assertThat(ladder.lines()).filteredOn(Ladder.Segment.class::isInstance)
                    .map(l -> ((Ladder.Segment) l).frame()).containsAll(kept);
        }
        for (String row : LadderText.render(ladder, Style.PLAIN, "    ")) {
            assertThat(row.codePointCount(0, row.length())).isLessThanOrEqualTo(100);
        }
    }
}

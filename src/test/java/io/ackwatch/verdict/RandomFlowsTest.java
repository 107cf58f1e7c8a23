package io.ackwatch.verdict;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.FlowScript;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.TcpFlow;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random connections (data, ACKs, losses, resends, zero windows, resets in any order): whatever the
 * sequence, judging never throws and every verdict is consistent with its findings.
 */
class RandomFlowsTest {
    private final VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults());

    static LongStream seeds() {
        return LongStream.range(1, 301);
    }

    static TcpFlow randomFlow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FlowScript s = FlowScript.printer().stream((int) (seed % 50)).ttl(r.nextBoolean() ? 128 : 127,
                r.nextBoolean() ? 64 : 63);
        double t = 0;
        if (r.nextInt(5) > 0) {
            s.syn(t);
            t += r.nextDouble(0.01, 20);
            s.synAck(t);
            t += r.nextDouble(0.01, 20);
            s.ack(t);
        }
        boolean sent = false;
        int steps = r.nextInt(1, 40);
        for (int i = 0; i < steps; i++) {
            t += r.nextDouble(0.01, 900);
            switch (r.nextInt(11)) {
                case 0, 1, 2 -> {
                    s.data(C, r.nextInt(1, 1461), t);
                    sent = true;
                }
                case 3, 4 -> s.ackAll(S, t);
                case 5 -> s.dupAck(S, t);
                case 6 -> {
                    if (sent) {
                        try {
                            s.retrans(C, t);
                        } catch (IllegalStateException nothingOutstanding) {
                            s.ackAll(S, t);
                        }
                    }
                }
                case 7 -> s.notCaptured(C, r.nextInt(1, 1461));
                case 8 -> s.window(S, r.nextBoolean() ? 0 : 8192, t);
                case 9 -> s.data(S, r.nextInt(1, 200), t);
                default -> {
                    if (r.nextInt(4) == 0) {
                        s.rst(r.nextBoolean() ? C : S, t);
                    } else {
                        s.ackAll(C, t);
                    }
                }
            }
        }
        if (!sent) {
            s.data(C, 100, t + 1);
        }
        return s.build();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void verdictsAreConsistentWithTheirFindings(long seed) {
        TcpFlow flow = randomFlow(seed);
        FlowVerdict v = engine.judge(flow, null);
        List<Finding> findings = v.findings();
        assertThat(findings).extracting(Finding::severity).isSorted();
        boolean failure = findings.stream().anyMatch(f -> f.severity() == Severity.FAILURE);
        boolean warning = findings.stream().anyMatch(f -> f.severity() == Severity.WARNING);
        Verdict byFindings = failure ? Verdict.FAILED : warning ? Verdict.DEGRADED : Verdict.OK;
        assertThat(v.verdict()).isEqualTo(v.outcome().verdict(byFindings));
        assertThat(v.outcome()).isEqualTo(JobOutcome.of(flow, null));
        assertThat(v.fault() == Fault.NONE).isEqualTo(v.verdict() == Verdict.OK || v.verdict() == Verdict.INCOMPLETE);
        assertThat(v.reachesSeverity(Severity.FAILURE)).isEqualTo(v.verdict() == Verdict.FAILED);
        assertThat(v.reasoning()).isNotEmpty().allMatch(r -> !r.isBlank());
        for (Finding f : findings) {
            assertThat(f.message()).isNotBlank().endsWith(".");
            assertThat(f.filter()).startsWith("tcp.stream eq " + flow.stream());
            assertThat(f.frames()).isSorted().doesNotHaveDuplicates()
                    .allMatch(n -> n >= flow.firstFrame() && n <= flow.lastFrame());
        }
        assertThat(engine.summarize(List.of(v))).singleElement()
                .satisfies(p -> assertThat(p.flows()).isEqualTo(1));
    }
}

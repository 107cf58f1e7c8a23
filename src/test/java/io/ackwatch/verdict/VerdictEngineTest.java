package io.ackwatch.verdict;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.CaptureGapRule;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.FlowScript;
import io.ackwatch.analysis.MissingAckRule;
import io.ackwatch.analysis.PacketLossRule;
import io.ackwatch.analysis.PrinterResetRule;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.RetransmissionStormRule;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpFlow;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Verdict and fault for each row of the fault table (docs/tcp-analysis.md §11), from each vantage point. */
class VerdictEngineTest {
    private final VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults());

    /** Capture at the printer's switch port: the printer answers at once, the client's packets are routed. */
    static FlowScript printerSide() {
        return FlowScript.printer().stream(7).ttl(127, 64).syn(0).synAck(0.1).ack(10.1);
    }

    /** Capture on the client: the SYN-ACK takes the round trip, the printer's packets are routed. */
    static FlowScript clientSide() {
        return FlowScript.printer().stream(7).ttl(128, 63).syn(0).synAck(10).ack(10.05);
    }

    static FlowScript seedData(FlowScript s) {
        return s.data(C, 1460, 20).data(C, 1460, 21)
                .retrans(C, 521).retrans(C, 1521).retrans(C, 3521).retrans(C, 7521).retrans(C, 15521);
    }

    FlowVerdict judge(FlowScript s) {
        return engine.judge(s.build(), null);
    }

    static List<String> rules(FlowVerdict v) {
        return v.findings().stream().map(Finding::rule).toList();
    }

    static String reasoning(FlowVerdict v) {
        return String.join(" ", v.reasoning());
    }

    @Nested
    class SeedScenario {
        @Test
        void printerSideCaptureBlamesThePrinter() {
            FlowVerdict v = judge(seedData(printerSide()).rst(S, 15600));
            assertThat(v.vantage()).isEqualTo(Vantage.SERVER);
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(rules(v)).contains(MissingAckRule.ID, RetransmissionStormRule.ID, PrinterResetRule.ID);
            assertThat(v.findings()).filteredOn(f -> f.rule().equals(PrinterResetRule.ID))
                    .extracting(Finding::severity).containsExactly(Severity.FAILURE);
            assertThat(reasoning(v)).contains("the data arrived there").contains("sent no ACK");
            assertThat(v.printer()).isTrue();
            assertThat(v.service()).isEqualTo("raw");
        }

        @Test
        void clientSideCaptureWithThePrintersResetBlamesThePrinterAndSaysWhy() {
            FlowVerdict v = judge(seedData(clientSide()).rst(S, 15600));
            assertThat(v.vantage()).isEqualTo(Vantage.CLIENT);
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(rules(v)).contains(MissingAckRule.ID, RetransmissionStormRule.ID, PrinterResetRule.ID);
            assertThat(reasoning(v)).contains("own packets still reach the capture point after the data")
                    .contains("its reset in frame 11").contains("never took the data").contains("MTU black hole")
                    .contains("printer's switch port");
        }

        @Test
        void clientSideCaptureWhereThePrintersResetAcknowledgesTheDataBlamesTheNetwork() {
            // its TCP took the data (the RST's ack number says so), so it sent ACKs, and none arrived
            FlowVerdict v = judge(seedData(clientSide()).rstAckingAll(S, 15600));
            assertThat(v.fault()).isEqualTo(Fault.NETWORK);
            assertThat(reasoning(v)).contains("reset (frame 11) acknowledges the data")
                    .contains("its ACKs were lost on the way back");
        }

        @Test
        void clientSideCaptureWithNothingFromThePrinterIsUnknownAndNamesTheCaptureToTake() {
            FlowVerdict v = judge(seedData(clientSide()).rst(C, 31000));
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.UNKNOWN);
            assertThat(rules(v)).contains(MissingAckRule.ID, RetransmissionStormRule.ID);
            assertThat(reasoning(v)).contains("printer's switch port");
        }

        @Test
        void findingsAreMostSevereFirst() {
            FlowVerdict v = judge(seedData(printerSide()).rst(S, 15600));
            assertThat(v.findings()).extracting(Finding::severity).isSorted();
        }
    }

    @Nested
    class FaultTable {
        @Test
        void dataLostBeforeThePrinterPortAndRecoveredIsTheNetwork() {
            FlowVerdict v = judge(printerSide().notCaptured(C, 1460).data(C, 1460, 21).dupAck(S, 21.5)
                    .data(C, 1460, 22).dupAck(S, 22.5).retrans(C, 30).ackAll(S, 30.2));
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.NETWORK);
            assertThat(rules(v)).contains(PacketLossRule.ID);
        }

        @Test
        void lostPrinterAcksSeenFromTheClientAreUnknownButExplained() {
            FlowVerdict v = judge(clientSide().data(C, 1000, 20).data(C, 1000, 21).retrans(C, 520).retrans(C, 1520)
                    .ackAll(S, 1530));
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.UNKNOWN);
            assertThat(rules(v)).startsWith(MissingAckRule.ID);
            assertThat(reasoning(v)).contains("also covers frame 5").contains("lost on the way back");
        }

        @Test
        void lostPrinterAcksSeenAtThePrinterPortAreSpuriousResendsAndTheNetwork() {
            FlowVerdict v = judge(printerSide().data(C, 1000, 20).data(C, 1000, 21).ackAll(S, 21.1)
                    .resend(C, 0, 520).ackAll(S, 520.1).resend(C, 0, 1520).ackAll(S, 1520.1));
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.NETWORK);
            assertThat(reasoning(v)).contains("the first 499 ms after that ACK left here")
                    .contains("never took effect at the client");
            assertThat(rules(v)).contains("spurious-retransmission").doesNotContain(PacketLossRule.ID,
                    MissingAckRule.ID);
        }

        @Test
        void lateAckAfterAStormAtThePrinterPortIsThePrinter() {
            FlowVerdict v = judge(printerSide().data(C, 1000, 20).retrans(C, 320).retrans(C, 920).retrans(C, 2120)
                    .ackAll(S, 2130));
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(reasoning(v)).contains("slow to acknowledge");
        }

        @Test
        void unansweredSynsFromTheClientSideAreUnknown() {
            FlowVerdict v = engine.judge(FlowScript.printer().syn(0).syn(3000).syn(9000).build(), null);
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.UNKNOWN);
            assertThat(reasoning(v)).contains("printer's switch port").contains("ARP");
        }

        @Test
        void unansweredSynsSeenAtThePrinterPortAreThePrinter() {
            FlowVerdict other = judge(printerSide().data(C, 100, 20).ackAll(S, 20.1));
            TcpFlow syns = new FlowScript(new Endpoint("10.0.2.6", 50000), new Endpoint("10.0.2.9", 9100)).stream(8)
                    .syn(100).syn(3100).syn(9100).build();
            FlowVerdict unanswered = engine.judge(syns, null);
            assertThat(unanswered.vantage()).isEqualTo(Vantage.UNKNOWN);
            List<FlowVerdict> refined = engine.refine(List.of(other, unanswered));
            assertThat(refined.get(0)).isSameAs(other);
            FlowVerdict v = refined.get(1);
            assertThat(v.vantage()).isEqualTo(Vantage.SERVER);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(reasoning(v)).contains("the other connections to this printer");
        }

        @Test
        void aLoneSynJudgedBeforeTheCaptureEndIsSettledByRefine() {
            TcpFlow syn = FlowScript.printer().syn(0).build();
            FlowVerdict early = engine.judge(syn, null);
            assertThat(early.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(engine.refine(List.of(early), FlowScript.nanos(5000)).get(0).verdict())
                    .isEqualTo(Verdict.FAILED);
            assertThat(engine.refine(List.of(early), FlowScript.nanos(100)).get(0).verdict()).isEqualTo(Verdict.OK);
        }

        @Test
        void dataLeftWithoutAnAckLooksHealthyUntilTheCaptureEndIsKnown() {
            // two segments, one resend, then silence: at its own last packet the wait is still within the bound
            TcpFlow stalled = printerSide().data(C, 1460, 20).data(C, 1460, 21).retrans(C, 321).build();
            FlowVerdict early = engine.judge(stalled, null);
            assertThat(early.verdict()).isEqualTo(Verdict.INCOMPLETE);
            assertThat(engine.needsCaptureEnd(stalled)).isTrue();
            FlowVerdict settled = engine.refine(List.of(early), FlowScript.nanos(10_000)).get(0);
            assertThat(settled.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(settled.findings()).extracting(Finding::rule).contains(MissingAckRule.ID);
        }

        @Test
        void resetInReplyToSynIsThePrinterRefusing() {
            FlowVerdict v = engine.judge(FlowScript.printer().syn(0).rst(S, 0.4).build(), null);
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
        }

        @Test
        void longZeroWindowIsPrinterFlowControl() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).window(S, 0, 25).probe(C, 30_000)
                    .window(S, 0, 30_001).window(S, 8192, 70_000).data(C, 1000, 70_001).ackAll(S, 70_002));
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(reasoning(v)).contains("flow control");
        }

        @Test
        void aPrinterResetBeforeTheClientFinishedFailsTheJobThoughEveryByteWasAcknowledged() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).ackAll(S, 21).rst(S, 3000));
            assertThat(v.outcome()).isEqualTo(JobOutcome.FAILED);
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(v.reachesSeverity(Severity.FAILURE)).as("a failed job fails --fail-on failure").isTrue();
            assertThat(reasoning(v)).startsWith("Verdict failed: the connection ended before the job's end was"
                    + " acknowledged (findings: printer-reset).");
        }

        @Test
        void theClientsCloseAcknowledgedIsTheJobsEndWhenNoMarkerIsKnown() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).ackAll(S, 21).fin(C, 30).ackAll(S, 31));
            assertThat(v.outcome()).isEqualTo(JobOutcome.COMPLETED);
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
            assertThat(v.confidence()).isEqualTo(Confidence.END_FROM_CLOSE);
            assertThat(v.confidence().level()).isEqualTo(Confidence.Level.MEDIUM);
        }

        @Test
        void aConnectionTheCaptureLeftOpenIsIncompleteNeverOk() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).ackAll(S, 21));
            assertThat(v.outcome()).isEqualTo(JobOutcome.INCOMPLETE);
            assertThat(v.verdict()).isEqualTo(Verdict.INCOMPLETE);
            assertThat(v.fault()).isEqualTo(Fault.NONE);
            assertThat(v.reachesSeverity(Severity.INFO)).isFalse();
            assertThat(v.confidence().level()).isEqualTo(Confidence.Level.HIGH);
        }

        @Test
        void briefZeroWindowIsOk() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).window(S, 0, 25).window(S, 8192, 900)
                    .data(C, 1000, 901).ackAll(S, 902).fin(C, 903).ackAll(S, 904));
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
            assertThat(v.fault()).isEqualTo(Fault.NONE);
        }

        @Test
        void captureGapAloneIsOkWithInfo() {
            FlowVerdict v = judge(clientSide().data(C, 100, 20).notCaptured(C, 100).data(C, 100, 22).ackAll(S, 30)
                    .fin(C, 31).ackAll(S, 32));
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
            assertThat(v.fault()).isEqualTo(Fault.NONE);
            assertThat(rules(v)).containsExactly(CaptureGapRule.ID);
        }

        @Test
        void spuriousResendsSeenAtTheClientAreTheClientsTimer() {
            FlowScript s = clientSide().data(C, 100, 20).ackAll(S, 30).resend(C, 0, 40).resend(C, 0, 60)
                    .resend(C, 0, 100);
            FlowVerdict v = judge(s);
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.CLIENT);
        }

        @Test
        void spuriousResendCrossingTheAckAtThePrinterIsUnknown() {
            // the resend left the client before the ACK could reach it (10 ms round trip to the client)
            FlowVerdict v = judge(printerSide().data(C, 100, 20).ackAll(S, 20.1).resend(C, 0, 25));
            assertThat(v.fault()).isEqualTo(Fault.UNKNOWN);
        }

        @Test
        void keepAlivesUnansweredUntilTheClientGivesUpIsAHungPrinter() {
            FlowVerdict v = judge(clientSide().data(C, 100, 20).ackAll(S, 21).keepAlive(C, 7_200_000)
                    .keepAlive(C, 7_201_000).keepAlive(C, 7_202_000).rst(C, 7_203_000));
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(reasoning(v)).contains("stopped responding");
        }

        @Test
        void clientAbortingWithoutEverResendingIsTheClient() {
            FlowVerdict v = judge(clientSide().data(C, 100, 20).rst(C, 100));
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.fault()).isEqualTo(Fault.CLIENT);
        }

        @Test
        void slowAcksAtThePrinterPortAreThePrinters() {
            FlowScript s = printerSide();
            for (int i = 0; i < 6; i++) {
                s.data(C, 1000, 20 + i * 400).ackAll(S, 20 + i * 400 + 300);
            }
            FlowVerdict v = judge(s);
            assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
        }

        @Test
        void slowAcksOverAFastPathAreThePrintersEvenFromTheClient() {
            FlowScript s = clientSide();
            for (int i = 0; i < 6; i++) {
                s.data(C, 1000, 20 + i * 400).ackAll(S, 20 + i * 400 + 300);
            }
            FlowVerdict v = judge(s);
            assertThat(v.fault()).isEqualTo(Fault.SERVER);
            assertThat(reasoning(v)).contains("cannot hold back only the ACKs");
        }

        @Test
        void healthyJobIsOkWithNoFault() {
            FlowVerdict v = judge(clientSide().data(C, 1460, 20).data(C, 1460, 21).ackAll(S, 22).fin(C, 30)
                    .fin(S, 31).ackAll(C, 32));
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
            assertThat(v.fault()).isEqualTo(Fault.NONE);
            assertThat(v.findings()).isEmpty();
            assertThat(reasoning(v)).contains("Verdict ok");
        }

        @Test
        void flowsWithoutSegmentDetailAreJudgedFromTheirCounts() {
            FlowVerdict refused = engine.judge(FlowScript.printer().syn(0).rst(S, 0.4).build().withoutDetail(), null);
            assertThat(refused.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(refused.fault()).isEqualTo(Fault.SERVER);
            FlowVerdict healthy = engine.judge(clientSide().data(C, 100, 20).ackAll(S, 21).fin(C, 22).ackAll(S, 23)
                    .build().withoutDetail(), null);
            assertThat(healthy.verdict()).isEqualTo(Verdict.OK);
        }

        @Test
        void nonPrinterFlowsAreJudgedTheSameWayButNotAsPrinters() {
            TcpFlow flow = new FlowScript(new Endpoint("10.0.2.5", 50000), new Endpoint("10.0.2.80", 80)).syn(0)
                    .rst(S, 0.2).build();
            FlowVerdict v = engine.judge(flow, null);
            assertThat(v.printer()).isFalse();
            assertThat(v.service()).isNull();
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.findings().get(0).message()).contains("server 10.0.2.80:80");
        }
    }
}

package io.ackwatch.analysis;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule fires on its sequence and stays silent on the near miss next to it. */
class RulesTest {
    private static final Thresholds T = Thresholds.defaults();

    static FlowScript handshake() {
        return FlowScript.printer().stream(7).syn(0).synAck(10).ack(11);
    }

    /** The seed: two segments, no ACK, retransmissions 0.5/1/2/4/8 s apart, then the printer's reset. */
    static FlowScript seed() {
        return handshake().data(C, 1460, 20).data(C, 1460, 21)
                .retrans(C, 521).retrans(C, 1521).retrans(C, 3521).retrans(C, 7521).retrans(C, 15521)
                .rst(S, 15600);
    }

    static List<Finding> run(TcpFlow flow) {
        return run(flow, null, -1);
    }

    static List<Finding> run(TcpFlow flow, JobInfo job, long captureEnd) {
        return Rules.evaluate(RuleContext.of(flow, job, true, T).withCaptureEnd(captureEnd));
    }

    static Optional<Finding> find(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).findFirst();
    }

    static Finding only(List<Finding> findings, String rule) {
        assertThat(findings).extracting(Finding::rule).contains(rule);
        return find(findings, rule).orElseThrow();
    }

    static JobInfo job(Boolean complete) {
        return new JobInfo("PJL", null, null, null, null, 2920, 2920, complete, List.of());
    }

    @Nested
    class MissingAck {
        @Test
        void seedScenarioNamesTheSegmentsTheResendsAndTheReset() {
            Finding f = only(run(seed().build()), MissingAckRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.frames()).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            assertThat(f.message()).isEqualTo("The printer 10.0.2.9 never acknowledged the 2 full-sized data"
                    + " segments (2920 bytes) the client sent (frames 4, 5); the client retransmitted the first of"
                    + " them 5 times over 15.5 s (frames 6–10) and the printer reset the connection (frame 11).");
            assertThat(f.filter()).isEqualTo("tcp.stream eq 7 && frame.number in {4..11}");
        }

        @Test
        void delayedAckOf200msIsNotAMissingAck() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).ackAll(S, 221).fin(C, 3000).build();
            assertThat(find(run(flow), MissingAckRule.ID)).isEmpty();
        }

        @Test
        void aLateAckOfTheFirstSegmentAloneStillNamesBothSegmentsHeldPastTheBound() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).retrans(C, 521).ackUpTo(S, 1461, 800)
                    .ackAll(S, 801).fin(C, 900).ackAll(S, 901).build();
            Finding f = only(run(flow), MissingAckRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("The printer 10.0.2.9 left the 2 data segments (2920 bytes) the client"
                    + " sent (frames 4, 5) unacknowledged for 779 ms, beyond the 500 ms RFC 1122 allows: the client"
                    + " retransmitted the first of them once (frame 6) before an ACK arrived (frame 7).");
        }

        @Test
        void oneSegmentAcknowledgedLateIsNotTwo() {
            TcpFlow flow = handshake().data(C, 1460, 20).retrans(C, 520).ackAll(S, 800).data(C, 1460, 801)
                    .ackAll(S, 802).fin(C, 900).ackAll(S, 901).build();
            assertThat(find(run(flow), MissingAckRule.ID)).isEmpty();
        }

        @Test
        void oneUnacknowledgedSegmentIsNotTwo() {
            TcpFlow flow = handshake().data(C, 1460, 20).retrans(C, 1020).retrans(C, 3020).build();
            assertThat(find(run(flow), MissingAckRule.ID)).isEmpty();
        }

        @Test
        void connectionEndingWithinTheBoundProvesNothing() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).rst(C, 300).build();
            assertThat(find(run(flow), MissingAckRule.ID)).isEmpty();
            TcpFlow later = handshake().data(C, 1460, 20).data(C, 1460, 21).rst(C, 900).build();
            assertThat(find(run(later), MissingAckRule.ID)).isPresent();
        }

        @Test
        void clientThatNeitherResendsNorClosesIsBeingAckedOutsideTheCapture() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).data(C, 1460, 900).data(C, 1460, 1800)
                    .build();
            assertThat(find(run(flow, null, FlowScript.nanos(5000)), MissingAckRule.ID)).isEmpty();
        }

        @Test
        void oneSidedCaptureIsACaptureGapNotAMissingAck() {
            TcpFlow flow = FlowScript.printer().data(C, 1460, 20).data(C, 1460, 21).retrans(C, 600).fin(C, 2000)
                    .build();
            List<Finding> findings = run(flow);
            assertThat(find(findings, MissingAckRule.ID)).isEmpty();
            assertThat(only(findings, CaptureGapRule.ID).message()).contains("only one direction");
        }

        @Test
        void acknowledgingTheFirstButNotTheRestStillFiresForTheRest() {
            TcpFlow flow = handshake().data(C, 1000, 20).ackUpTo(S, 1001, 30).data(C, 1000, 40).data(C, 1000, 41)
                    .retrans(C, 1040).rst(C, 5000).build();
            Finding f = only(run(flow), MissingAckRule.ID);
            assertThat(f.message()).contains("2 data segments (2000 bytes)").contains("frames 6, 7")
                    .contains("the client gave up and reset the connection (frame 9)");
        }
    }

    @Nested
    class RetransmissionStorm {
        @Test
        void fiveResendsWithBackOffNeverAcknowledgedIsAFailure() {
            Finding f = only(run(seed().build()), RetransmissionStormRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.message()).contains("5 times over 15.5 s (frames 6–10)")
                    .contains("(0.5, 1.0, 2.0, 4.0, 8.0 s)").contains("as many as Windows sends before it gives up")
                    .contains("the printer never acknowledged it");
            assertThat(f.frames()).containsExactly(4L, 6L, 7L, 8L, 9L, 10L);
        }

        @Test
        void twoSegmentsLeftUnacknowledgedPastTheBoundThenAckedIsAWarning() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).retrans(C, 520).retrans(C, 1520)
                    .ackAll(S, 1530).build();
            Finding f = only(run(flow), MissingAckRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("left the 2 data segments (2920 bytes) the client sent (frames 4, 5)"
                    + " unacknowledged for 1.5 s").contains("retransmitted the first of them twice (frames 6, 7) before an ACK arrived"
                    + " (frame 8)");
        }

        @Test
        void slowAckWithoutResendsIsNotAMissingAck() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).ackAll(S, 721).build();
            assertThat(find(run(flow), MissingAckRule.ID)).isEmpty();
        }

        @Test
        void stormThatEndsInAnAckIsAWarning() {
            TcpFlow flow = handshake().data(C, 1460, 20).retrans(C, 520).retrans(C, 1520).retrans(C, 3520)
                    .ackAll(S, 3530).build();
            Finding f = only(run(flow), RetransmissionStormRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("acknowledged it only 3.5 s after the first send (frame 8)");
        }

        @Test
        void twoResendsAreOrdinaryRecovery() {
            TcpFlow flow = handshake().data(C, 1460, 20).retrans(C, 520).retrans(C, 1520).ackAll(S, 1530).build();
            assertThat(find(run(flow), RetransmissionStormRule.ID)).isEmpty();
        }

        @Test
        void threeResendsOfDifferentSegmentsAreNoStorm() {
            TcpFlow flow = handshake().data(C, 100, 20).retrans(C, 520).ackAll(S, 530).data(C, 100, 540)
                    .retrans(C, 1040).ackAll(S, 1050).data(C, 100, 1060).retrans(C, 1560).ackAll(S, 1570).build();
            assertThat(find(run(flow), RetransmissionStormRule.ID)).isEmpty();
        }
    }

    @Nested
    class PrinterReset {
        @Test
        void resetWithDataOutstandingIsAFailure() {
            Finding f = only(run(seed().build()), PrinterResetRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.message()).startsWith("The printer 10.0.2.9 reset the connection (frame 11) with 2920 bytes"
                    + " of client data unacknowledged (frames 4, 5)");
        }

        @Test
        void resetAfterACompleteAcknowledgedJobIsInfo() {
            TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).ackAll(S, 22).fin(C, 30).ackAll(S, 31)
                    .rst(S, 40).build();
            Finding f = only(run(flow, job(true), -1), PrinterResetRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("after acknowledging all 2920 bytes").contains("nothing was lost");
        }

        @Test
        void resetBeforeTheJobEndIsAWarning() {
            TcpFlow flow = handshake().data(C, 1460, 20).ackAll(S, 22).rst(S, 40).build();
            assertThat(only(run(flow, job(false), -1), PrinterResetRule.ID).severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        void resetWithAForeignTtlIsFlaggedAsPossiblyForged() {
            TcpFlow flow = handshake().data(C, 1460, 20).nextTtl(250).rst(S, 40).build();
            assertThat(only(run(flow), PrinterResetRule.ID).message()).contains("TTL (250)")
                    .contains("a firewall may have sent it");
        }

        @Test
        void resetAnsweringTheSynIsNotAPrinterReset() {
            TcpFlow flow = FlowScript.printer().syn(0).rst(S, 1).build();
            assertThat(find(run(flow), PrinterResetRule.ID)).isEmpty();
        }
    }

    @Nested
    class ConnectionRefused {
        @Test
        void resetInReplyToSyn() {
            TcpFlow flow = FlowScript.printer().stream(3).syn(0).rst(S, 0.3).build();
            Finding f = only(run(flow), ConnectionRefusedRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.frames()).containsExactly(1L, 2L);
            assertThat(f.message()).contains("answered the client's SYN (frame 1) with a reset (frame 2) 300 µs later")
                    .contains("port 9100");
            assertThat(f.filter()).isEqualTo("tcp.stream eq 3 && frame.number in {1, 2}");
        }

        @Test
        void resetAfterSynAckIsNoRefusal() {
            TcpFlow flow = FlowScript.printer().syn(0).synAck(1).ack(2).rst(S, 3).build();
            assertThat(find(run(flow), ConnectionRefusedRule.ID)).isEmpty();
        }
    }

    @Nested
    class SynUnanswered {
        @Test
        void windowsXpRetriesAt3And9Seconds() {
            TcpFlow flow = FlowScript.printer().syn(0).syn(3000).syn(9000).build();
            Finding f = only(run(flow), SynUnansweredRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.frames()).containsExactly(1L, 2L, 3L);
            assertThat(f.message()).contains("never answered the client's 3 SYNs (frames 1–3) over 9.0 s");
        }

        @Test
        void singleSynAtTheVeryEndOfTheCaptureProvesNothing() {
            TcpFlow flow = FlowScript.printer().syn(0).build();
            assertThat(find(run(flow, null, FlowScript.nanos(200)), SynUnansweredRule.ID)).isEmpty();
            assertThat(only(run(flow, null, FlowScript.nanos(5000)), SynUnansweredRule.ID).severity())
                    .isEqualTo(Severity.FAILURE);
        }

        @Test
        void answeredSynIsFine() {
            assertThat(find(run(handshake().build()), SynUnansweredRule.ID)).isEmpty();
        }

        @Test
        void aSynRepeatedWithinMillisecondsAndAnsweredAtOnceIsFine() {
            TcpFlow flow = FlowScript.printer().syn(0).syn(1.5).synAck(2).ack(2.1).build();
            assertThat(find(run(flow), SynUnansweredRule.ID)).isEmpty();
        }

        @Test
        void synAnsweredOnlyAfterRetriesIsAWarning() {
            TcpFlow flow = FlowScript.printer().syn(0).syn(3000).synAck(3001).ack(3002).build();
            Finding f = only(run(flow), SynUnansweredRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("after the client had sent 2 SYNs");
        }
    }

    @Nested
    class ClientReset {
        @Test
        void clientGivingUpWithDataOutstandingIsAFailure() {
            TcpFlow flow = handshake().data(C, 1460, 20).retrans(C, 520).retrans(C, 1520).rst(C, 3520).build();
            Finding f = only(run(flow), ClientResetRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.message()).contains("never acknowledged, retransmitted twice: it gave up");
        }

        @Test
        void resetAfterEverythingWasAcknowledgedIsInfo() {
            TcpFlow flow = handshake().data(C, 1460, 20).ackAll(S, 25).rst(C, 30).build();
            assertThat(only(run(flow), ClientResetRule.ID).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void unansweredKeepAlivesBeforeTheResetMeanAHungPrinter() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 21).keepAlive(C, 7_200_000).keepAlive(C, 7_201_000)
                    .keepAlive(C, 7_202_000).rst(C, 7_203_000).build();
            Finding f = only(run(flow), ClientResetRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.message()).contains("(frame 9) after 3 keep-alive probes (frames 6–8) got no answer");
        }

        @Test
        void answeredKeepAlivesAreFine() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 21).keepAlive(C, 7_200_000)
                    .ackAll(S, 7_200_001).rst(C, 7_203_000).build();
            assertThat(only(run(flow), ClientResetRule.ID).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void clientAnsweringThePrintersResetIsNotReported() {
            TcpFlow flow = handshake().data(C, 1460, 20).rst(S, 25).rst(C, 26).build();
            assertThat(find(run(flow), ClientResetRule.ID)).isEmpty();
        }
    }

    @Nested
    class SmallWindow {
        private FlowScript subSegmentWindow() {
            return FlowScript.printer().stream(7).mss(1460, 1460).syn(0).synAck(10).ack(11).window(S, 576, 12)
                    .data(C, 576, 20).flag(TcpAnalysisFlag.WINDOW_FULL).window(S, 576, 21)
                    .data(C, 576, 22).flag(TcpAnalysisFlag.WINDOW_FULL);
        }

        @Test
        void aWindowBelowOneSegmentThatHoldsTheClientBackIsAStall() {
            TcpFlow flow = subSegmentWindow().data(C, 576, 2000).build();
            Finding f = only(run(flow), SmallWindowRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.frames()).containsExactly(4L, 5L, 7L);
            assertThat(f.message()).isEqualTo("The printer 10.0.2.9 advertised a receive window below one full"
                    + " segment (down to 576 bytes, its MSS 1460) from frame 4 on, for at least 2.0 s (2 ACKs): the"
                    + " client could send only pieces that each filled the window (2 segments flagged window full),"
                    + " which stalls a job as a zero window does; the window never grew to a full segment.");
        }

        @Test
        void aBriefDipIsInfo() {
            TcpFlow flow = subSegmentWindow().window(S, 8192, 60).data(C, 1460, 61).ackAll(S, 62).build();
            Finding f = only(run(flow), SmallWindowRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("for 48 ms until frame 8");
        }

        @Test
        void aSmallWindowThatHeldNothingBackIsNoStall() {
            TcpFlow flow = FlowScript.printer().stream(7).mss(1460, 1460).syn(0).synAck(10).ack(11)
                    .data(C, 100, 20).window(S, 576, 21).fin(C, 3000).ackAll(S, 3001).build();
            assertThat(find(run(flow), SmallWindowRule.ID)).isEmpty();
        }
    }

    @Nested
    class ZeroWindow {
        @Test
        void briefPauseIsInfo() {
            TcpFlow flow = handshake().data(C, 1460, 20).window(S, 0, 25).probe(C, 300).window(S, 0, 301)
                    .window(S, 8192, 700).data(C, 1460, 701).ackAll(S, 702).build();
            Finding f = only(run(flow), ZeroWindowRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("for 675 ms (frames 5–8)").contains("1 probe was answered");
        }

        @Test
        void pauseLongerThanTheThresholdIsAWarning() {
            TcpFlow flow = handshake().data(C, 1460, 20).window(S, 0, 25).probe(C, 500).window(S, 0, 501)
                    .probe(C, 1500).window(S, 0, 1501).window(S, 8192, 4000).build();
            assertThat(only(run(flow), ZeroWindowRule.ID).severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        void unansweredProbesMeanThePrinterStoppedResponding() {
            TcpFlow flow = handshake().data(C, 1460, 20).window(S, 0, 25).probe(C, 500).probe(C, 1500)
                    .probe(C, 3500).build();
            Finding f = only(run(flow), ZeroWindowRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("never reopened").contains("stopped answering the last 3 probes");
        }

        @Test
        void noZeroWindowNoFinding() {
            TcpFlow flow = handshake().data(C, 1460, 20).ackAll(S, 25).build();
            assertThat(find(run(flow), ZeroWindowRule.ID)).isEmpty();
        }
    }

    @Nested
    class SlowAck {
        FlowScript acksAfter(double delayMs, int segments) {
            FlowScript s = handshake();
            double t = 20;
            for (int i = 0; i < segments; i++) {
                s.data(C, 1000, t).ackAll(S, t + delayMs);
                t += delayMs + 5;
            }
            return s;
        }

        @Test
        void p95Above200msIsAWarning() {
            Finding f = only(run(acksAfter(300, 6).build()), SlowAckRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("median 300 ms, 95th percentile 300 ms, worst 300 ms over 6 segments");
        }

        @Test
        void anAckLaterThan500msBreaksTheRfcEvenOnce() {
            Finding f = only(run(acksAfter(700, 1).build()), SlowAckRule.ID);
            assertThat(f.message()).contains("RFC 1122");
        }

        @Test
        void ordinaryDelayedAcksAreNotSlow() {
            assertThat(find(run(acksAfter(150, 10).build()), SlowAckRule.ID)).isEmpty();
            // a single 210 ms delayed ACK on the last segment is normal RFC 1122 behaviour
            assertThat(find(run(acksAfter(210, 1).build()), SlowAckRule.ID)).isEmpty();
        }
    }

    @Nested
    class PacketLoss {
        @Test
        void duplicateAcksAndFastRetransmissionMeanNetworkLoss() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).notCaptured(C, 100).data(C, 100, 30)
                    .dupAck(S, 31).dupAck(S, 32).retrans(C, 40).ackAll(S, 45).build();
            Finding f = only(run(flow), PacketLossRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("2 duplicate ACKs").contains("fast-retransmitted 1 segment")
                    .contains("hole that the retransmission in frame 9 filled");
        }

        @Test
        void duplicateAcksWithoutAResendAreNotLoss() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).dupAck(S, 31).dupAck(S, 32).build();
            assertThat(find(run(flow), PacketLossRule.ID)).isEmpty();
        }

        @Test
        void aTimeoutResendThatIsThenAcknowledgedIsAStall() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 21).data(C, 100, 30).retrans(C, 530)
                    .ackAll(S, 531).build();
            Finding f = only(run(flow), PacketLossRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("resent 1 segment after a timeout (frame 7)");
        }

        @Test
        void aResendAnsweredAsLateAsThePrintersUsualAckIsNotLoss() {
            // every ACK comes ~560 ms late; the client's 500 ms timer fires before one of them: the printer's doing
            FlowScript s = handshake();
            for (int i = 0; i < 4; i++) {
                s.data(C, 100, 20 + i * 1000).ackAll(S, 20 + i * 1000 + 560);
            }
            TcpFlow flow = s.data(C, 100, 5000).retrans(C, 5500).ackAll(S, 5570).build();
            List<Finding> findings = run(flow);
            assertThat(findings).extracting(Finding::rule).doesNotContain(PacketLossRule.ID).contains(SlowAckRule.ID);
        }

        @Test
        void slowAcksHeldBackByAHoleAreLossNotSlowness() {
            TcpFlow flow = handshake().data(C, 1000, 20).ackUpTo(S, 1001, 20.5).notCaptured(C, 1000)
                    .data(C, 1000, 21).dupAck(S, 21.5).data(C, 1000, 22).dupAck(S, 22.5).retrans(C, 700)
                    .ackAll(S, 700.5).build();
            List<Finding> findings = run(flow);
            assertThat(findings).extracting(Finding::rule).contains(PacketLossRule.ID).doesNotContain(SlowAckRule.ID);
        }
    }

    @Nested
    class Spurious {
        @Test
        void resendOfAcknowledgedDataIsReported() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).resend(C, 0, 400).build();
            Finding f = only(run(flow), SpuriousRetransmissionRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("first frame 6, whose ACK is frame 5, 375 ms earlier");
        }

        @Test
        void belowARaisedThresholdTheyAreInfo() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).resend(C, 0, 400).resend(C, 0, 800).build();
            Thresholds lenient = T.with("spurious-retransmission-warning-count", "3");
            List<Finding> findings = Rules.evaluate(RuleContext.of(flow, null, true, lenient));
            assertThat(only(findings, SpuriousRetransmissionRule.ID).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void ordinaryRetransmissionIsNotSpurious() {
            TcpFlow flow = handshake().data(C, 100, 20).retrans(C, 520).ackAll(S, 525).build();
            assertThat(find(run(flow), SpuriousRetransmissionRule.ID)).isEmpty();
        }
    }

    @Nested
    class CaptureGap {
        @Test
        void holeNeverResentButAcknowledgedIsACaptureGap() {
            TcpFlow flow = handshake().data(C, 100, 20).notCaptured(C, 100).data(C, 100, 22).ackAll(S, 30).build();
            Finding f = only(run(flow), CaptureGapRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.frames()).containsExactly(5L, 6L);
            assertThat(find(run(flow), PacketLossRule.ID)).isEmpty();
        }

        @Test
        void holeFilledByARetransmissionIsLossNotACaptureGap() {
            TcpFlow flow = handshake().data(C, 100, 20).notCaptured(C, 100).data(C, 100, 22).ackUpTo(S, 101, 23)
                    .retrans(C, 300).ackAll(S, 305).build();
            assertThat(find(run(flow), CaptureGapRule.ID)).isEmpty();
            assertThat(find(run(flow), PacketLossRule.ID)).isPresent();
        }
    }

    @Nested
    class DuplicateFrames {
        @Test
        void copiesWithinAMillisecondAreACaptureArtefactNotRetransmissions() {
            TcpFlow flow = handshake().data(C, 100, 20).resend(C, 0, 20.01).resend(C, 0, 20.02).resend(C, 0, 20.03)
                    .ackAll(S, 25).build();
            List<Finding> findings = run(flow);
            assertThat(findings).extracting(Finding::rule).containsExactly(DuplicateFramesRule.ID);
            assertThat(findings.get(0).frames()).containsExactly(5L, 6L, 7L);
        }

        @Test
        void manyCopiesAreListedShortAndFilteredInFull() {
            FlowScript script = handshake();
            double t = 20;
            for (int i = 0; i < 50; i++) {
                script.data(C, 100, t).resend(C, i, t + 0.01).ackAll(S, t + 5);
                t += 100;
            }
            Finding f = only(run(script.build()), DuplicateFramesRule.ID);
            // the copies are frames 5, 8, ..., 152: the first 40 listed, all 50 in the filter
            assertThat(f.frames()).hasSize(Evidence.MAX_LISTED_FRAMES).startsWith(5L, 8L).endsWith(122L);
            assertThat(f.frameCount()).isEqualTo(50);
            assertThat(f.shortened()).isTrue();
            assertThat(f.filter()).startsWith("tcp.stream eq 7 && frame.number in {5, 8, 11, ").endsWith(", 149, 152}");
            assertThat(f.filter().split(", ")).hasSize(50);
            assertThat(f.message()).startsWith("50 frames of this connection are exact copies").contains(", 122, ...)");
        }

        @Test
        void aResendAfterThePeerSpokeIsNoCopy() {
            TcpFlow flow = handshake().data(C, 100, 20).ackUpTo(S, 1, 20.2).resend(C, 0, 20.5).ackAll(S, 21).build();
            assertThat(find(run(flow), DuplicateFramesRule.ID)).isEmpty();
        }

        @Test
        void backToBackDuplicateAcksAreNotTakenForCopies() {
            TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).notCaptured(C, 100).data(C, 100, 30)
                    .data(C, 100, 30.1).dupAck(S, 31).dupAck(S, 31.01).retrans(C, 31.5).ackAll(S, 32).build();
            assertThat(find(run(flow), DuplicateFramesRule.ID)).isEmpty();
            assertThat(only(run(flow), PacketLossRule.ID).message()).contains("2 duplicate ACKs");
        }
    }

    @Test
    void acksInTheOmittedMiddleOfALongConnectionAreNotMissing() {
        FlowScript s = handshake().logLimits(12, 12);
        double t = 20;
        for (int i = 0; i < 30; i++) {
            s.data(C, 1460, t).data(C, 1460, t + 0.1).ackAll(S, t + 0.5);
            t += 1;
        }
        TcpFlow flow = s.fin(C, t).fin(S, t + 1).ackAll(C, t + 2).build();
        assertThat(flow.log().omitted()).isPositive();
        assertThat(run(flow)).isEmpty();
    }

    @Test
    void healthyJobHasNoFindings() {
        TcpFlow flow = handshake().data(C, 1460, 20).data(C, 1460, 21).ackAll(S, 22).data(C, 500, 30)
                .ackAll(S, 230).fin(C, 240).fin(S, 241).ackAll(C, 242).build();
        assertThat(run(flow)).isEmpty();
    }

    @Test
    void findingsAreSortedMostSevereFirst() {
        TcpFlow flow = handshake().data(C, 100, 20).ackAll(S, 25).resend(C, 0, 400).data(C, 100, 500)
                .data(C, 100, 501).retrans(C, 1500).retrans(C, 2500).retrans(C, 4500).rst(S, 9000).build();
        List<Finding> findings = run(flow);
        assertThat(findings).extracting(Finding::severity).isSorted();
        assertThat(findings.get(0).severity()).isEqualTo(Severity.FAILURE);
        assertThat(findings).extracting(Finding::rule).contains(SpuriousRetransmissionRule.ID);
    }

    @Test
    void everyRuleHasAStableUniqueIdAndSummary() {
        assertThat(Rules.all()).extracting(Rule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Rules.all()).allMatch(r -> !r.summary().isBlank());
    }
}

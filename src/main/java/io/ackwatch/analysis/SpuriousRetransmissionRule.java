package io.ackwatch.analysis;

import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * A side resent data the peer had already acknowledged (Wireshark's spurious retransmission): the ACK existed
 * but reached the sender late or not at all, or the sender's timer fired too early. Info for a few, a warning
 * from {@link Thresholds#spuriousWarningCount()} on. Whom to blame depends on the vantage point (client-side:
 * ACK visible before the resend = client timer), which the verdict stage decides.
 */
public final class SpuriousRetransmissionRule extends Rule {
    public static final String ID = "spurious-retransmission";

    public SpuriousRetransmissionRule() {
        super(ID, Severity.WARNING,
                "data resent after the peer had acknowledged it: info, warning from"
                        + " spurious-retransmission-warning-count on");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (boolean sender : new boolean[] {true, false}) {
            List<Integer> spurious = ctx.facts().flagged(sender, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION);
            int count = spurious.isEmpty() ? countWithoutLog(ctx, sender) : spurious.size();
            if (count == 0 && sender && ctx.facts().fates().firstCopyEchoed() > 0) {
                out.add(firstCopyEchoed(ctx));
                continue;
            }
            if (count == 0) {
                continue;
            }
            SegmentLog log = ctx.facts().log();
            List<Long> frames = new ArrayList<>();
            StringBuilder msg = new StringBuilder("The ").append(ctx.noun(sender)).append(" resent data the ")
                    .append(ctx.noun(!sender)).append(" had already acknowledged (")
                    .append(Evidence.count(count, "spurious retransmission"));
            if (!spurious.isEmpty()) {
                int first = spurious.get(0);
                int ack = coveringAckBefore(log, first, !sender);
                for (int i : spurious) {
                    frames.add(log.frame(i));
                }
                msg.append(", first frame ").append(log.frame(first));
                if (ack >= 0) {
                    frames.add(log.frame(ack));
                    msg.append(", whose ACK is frame ").append(log.frame(ack)).append(", ")
                            .append(Evidence.duration(log.timeNanos(first) - log.timeNanos(ack))).append(" earlier");
                }
            }
            msg.append("): the ACK reached the ").append(ctx.noun(sender))
                    .append(" late or not at all, or its retransmission timer fired too early.");
            Severity severity = count >= ctx.thresholds().spuriousWarningCount() ? Severity.WARNING : Severity.INFO;
            out.add(spurious.isEmpty()
                    ? flagFinding(ctx, severity, count, msg, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION)
                    : finding(ctx, severity, frames, msg));
        }
        return out;
    }

    /**
     * Resends that Wireshark does not flag (no ACK had passed yet) but the TCP timestamps prove spurious: the ACK
     * that covered them echoes the first copy's TSval (RFC 3522), so the first copy had arrived and the client's
     * timer ran out waiting for a late ACK.
     */
    private Finding firstCopyEchoed(RuleContext ctx) {
        SegmentFates fates = ctx.facts().fates();
        DataSegment d = fates.firstEchoed();
        List<Long> frames = List.of(d.frame(), d.retransmissionFrames().get(0), d.ackFrame());
        String msg = "The client resent data the " + ctx.noun(false) + " had already received ("
                + Evidence.count(fates.firstCopyEchoed(), "spurious retransmission") + ", first frame "
                + d.retransmissionFrames().get(0) + "): the " + ctx.noun(false) + "'s ACK in frame " + d.ackFrame()
                + " echoes TSval " + d.ackTsecr() + " of frame " + d.frame() + ", the first copy (RFC 3522), and came "
                + Evidence.duration(d.ackDelayNanos()) + " after it: the client's timer ran out waiting for that ACK.";
        Severity severity = fates.firstCopyEchoed() >= ctx.thresholds().spuriousWarningCount()
                ? Severity.WARNING : Severity.INFO;
        return finding(ctx, severity, frames, msg);
    }

    /** Without a log the per-side split is unknown: count the flow's total once, for the client. */
    private static int countWithoutLog(RuleContext ctx, boolean sender) {
        if (ctx.facts().hasLog() || !sender) {
            return 0;
        }
        return ctx.flow().analysis().count(TcpAnalysisFlag.SPURIOUS_RETRANSMISSION);
    }

    /** The first segment from {@code acker} before {@code index} whose ack covers the resent data. */
    static int coveringAckBefore(SegmentLog log, int index, boolean acker) {
        long end = log.seq(index) + log.len(index);
        for (int i = 0; i < index; i++) {
            if (log.fromClient(i) == acker && FlowFacts.isPlainAck(log.tcpFlags(i)) && log.ack(i) >= end) {
                return i;
            }
        }
        return -1;
    }
}

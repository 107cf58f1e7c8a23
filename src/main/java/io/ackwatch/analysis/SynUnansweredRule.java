package io.ackwatch.analysis;

import io.ackwatch.flow.Handshake;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's SYN got no answer at all: a failure when the client retried or the capture went on for
 * {@link Thresholds#synAnswerTimeoutMillis()} (RFC 6298 initial RTO) after it; a single SYN at the very end of
 * a capture proves nothing. When the server answered only a retransmitted SYN, at least
 * {@link Thresholds#synAnswerTimeoutMillis()} after the first, connecting took seconds: a warning.
 */
public final class SynUnansweredRule extends Rule {
    public static final String ID = "syn-unanswered";

    public SynUnansweredRule() {
        super(ID, Severity.FAILURE,
                "the SYN got no answer (failure), or only a retransmitted SYN was answered (warning); silent when"
                        + " the capture ends within syn-answer-timeout-ms of a single SYN");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Handshake hs = ctx.flow().handshake();
        if (hs.synFrame() == 0) {
            return List.of();
        }
        List<Long> syns = ctx.facts().clientSynFrames();
        if (syns.isEmpty()) {
            syns = List.of(hs.synFrame());
        }
        int synCount = Math.max(syns.size(), ctx.flow().clientSide().syn());
        if (ctx.flow().serverSide().packets() == 0) {
            return unanswered(ctx, hs, syns, synCount);
        }
        if (hs.synAckFrame() > 0 && synsBefore(syns, hs.synAckFrame()) > 1
                && hs.synAckNanos() - hs.synNanos() >= ctx.thresholds().synAnswerTimeoutNanos()) {
            List<Long> before = new ArrayList<>();
            for (Long f : syns) {
                if (f < hs.synAckFrame()) {
                    before.add(f);
                }
            }
            syns = before;
            synCount = before.size();
            List<Long> frames = new ArrayList<>(syns);
            frames.add(hs.synAckFrame());
            String msg = "The " + ctx.serverName() + " answered only after the client had sent "
                    + synCount + " SYNs (" + Evidence.frameList(syns) + "): its SYN-ACK (frame " + hs.synAckFrame()
                    + ") came " + Evidence.duration(hs.synAckNanos() - hs.synNanos()) + " after the first SYN.";
            return List.of(finding(ctx, Severity.WARNING, frames, msg));
        }
        return List.of();
    }

    private List<Finding> unanswered(RuleContext ctx, Handshake hs, List<Long> syns, int synCount) {
        long waited = ctx.observedUntilNanos() - hs.synNanos();
        if (synCount < 2 && ctx.captureEndNanos() < 0) {
            String msg = "The " + ctx.serverName() + " did not answer the client's SYN (frame " + hs.synFrame()
                    + ") and the client never retried it; if the capture ran on after this SYN, the "
                    + ctx.serverNoun() + " is not accepting connections.";
            return List.of(finding(ctx, Severity.WARNING, syns, msg));
        }
        if (synCount < 2 && waited < ctx.thresholds().synAnswerTimeoutNanos()) {
            return List.of();
        }
        StringBuilder msg = new StringBuilder("The ").append(ctx.serverName()).append(" never answered the client's ")
                .append(synCount > 1 ? synCount + " SYNs (" + Evidence.frameList(syns) + ")"
                        : "SYN (frame " + hs.synFrame() + ")");
        if (waited > 0) {
            msg.append(" over ").append(Evidence.duration(waited));
        }
        msg.append(": no SYN-ACK and no reset");
        if (ctx.flow().icmpQuotedFrames() > 0) {
            msg.append(", but ").append(ctx.flow().icmpQuotedFrames())
                    .append(" ICMP error(s) quoting the SYN came back from the network");
        }
        msg.append('.');
        return List.of(finding(ctx, Severity.FAILURE, syns, msg));
    }

    private static int synsBefore(List<Long> syns, long frame) {
        int n = 0;
        for (int k = 0; k < syns.size(); k++) {
            n += syns.get(k) < frame ? 1 : 0;
        }
        return n;
    }
}

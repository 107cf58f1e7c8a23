package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's SYN got no answer at all: a failure when the client retried or the capture went on for
 * {@link Thresholds#synAnswerTimeoutMillis()} (RFC 6298 initial RTO) after it; a single SYN at the very end of
 * a capture proves nothing. When the server answered only a retransmitted SYN, at least
 * {@link Thresholds#synAnswerTimeoutMillis()} after the first, connecting took seconds: a warning.
 */
public final class SynUnansweredRule implements Rule {
    public static final String ID = "syn-unanswered";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.FAILURE;
    }

    @Override
    public String summary() {
        return "the SYN got no answer (failure), or only a retransmitted SYN was answered (warning); silent when"
                + " the capture ends within syn-answer-timeout-ms of a single SYN";
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Handshake hs = ctx.flow().handshake();
        if (hs.synFrame() == 0) {
            return List.of();
        }
        List<Long> syns = synFrames(ctx.facts().log());
        if (syns.isEmpty()) {
            syns = List.of(hs.synFrame());
        }
        int synCount = Math.max(syns.size(), ctx.flow().clientSide().syn());
        if (ctx.flow().serverSide().packets() == 0) {
            return unanswered(ctx, hs, syns, synCount);
        }
        List<Long> before = syns.stream().filter(f -> f < hs.synAckFrame()).toList();
        if (hs.synAckFrame() > 0 && before.size() > 1
                && hs.synAckNanos() - hs.synNanos() >= ctx.thresholds().synAnswerTimeoutNanos()) {
            syns = before;
            synCount = before.size();
            List<Long> frames = new ArrayList<>(syns);
            frames.add(hs.synAckFrame());
            String msg = "The " + ctx.serverName() + " answered only after the client had sent "
                    + synCount + " SYNs (" + Evidence.frameList(syns) + "): its SYN-ACK (frame " + hs.synAckFrame()
                    + ") came " + Evidence.duration(hs.synAckNanos() - hs.synNanos()) + " after the first SYN.";
            return List.of(new Finding(ID, Severity.WARNING, Evidence.frames(frames), msg, ctx.filter(frames)));
        }
        return List.of();
    }

    private List<Finding> unanswered(RuleContext ctx, Handshake hs, List<Long> syns, int synCount) {
        long waited = ctx.observedUntilNanos() - hs.synNanos();
        if (synCount < 2 && ctx.captureEndNanos() < 0) {
            String msg = "The " + ctx.serverName() + " did not answer the client's SYN (frame " + hs.synFrame()
                    + ") and the client never retried it; if the capture ran on after this SYN, the "
                    + ctx.serverNoun() + " is not accepting connections.";
            return List.of(new Finding(ID, Severity.WARNING, syns, msg, ctx.filter(syns)));
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
        return List.of(new Finding(ID, Severity.FAILURE, Evidence.frames(syns), msg.toString(), ctx.filter(syns)));
    }

    private static List<Long> synFrames(SegmentLog log) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            int f = log.tcpFlags(i);
            if (log.fromClient(i) && (f & TcpSegment.SYN) != 0 && (f & TcpSegment.ACK) == 0) {
                out.add(log.frame(i));
            }
        }
        return out;
    }
}

package io.ackwatch.analysis;

import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The server answered the client's SYN with a reset ({@code [RST, ACK] Seq=0 Ack=ISN+1}, RFC 9293 §3.5.2):
 * nothing listens on the port, or a single-connection printer is busy with another host. A reset after a
 * SYN-ACK is not a refusal (see {@link PrinterResetRule}).
 */
public final class ConnectionRefusedRule extends Rule {
    public static final String ID = "connection-refused";

    public ConnectionRefusedRule() {
        super(ID, Severity.FAILURE,
                "the server answered the SYN with a reset (port closed or printer busy); silent for a reset after"
                        + " a SYN-ACK");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Handshake hs = ctx.flow().handshake();
        FlowFacts facts = ctx.facts();
        List<Integer> rsts = facts.rsts(false);
        SegmentLog log = facts.log();
        if (rsts.isEmpty() || hs.synFrame() == 0) {
            if (!facts.hasLog() && ctx.flow().state() == ConnState.REJ && hs.synFrame() > 0) {
                List<Long> frames = List.of(hs.synFrame(), ctx.flow().lastFrame());
                String msg = "The " + ctx.serverName() + " refused the connection: it answered the client's SYN"
                        + " (frame " + hs.synFrame() + ") with a reset" + cause(ctx) + ".";
                return List.of(finding(ctx, Severity.FAILURE, frames, msg));
            }
            return List.of();
        }
        int r = rsts.get(0);
        if (!PrinterResetRule.isRefusal(ctx, log, r)) {
            return List.of();
        }
        List<Long> frames = new ArrayList<>();
        frames.add(hs.synFrame());
        frames.add(log.frame(r));
        int syns = ctx.flow().clientSide().syn();
        StringBuilder msg = new StringBuilder("The ").append(ctx.serverName())
                .append(" refused the connection: it answered the client's SYN (frame ").append(hs.synFrame())
                .append(") with a reset (frame ").append(log.frame(r)).append(") ")
                .append(Evidence.duration(log.timeNanos(r) - hs.synNanos())).append(" later").append(cause(ctx)).append('.');
        if (syns > 1) {
            msg.append(" The client had sent ").append(syns).append(" SYNs.");
        }
        if (PrinterResetRule.rstTtlMismatch(facts)) {
            msg.append(" The reset's TTL differs from the ").append(ctx.serverNoun())
                    .append("'s other packets: a firewall may have sent it.");
        }
        return List.of(finding(ctx, Severity.FAILURE, frames, msg));
    }

    /** Made only for a refusal: the rule runs on every connection (200,000 of them with --all-flows). */
    private static String cause(RuleContext ctx) {
        return ", so nothing was listening on port " + ctx.flow().server().port() + " or the " + ctx.serverNoun()
                + " was busy with another connection";
    }
}

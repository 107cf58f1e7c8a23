package io.ackwatch.analysis;

import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The client reset the connection. A failure when its data was still unacknowledged (it gave up, e.g. Windows
 * after {@link Thresholds#clientGiveUpRetransmissions()} resends; the cause is whatever kept the ACK away), a
 * warning when it aborted before the job was complete, and info when every byte had been acknowledged: many
 * Windows programs close with a reset after the job.
 */
public final class ClientResetRule extends Rule {
    public static final String ID = "client-reset";
    /** Unanswered probes before the reset that mean the peer stopped responding. */
    public static final int UNANSWERED_PROBES = 2;

    public ClientResetRule() {
        super(ID, Severity.FAILURE,
                "the client reset the connection: failure with its data unacknowledged (it gave up), info after"
                        + " everything was acknowledged");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        List<Integer> rsts = facts.rsts(true);
        if (rsts.isEmpty()) {
            return List.of();
        }
        SegmentLog log = facts.log();
        int r = rsts.get(0);
        List<Integer> serverRsts = facts.rsts(false);
        if (!serverRsts.isEmpty() && serverRsts.get(0) < r) {
            return List.of(); // answering the printer's own reset
        }
        long rstFrame = log.frame(r);
        long rstNanos = log.timeNanos(r);
        List<Long> frames = new ArrayList<>();
        frames.add(rstFrame);
        String who = "The client reset the connection (frame " + rstFrame + ")";
        if (ctx.flow().serverSide().packets() == 0) {
            String msg = ctx.facts().clientData().isEmpty()
                    ? who + " after its SYN went unanswered: it stopped trying."
                    : who + "; the capture holds none of the " + ctx.serverNoun() + "'s packets, so whether its"
                            + " data was acknowledged cannot be told.";
            return List.of(finding(ctx, Severity.INFO, frames, msg));
        }
        List<DataSegment> pending = new ArrayList<>();
        long bytes = 0;
        int resends = 0;
        long sent = 0;
        ArrayList<DataSegment> data = facts.dataList(true);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
            if (d.index() < r) {
                sent += d.length();
                if (!d.acked() || d.ackNanos() > rstNanos) {
                    pending.add(d);
                    bytes += d.length();
                    resends += d.retransmissions();
                }
            }
        }
        if (!pending.isEmpty()) {
            List<Long> dataFrames = new ArrayList<>();
            for (DataSegment d : pending) {
                dataFrames.add(d.frame());
                frames.addAll(d.retransmissionFrames());
            }
            frames.addAll(dataFrames);
            StringBuilder msg = new StringBuilder(who).append(' ')
                    .append(Evidence.duration(rstNanos - pending.get(0).nanos())).append(" after sending ")
                    .append(bytes).append(" bytes (").append(Evidence.frameList(dataFrames)).append(") that the ")
                    .append(ctx.serverNoun()).append(" never acknowledged");
            if (resends > 0) {
                msg.append(", retransmitted ").append(Evidence.times(resends));
            }
            msg.append(": it gave up waiting for the ACK");
            if (resends >= ctx.thresholds().clientGiveUpRetransmissions()) {
                msg.append(", as Windows does after ").append(ctx.thresholds().clientGiveUpRetransmissions())
                        .append(" retransmissions");
            }
            msg.append('.');
            return List.of(finding(ctx, Severity.FAILURE, frames, msg));
        }
        List<Integer> probes = ctx.facts().unansweredProbes(true, r);
        if (probes.size() >= UNANSWERED_PROBES) {
            for (int i : probes) {
                frames.add(log.frame(i));
            }
            String msg = who + " after " + probes.size() + " keep-alive probes (" + Evidence.frameList(
                    frames.subList(1, frames.size())) + ") got no answer: the " + ctx.serverNoun()
                    + " had stopped responding.";
            return List.of(finding(ctx, Severity.FAILURE, frames, msg));
        }
        if (ctx.job() != null && Boolean.FALSE.equals(ctx.job().complete())) {
            String msg = who + " before the print job was complete; everything it had sent was acknowledged,"
                    + " so the client aborted the job.";
            return List.of(finding(ctx, Severity.FAILURE, frames, msg));
        }
        if (ctx.flow().handshake().synAckFrame() > 0 && ctx.flow().handshake().ackFrame() == 0 && sent == 0) {
            String msg = who + " in answer to the " + ctx.serverNoun() + "'s SYN-ACK instead of completing the"
                    + " handshake.";
            return List.of(finding(ctx, Severity.WARNING, frames, msg));
        }
        String msg = who + (sent > 0 ? " after all " + sent + " bytes it sent had been acknowledged"
                : " without sending data") + "; closing with a reset is common for Windows programs and lost nothing.";
        return List.of(finding(ctx, Severity.INFO, frames, msg));
    }
}

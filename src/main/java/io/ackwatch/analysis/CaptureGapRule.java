package io.ackwatch.analysis;

import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture itself missed packets: Wireshark's "previous segment not captured" with no retransmission of the
 * hole, or "ACKed unseen segment" (the receiver acknowledged data the capture never saw, so it was delivered).
 * A SPAN port under load does this. It says nothing against the network and lowers the confidence of any
 * conclusion drawn from packets that are absent. Always info; a hole that a retransmission fills is
 * {@link PacketLossRule}'s.
 */
public final class CaptureGapRule extends Rule {
    public static final String ID = "capture-gap";

    public CaptureGapRule() {
        super(ID, Severity.INFO,
                "holes never retransmitted or ACKs of unseen data: the capture is incomplete (lower confidence);"
                        + " silent when a retransmission fills the hole");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        SegmentLog log = facts.log();
        List<Long> frames = new ArrayList<>();
        int holes = 0;
        long holeBytes = 0;
        for (boolean side : new boolean[] {true, false}) {
            for (FlowFacts.Gap g : facts.gaps(side)) {
                if (!g.filled()) {
                    holes++;
                    holeBytes += g.end() - g.start();
                    frames.add(g.frame());
                }
            }
        }
        List<Long> unseenAcks = new ArrayList<>();
        for (int i = 0, n = facts.anyFlagged(TcpAnalysisFlag.ACK_LOST_SEGMENT) ? log.size() : 0; i < n; i++) {
            if (log.has(i, TcpAnalysisFlag.ACK_LOST_SEGMENT)) {
                unseenAcks.add(log.frame(i));
            }
        }
        if (!facts.hasLog()) {
            holes = ctx.flow().analysis().count(TcpAnalysisFlag.LOST_SEGMENT)
                    > ctx.flow().analysis().count(TcpAnalysisFlag.RETRANSMISSION)
                    ? ctx.flow().analysis().count(TcpAnalysisFlag.LOST_SEGMENT) : 0;
            int acks = ctx.flow().analysis().count(TcpAnalysisFlag.ACK_LOST_SEGMENT);
            if (holes == 0 && acks == 0) {
                return List.of();
            }
            String msg = "The capture missed packets of this connection (" + holes + " holes, " + acks
                    + " ACKs of unseen data); conclusions that rest on absent packets are less certain.";
            // the filter selects only the flags counted: holes that a resend may have filled are not counted
            TcpAnalysisFlag[] flags = holes == 0 ? new TcpAnalysisFlag[] {TcpAnalysisFlag.ACK_LOST_SEGMENT}
                    : acks == 0 ? new TcpAnalysisFlag[] {TcpAnalysisFlag.LOST_SEGMENT}
                    : new TcpAnalysisFlag[] {TcpAnalysisFlag.LOST_SEGMENT, TcpAnalysisFlag.ACK_LOST_SEGMENT};
            return List.of(flagFinding(ctx, Severity.INFO, holes + acks, msg, flags));
        }
        String oneSided = oneSided(ctx);
        if (holes == 0 && unseenAcks.isEmpty()) {
            if (oneSided == null) {
                return List.of();
            }
            return List.of(finding(ctx, Severity.INFO, List.of(), oneSided + " Conclusions that rest on absent"
                    + " packets are not possible for it."));
        }
        List<String> parts = new ArrayList<>();
        if (holes > 0) {
            parts.add(Evidence.count(holes, "hole") + " of " + holeBytes + " bytes in total that no one retransmitted ("
                    + Evidence.frameList(frames) + ")");
        }
        if (!unseenAcks.isEmpty()) {
            parts.add(Evidence.count(unseenAcks.size(), "ACK") + " of data the capture never saw ("
                    + Evidence.frameList(unseenAcks) + ")");
        }
        frames.addAll(unseenAcks);
        StringBuilder msg = new StringBuilder("The capture missed packets: ").append(String.join(" and ", parts))
                .append("; the data was delivered, so the capture point dropped it, and conclusions that rest on"
                        + " absent packets are less certain.");
        if (oneSided != null) {
            msg.append(' ').append(oneSided);
        } else if (ctx.flow().handshake().synFrame() == 0 && ctx.flow().handshake().synAckFrame() == 0) {
            msg.append(" The capture also starts in the middle of the connection.");
        }
        return List.of(finding(ctx, Severity.INFO, frames, msg));
    }

    /**
     * A sentence when the capture holds only one direction although the connection was established (data
     * flowed, yet the other side sent nothing visible): an asymmetric route or a one-way SPAN session.
     */
    private static String oneSided(RuleContext ctx) {
        boolean clientSilent = ctx.flow().clientSide().packets() == 0 && ctx.flow().serverSide().payloadBytes() > 0;
        boolean serverSilent = ctx.flow().serverSide().packets() == 0 && ctx.flow().clientSide().payloadBytes() > 0;
        if (!clientSilent && !serverSilent) {
            return null;
        }
        String silent = clientSilent ? "client" : ctx.serverNoun();
        return "The capture holds only one direction of this connection: data flowed, yet none of the " + silent
                + "'s packets was captured (asymmetric route or one-way mirror session).";
    }
}

package io.ackwatch.analysis;

import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * Data was lost on the way and recovered: duplicate ACKs (at least {@link Thresholds#dupAckThreshold()})
 * followed by a retransmission, fast retransmissions, or a hole in the sequence space that a later
 * retransmission filled. Those point at the network and make a warning. A segment that was only resent after a
 * timeout and then acknowledged later than the receiver usually acknowledges is a warning too (the segment or its
 * ACK was lost: every such stall costs a retransmission timeout); one acknowledged as promptly as the receiver
 * acknowledges anything answers the receiver's late ACK, which is not loss ({@link SegmentFates}). A hole that is never resent is a capture gap
 * ({@link CaptureGapRule}), and duplicate ACKs with no resend, or answering spurious resends, are not loss.
 */
public final class PacketLossRule extends Rule {
    public static final String ID = "packet-loss";

    /**
     * True when the packets show loss itself, not just a timeout: duplicate ACKs followed by a real resend, fast
     * retransmissions, or a hole that a resend filled.
     */
    public static boolean lossShown(RuleContext ctx, boolean sender) {
        FlowFacts facts = ctx.facts();
        List<Integer> dups = facts.flagged(!sender, TcpAnalysisFlag.DUPLICATE_ACK);
        int needed = (int) ctx.thresholds().dupAckThreshold();
        if (dups.size() >= needed && resentAfter(facts, sender, dups.get(needed - 1))) {
            return true;
        }
        if (!facts.flagged(sender, TcpAnalysisFlag.FAST_RETRANSMISSION).isEmpty()) {
            return true;
        }
        for (FlowFacts.Gap g : facts.gaps(sender)) {
            if (g.filled()) {
                return true;
            }
        }
        return false;
    }

    public PacketLossRule() {
        super(ID, Severity.WARNING,
                "duplicate ACKs with a retransmission, fast retransmissions, a hole later filled by a resend, or a"
                        + " resend after a timeout that was then acknowledged (warning); silent for duplicate ACKs without a resend");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (boolean fromClient : new boolean[] {true, false}) {
            Finding f = lossOf(ctx, fromClient);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private Finding lossOf(RuleContext ctx, boolean sender) {
        FlowFacts facts = ctx.facts();
        SegmentLog log = facts.log();
        List<Long> frames = new ArrayList<>();
        List<String> evidence = new ArrayList<>();

        List<Integer> fast = facts.flagged(sender, TcpAnalysisFlag.FAST_RETRANSMISSION);
        List<Integer> dups = facts.flagged(!sender, TcpAnalysisFlag.DUPLICATE_ACK);
        int needed = (int) ctx.thresholds().dupAckThreshold();
        boolean dupsRecovered = dups.size() >= needed && resentAfter(facts, sender, dups.get(needed - 1));
        if (dupsRecovered) {
            evidence.add("the " + ctx.noun(!sender) + " sent " + Evidence.count(dups.size(), "duplicate ACK") + " ("
                    + Evidence.frameList(framesOf(log, dups)) + ")");
            frames.addAll(framesOf(log, dups));
        }
        if (!fast.isEmpty()) {
            evidence.add("the " + ctx.noun(sender) + " fast-retransmitted " + Evidence.count(fast.size(), "segment")
                    + " (" + Evidence.frameList(framesOf(log, fast)) + ")");
            frames.addAll(framesOf(log, fast));
        }
        List<FlowFacts.Gap> filled = new ArrayList<>();
        for (FlowFacts.Gap g : facts.gaps(sender)) {
            if (g.filled()) {
                filled.add(g);
            }
        }
        if (!filled.isEmpty()) {
            FlowFacts.Gap g = filled.get(0);
            evidence.add("frame " + g.frame() + " arrived after a " + (g.end() - g.start())
                    + "-byte hole that the retransmission in frame " + g.fillFrame() + " filled"
                    + (filled.size() > 1 ? " (" + filled.size() + " such holes)" : ""));
            for (FlowFacts.Gap h : filled) {
                frames.add(h.frame());
                frames.add(h.fillFrame());
            }
        }
        if (!evidence.isEmpty()) {
            String msg = "Packets from the " + ctx.noun(sender) + " to the " + ctx.noun(!sender)
                    + " were lost and recovered: " + String.join("; ", evidence) + ".";
            return finding(ctx, Severity.WARNING, frames, msg);
        }
        List<DataSegment> timedOut = new ArrayList<>();
        ArrayList<DataSegment> data = facts.dataList(sender);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
            if (d.retransmittedBeforeAck() && d.ackFrame() > 0
                    && d.retransmissionsBeforeAck() < ctx.thresholds().retransmissionStormCount()
                    && !d.ackEcho().firstCopyArrived()
                    && !(sender && SegmentFates.acknowledgedAsUsual(d, facts.ackDelays()))) {
                timedOut.add(d);
            }
        }
        if (timedOut.isEmpty()) {
            return null;
        }
        List<Long> resent = new ArrayList<>();
        for (DataSegment d : timedOut) {
            frames.add(d.frame());
            frames.addAll(d.retransmissionFrames());
            resent.addAll(d.retransmissionFrames());
            frames.add(d.ackFrame());
        }
        String msg = "The " + ctx.noun(sender) + " resent " + Evidence.count(timedOut.size(), "segment")
                + " after a timeout (" + Evidence.frameList(resent) + ") and the " + ctx.noun(!sender)
                + " then acknowledged " + (timedOut.size() == 1 ? "it" : "them")
                + " later than it acknowledges other data: the data or its ACK was lost on the way; each stalled the"
                + " transfer for a retransmission timeout.";
        return finding(ctx, Severity.WARNING, frames, msg);
    }

    /**
     * True when {@code sender} resent data after log index {@code index} that the peer had not acknowledged yet:
     * duplicate ACKs that answer spurious resends are the receiver's echo, not a sign of loss.
     */
    private static boolean resentAfter(FlowFacts facts, boolean sender, int index) {
        for (int i : facts.flagged(sender, TcpAnalysisFlag.RETRANSMISSION)) {
            if (i > index && !facts.log().has(i, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION)) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> framesOf(SegmentLog log, List<Integer> indices) {
        List<Long> out = new ArrayList<>();
        for (int i : indices) {
            out.add(log.frame(i));
        }
        return out;
    }
}

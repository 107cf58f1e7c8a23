package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The capture holds the same packet more than once: exact copies (seq, ack, length, flags, window) within
 * 1 ms with nothing from the peer in between. A mirror port that sees both directions twice, or two capture
 * points merged into one file, does this, and Wireshark then flags the copies as retransmissions and duplicate
 * ACKs (docs/tcp-analysis.md §11). ackwatch leaves the copies out of every other rule; this is info.
 */
public final class DuplicateFramesRule extends Rule {
    public static final String ID = "duplicate-frames";

    public DuplicateFramesRule() {
        super(ID, Severity.INFO,
                "exact copies of packets within 1 ms: a capture artefact; the copies are ignored by the other rules");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Integer> copies = ctx.facts().copies();
        if (copies.isEmpty()) {
            return List.of();
        }
        List<Long> frames = new ArrayList<>();
        for (int i : copies) {
            frames.add(ctx.facts().log().frame(i));
        }
        List<Long> named = frames.subList(0, Math.min(frames.size(), Evidence.MAX_LISTED_FRAMES));
        String msg = Evidence.count(copies.size(), "frame") + " of this connection " + (copies.size() == 1 ? "is an"
                + " exact copy" : "are exact copies") + " of the frame before " + (copies.size() == 1 ? "it" : "them")
                + " (" + Evidence.frameList(named) + (frames.size() > named.size() ? ", ..." : "") + "): the capture"
                + " saw packets twice (mirror port or merged captures), so Wireshark's retransmission and duplicate-ACK"
                + " flags on them are not network events; ackwatch ignored the copies.";
        return List.of(finding(ctx, Severity.INFO, frames, msg));
    }
}

package io.ackwatch.analysis;

// The implementation as it was before the judging speed work (commit 7073eb5): the reference FlowFactsTest
// checks the faster one against.

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One range of payload a side sent, with its retransmissions and the peer's first ACK that covered it, as the
 * capture shows them. Built by {@link OldFlowFacts}; read-only for rules.
 */
final class OldDataSegment {
    private final int index;
    private final long frame;
    private final long nanos;
    private final long seq;
    private final long end;
    private final boolean firstSeenAsRetransmission;
    /** Created on the first retransmission: most segments are never resent. */
    private List<Long> retransmissionFrames = List.of();
    private List<Long> retransmissionNanos = List.of();
    private long ackFrame;
    private long ackNanos = -1;
    private boolean retransmittedBeforeAck;
    private boolean ackHidden;

    OldDataSegment(int index, long frame, long nanos, long seq, long end, boolean firstSeenAsRetransmission) {
        this.index = index;
        this.frame = frame;
        this.nanos = nanos;
        this.seq = seq;
        this.end = end;
        this.firstSeenAsRetransmission = firstSeenAsRetransmission;
    }

    void addRetransmission(long frameNo, long time) {
        if (retransmissionFrames.isEmpty()) {
            retransmissionFrames = new ArrayList<>(4);
            retransmissionNanos = new ArrayList<>(4);
        }
        retransmissionFrames.add(frameNo);
        retransmissionNanos.add(time);
        if (ackNanos < 0) {
            retransmittedBeforeAck = true;
        }
    }

    /** Its ACK, if any, fell into the middle of a long connection that the segment log did not keep. */
    void ackHidden() {
        ackHidden = true;
    }

    void acked(long frameNo, long time) {
        if (ackNanos < 0) {
            ackFrame = frameNo;
            ackNanos = time;
        }
    }

    /** Index of the first transmission in the segment log. */
    public int index() { return index; }

    /** Frame of the first transmission seen. */
    public long frame() { return frame; }

    public long nanos() { return nanos; }

    /** Relative sequence number of the first byte. */
    public long seq() { return seq; }

    /** Relative sequence number after the last byte. */
    public long end() { return end; }

    public int length() { return (int) (end - seq); }

    /** True when the capture never saw the original transmission, only a retransmission. */
    public boolean firstSeenAsRetransmission() { return firstSeenAsRetransmission; }

    public List<Long> retransmissionFrames() { return Collections.unmodifiableList(retransmissionFrames); }

    public List<Long> retransmissionNanos() { return Collections.unmodifiableList(retransmissionNanos); }

    public int retransmissions() { return retransmissionFrames.size(); }

    /** Retransmissions sent before the first covering ACK (all of them when never acknowledged). */
    public int retransmissionsBeforeAck() {
        if (ackNanos < 0) {
            return retransmissionFrames.size();
        }
        int n = 0;
        for (int i = 0; i < retransmissionNanos.size(); i++) {
            n += retransmissionNanos.get(i) <= ackNanos ? 1 : 0;
        }
        return n;
    }

    /** Frames of the retransmissions sent before the first covering ACK. */
    public List<Long> retransmissionFramesBeforeAck() {
        return retransmissionFrames.subList(0, retransmissionsBeforeAck());
    }

    /** True when covered by a peer ACK, or when that ACK would lie in the part of the log that was not kept. */
    public boolean acked() { return ackNanos >= 0 || ackHidden; }

    /** Frame of the first peer ACK covering the whole segment, 0 when none. */
    public long ackFrame() { return ackFrame; }

    /** Time of that ACK, -1 when none or not kept. */
    public long ackNanos() { return ackNanos; }

    /** True when it was resent before any ACK covered it. */
    public boolean retransmittedBeforeAck() { return retransmittedBeforeAck; }

    /** ACK delay from the first transmission, -1 when not acknowledged or not measurable. */
    public long ackDelayNanos() {
        return ackNanos >= 0 && !firstSeenAsRetransmission ? ackNanos - nanos : -1;
    }

    /** Time of the last transmission (original or retransmission). */
    public long lastSendNanos() {
        return retransmissionNanos.isEmpty() ? nanos : retransmissionNanos.get(retransmissionNanos.size() - 1);
    }
}

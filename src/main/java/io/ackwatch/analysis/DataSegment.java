package io.ackwatch.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * One range of payload a side sent, with its retransmissions and the peer's first ACK that covered it, as the
 * capture shows them. Built by {@link FlowFacts}; read-only for rules.
 */
public final class DataSegment {
    private final int index;
    private final long frame;
    private final long nanos;
    private final long seq;
    private final long end;
    private final boolean firstSeenAsRetransmission;
    /** TSval of the first copy, -1 without timestamps. */
    private final long tsval;
    /**
     * Frames and times of the retransmissions, as primitives (null until the first: most segments are never
     * resent); the boxed lists rules ask for are made on demand.
     */
    private long[] retransmissionFrames;
    private long[] retransmissionNanos;
    /** TSvals of the retransmissions, -1 for one without timestamps. */
    private long[] retransmissionTsvals;
    private int retransmissions;
    private long ackFrame;
    private long ackNanos = -1;
    /** TSecr of the covering ACK, -1 without timestamps. */
    private long ackTsecr = -1;
    /** An earlier segment, still unacknowledged when this one was first sent, carried the same TSval. */
    private boolean tsvalShared;
    private boolean retransmittedBeforeAck;
    private boolean ackHidden;

    /** @param tsval the first copy's TSval, -1 without the timestamps option */
    DataSegment(int index, long frame, long nanos, long seq, long end, boolean firstSeenAsRetransmission, long tsval) {
        this.tsval = tsval;
        this.index = index;
        this.frame = frame;
        this.nanos = nanos;
        this.seq = seq;
        this.end = end;
        this.firstSeenAsRetransmission = firstSeenAsRetransmission;
    }

    /** @param resendTsval the resend's TSval, -1 without the timestamps option */
    void addRetransmission(long frameNo, long time, long resendTsval) {
        if (retransmissionFrames == null) {
            retransmissionFrames = new long[4];
            retransmissionNanos = new long[4];
            retransmissionTsvals = new long[4];
        } else if (retransmissions == retransmissionFrames.length) {
            retransmissionFrames = Arrays.copyOf(retransmissionFrames, retransmissions * 2);
            retransmissionNanos = Arrays.copyOf(retransmissionNanos, retransmissions * 2);
            retransmissionTsvals = Arrays.copyOf(retransmissionTsvals, retransmissions * 2);
        }
        retransmissionTsvals[retransmissions] = resendTsval;
        retransmissionFrames[retransmissions] = frameNo;
        retransmissionNanos[retransmissions++] = time;
        if (ackNanos < 0) {
            retransmittedBeforeAck = true;
        }
    }

    /**
     * An earlier segment still waiting for its ACK carried the same TSval (sent within one tick of the sender's
     * clock): an ACK echoing it may answer that segment, since a receiver echoes the earliest unacknowledged one.
     */
    void tsvalShared() {
        tsvalShared = true;
    }

    /** Its ACK, if any, fell into the middle of a long connection that the segment log did not keep. */
    void ackHidden() {
        ackHidden = true;
    }

    /** @param tsecr the ACK's TSecr, -1 without the timestamps option */
    void acked(long frameNo, long time, long tsecr) {
        if (ackNanos < 0) {
            ackFrame = frameNo;
            ackNanos = time;
            ackTsecr = tsecr;
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

    public List<Long> retransmissionFrames() { return boxed(retransmissionFrames, retransmissions); }

    public List<Long> retransmissionNanos() { return boxed(retransmissionNanos, retransmissions); }

    public int retransmissions() { return retransmissions; }

    /** Time of retransmission {@code k} (0 the first). */
    long retransmissionNanos(int k) {
        return retransmissionNanos[k];
    }

    /** Retransmissions sent before the first covering ACK (all of them when never acknowledged). */
    public int retransmissionsBeforeAck() {
        if (ackNanos < 0) {
            return retransmissions;
        }
        int n = 0;
        for (int i = 0; i < retransmissions; i++) {
            n += retransmissionNanos[i] <= ackNanos ? 1 : 0;
        }
        return n;
    }

    /** Frames of the retransmissions sent before the first covering ACK. */
    public List<Long> retransmissionFramesBeforeAck() {
        return boxed(retransmissionFrames, retransmissionsBeforeAck());
    }

    /** The first {@code n} values as an unmodifiable list (rules hand frames on as {@code List<Long>}). */
    static List<Long> boxed(long[] values, int n) {
        if (n == 0) {
            return List.of();
        }
        Long[] out = new Long[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i];
        }
        return List.of(out);
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

    /** TSval of the first copy seen, -1 without timestamps. */
    public long tsval() { return tsval; }

    /** TSecr of the first covering ACK, -1 without timestamps or without an ACK. */
    public long ackTsecr() { return ackTsecr; }

    /**
     * Which copy the first covering ACK echoes. A resend whose TSval equals the first copy's (a clock that did not
     * tick between them) cannot be told apart, so it is {@link AckEcho#UNKNOWN}, as is a segment whose first copy the
     * capture missed, and one whose first copy's TSval an earlier unacknowledged segment carried too.
     */
    public AckEcho ackEcho() {
        if (retransmissions == 0 || ackTsecr < 0 || tsval < 0 || firstSeenAsRetransmission || tsvalShared) {
            return AckEcho.UNKNOWN;
        }
        boolean resendEchoed = false;
        for (int k = 0; k < retransmissions; k++) {
            if (retransmissionTsvals[k] == tsval) {
                return AckEcho.UNKNOWN;
            }
            resendEchoed |= retransmissionTsvals[k] == ackTsecr;
        }
        return ackTsecr == tsval ? AckEcho.FIRST_COPY : resendEchoed ? AckEcho.RESEND : AckEcho.UNKNOWN;
    }

    /** Frame of the first resend whose TSval the covering ACK echoes, 0 when none. */
    public long echoedResendFrame() {
        for (int k = 0; k < retransmissions && ackTsecr >= 0; k++) {
            if (retransmissionTsvals[k] == ackTsecr) {
                return retransmissionFrames[k];
            }
        }
        return 0;
    }

    /** Time of the last transmission (original or retransmission). */
    public long lastSendNanos() {
        return retransmissions == 0 ? nanos : retransmissionNanos[retransmissions - 1];
    }
}

package io.ackwatch.flow;

/**
 * Wireshark's per-packet sequence analysis ({@code tcp_analyze_sequence_number} in {@code packet-tcp.c}) as
 * tshark 4.0.17, the corpus oracle, runs it. Where newer Wireshark behaves differently this follows 4.0:
 * <ul>
 *   <li>out-of-order is timed from the sender's highest segment ({@code nextseqtime}), not from the peer's last
 *       packet, and there is no "an unacked copy exists, so it is a retransmission" test (MR !10837 is later);</li>
 *   <li>a zero-window-probe ACK must repeat the previous ack exactly; the ACK that takes the probe byte
 *       (ack = last ack + 1) is reported as ACKed-unseen-segment, not as window update;</li>
 *   <li>ACKed-unseen-segment: when the peer's highest sequence number is beyond its "max seq to be acked" (it
 *       skipped ahead), the flag is set and that mark catches up; otherwise the flag is set only if the peer's
 *       duplicate-ACK counter is 0, and the counter becomes -1 (so repeats stay quiet until the peer sends a new
 *       ack). Wireshark's counter is unsigned, so that -1 also satisfies the fast-retransmission test
 *       {@code dupacknum >= 2}. (Not MR !8988's "advance to the end of the contiguous run".) This variant was
 *       established frame by frame against tshark 4.0.17 (see {@code TsharkDifferentialTest}).</li>
 * </ul>
 * Comparisons of sequence numbers are wrap-aware where Wireshark uses its {@code *_SEQ} macros and plain
 * where it compares plainly (equality, and one unsigned {@code >}).
 */
final class SequenceAnalysis {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;
    private static final int SYN_FIN_RST = SYN | FIN | RST;

    static final int RETRANSMISSION = TcpAnalysisFlag.RETRANSMISSION.bit();
    static final int FAST_RETRANSMISSION = TcpAnalysisFlag.FAST_RETRANSMISSION.bit();
    static final int SPURIOUS_RETRANSMISSION = TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
    static final int DUPLICATE_ACK = TcpAnalysisFlag.DUPLICATE_ACK.bit();
    static final int ZERO_WINDOW = TcpAnalysisFlag.ZERO_WINDOW.bit();
    static final int WINDOW_FULL = TcpAnalysisFlag.WINDOW_FULL.bit();
    static final int LOST_SEGMENT = TcpAnalysisFlag.LOST_SEGMENT.bit();
    static final int ACK_LOST_SEGMENT = TcpAnalysisFlag.ACK_LOST_SEGMENT.bit();
    static final int KEEP_ALIVE = TcpAnalysisFlag.KEEP_ALIVE.bit();
    static final int OUT_OF_ORDER = TcpAnalysisFlag.OUT_OF_ORDER.bit();
    static final int REUSED_PORTS = TcpAnalysisFlag.REUSED_PORTS.bit();
    static final int WINDOW_UPDATE = TcpAnalysisFlag.WINDOW_UPDATE.bit();
    static final int KEEP_ALIVE_ACK = TcpAnalysisFlag.KEEP_ALIVE_ACK.bit();
    static final int ZERO_WINDOW_PROBE = TcpAnalysisFlag.ZERO_WINDOW_PROBE.bit();
    static final int ZERO_WINDOW_PROBE_ACK = TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK.bit();

    private static final long FAST_RETRANSMISSION_WINDOW_NANOS = 20_000_000L;
    private static final long DEFAULT_OUT_OF_ORDER_NANOS = 3_000_000L;

    private SequenceAnalysis() {}

    /** The base (initial) sequence numbers, from the first segment each way or the first ACK of the other side. */
    static void setBases(DirectionState fwd, DirectionState rev, int flags, long seq, long ack) {
        if (!fwd.baseSet) {
            // relative numbers start at 1 when the SYN was not captured (Wireshark bug 1542)
            fwd.baseSeq = (flags & SYN) != 0 ? seq : Seq32.sub(seq, 1);
            fwd.baseSet = true;
        }
        if (!rev.baseSet && (flags & ACK) != 0) {
            rev.baseSeq = Seq32.sub(ack, 1);
            rev.baseSet = true;
        }
    }

    /**
     * Analyses one segment sent by {@code fwd}; returns {@code mask} plus the flags of this packet. Updates both
     * directions' state exactly as Wireshark's first pass does.
     *
     * @param firstRttNanos the conversation's initial RTT so far, 0 when unknown
     * @param p the frame ({@code tcp.len} is the segment length)
     * @param mask flags already set for this frame (reused ports)
     */
    static int analyze(DirectionState fwd, DirectionState rev, long firstRttNanos, Packet p, int mask) {
        long seq = p.seq;
        long ack = p.ack;
        int flags = p.flags;
        long window = p.window;
        int seglen = p.len;
        setBases(fwd, rev, flags, seq, ack);
        boolean noSynFinRst = (flags & SYN_FIN_RST) == 0;

        checks:
        {
            if (seglen == 1 && seq == fwd.nextSeq && rev.window == 0) {
                mask |= ZERO_WINDOW_PROBE;
                break checks;
            }
            if (window == 0 && noSynFinRst) {
                mask |= ZERO_WINDOW;
            }
            if (fwd.nextSeq != 0 && Seq32.gt(seq, fwd.nextSeq) && (flags & RST) == 0) {
                mask |= LOST_SEGMENT;
            }
            if ((seglen == 0 || seglen == 1) && seq == Seq32.sub(fwd.nextSeq, 1) && noSynFinRst) {
                mask |= KEEP_ALIVE;
            }
            boolean sameSeqAck = seq == fwd.nextSeq && ack == fwd.lastAck;
            if (seglen == 0 && window != 0 && window != fwd.window && sameSeqAck && noSynFinRst) {
                mask |= WINDOW_UPDATE;
            }
            if (seglen > 0 && rev.winScale != -1 && noSynFinRst) {
                int shift = rev.isFirstAck || rev.winScale == -2 ? 0 : rev.winScale;
                long edge = Seq32.add(rev.lastAck, (rev.window << shift) & Seq32.MASK);
                long end = Seq32.add(seq, seglen);
                if (end == edge) {
                    mask |= WINDOW_FULL;
                } else if (rev.lastAck != 0 && Seq32.gt(end, edge) && p.header != Packet.HEADER_BOGUS) {
                    // no tshark flag: an oddity for the onset analysis, not a tcp.analysis flag
                    p.oddities |= Oddity.OUT_OF_WINDOW.bit();
                }
            }
            if (seglen == 0 && window != 0 && window == fwd.window && sameSeqAck
                    && (rev.lastSegmentFlags & KEEP_ALIVE) != 0 && noSynFinRst) {
                mask |= KEEP_ALIVE_ACK;
                break checks;
            }
            if (seglen == 0 && window == 0 && window == fwd.window && sameSeqAck
                    && (rev.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0 && noSynFinRst) {
                mask |= ZERO_WINDOW_PROBE_ACK;
                break checks;
            }
            if (seglen == 0 && window != 0 && window == fwd.window && sameSeqAck && noSynFinRst) {
                // -1 marks "an ACKed-unseen-segment was reported" (see below); a dup ACK then counts from 1
                fwd.dupAckNum = fwd.dupAckNum == -1 ? 1 : fwd.dupAckNum + 1;
                mask |= DUPLICATE_ACK;
            }
        }

        if (ack != fwd.lastAck) {
            fwd.lastNonDupAck = p.frame;
            fwd.dupAckNum = 0;
        }

        if (rev.maxSeqToBeAcked != 0 && Seq32.gt(ack, rev.maxSeqToBeAcked) && (flags & ACK) != 0) {
            if (Seq32.lt(rev.maxSeqToBeAcked, rev.nextSeq)) {
                // the peer's own stream has a hole (it skipped ahead): report, and catch up to its highest
                rev.maxSeqToBeAcked = rev.nextSeq;
                mask |= ACK_LOST_SEGMENT;
            } else {
                // report once until the peer sends a new ack or skips ahead again; -1 marks "reported"
                if (rev.dupAckNum == 0) {
                    mask |= ACK_LOST_SEGMENT;
                }
                rev.dupAckNum = -1;
            }
        }

        if (seglen > 0 || (flags & (SYN | FIN)) != 0) {
            mask = classifyResend(fwd, rev, firstRttNanos, p, mask);
        }

        long nextSeq = Seq32.add(seq, seglen);
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && !fwd.unacked.full()) {
            // Wireshark counts the SYN/FIN sequence number only when it records the segment
            if ((flags & (SYN | FIN)) != 0) {
                nextSeq = Seq32.add(nextSeq, 1);
            }
            fwd.unacked.add(seq, nextSeq);
        }
        boolean probe = (mask & ZERO_WINDOW_PROBE) != 0;
        if ((Seq32.gt(nextSeq, fwd.nextSeq) || fwd.nextSeq == 0) && !probe) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqFrame = p.frame;
            fwd.nextSeqTime = p.now;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = p.now;
        fwd.lastSegmentFlags = mask;
        // Wireshark walks the peer's list with the ack field whether or not the ACK bit is set
        rev.unacked.acknowledge(ack);
        return mask;
    }

    /** Step 13: retransmission family for segments with payload, SYN or FIN. */
    private static int classifyResend(DirectionState fwd, DirectionState rev, long firstRttNanos, Packet p,
            int mask) {
        long seq = p.seq;
        int seglen = p.len;
        if ((mask & KEEP_ALIVE) != 0) {
            return mask;
        }
        boolean notAdvanced = fwd.nextSeq != 0 && Seq32.lt(seq, fwd.nextSeq);
        if (seglen > 1 && Seq32.sub(fwd.nextSeq, 1) == seq) {
            notAdvanced = false; // re-sends a probe byte plus new data
        }
        if (seglen > 0 && rev.lastAck != 0 && Seq32.le(Seq32.add(seq, seglen), rev.lastAck)) {
            return mask | SPURIOUS_RETRANSMISSION;
        }
        // tcp.fastrt_supersedes_ooo defaults to TRUE: fast retransmission is tested before out-of-order
        long now = p.now;
        long sincePeer = now - rev.lastAckTime;
        // Wireshark computes these differences as guint64: a negative one is huge and never "recent"
        // dupacknum is unsigned in Wireshark: the -1 "ACKed unseen reported" mark counts as >= 2
        if (notAdvanced && Integer.compareUnsigned(rev.dupAckNum, 2) >= 0 && rev.lastAck == seq
                && Long.compareUnsigned(sincePeer, FAST_RETRANSMISSION_WINDOW_NANOS) < 0) {
            return mask | FAST_RETRANSMISSION;
        }
        // 4.0: time since this direction's highest segment, threshold iRTT or 3 ms
        long sinceHighest = now - fwd.nextSeqTime;
        long threshold = firstRttNanos == 0 ? DEFAULT_OUT_OF_ORDER_NANOS : firstRttNanos;
        long expectedNext = Seq32.add(seq, seglen + ((p.flags & (SYN | FIN)) != 0 ? 1 : 0));
        if (notAdvanced && Long.compareUnsigned(sinceHighest, threshold) < 0 && fwd.nextSeq != expectedNext) {
            return mask | OUT_OF_ORDER;
        }
        if (notAdvanced) {
            return mask | RETRANSMISSION;
        }
        return mask;
    }
}

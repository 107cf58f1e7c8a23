package io.ackwatch.flow;

/**
 * One direction's list of sent-but-unacknowledged segments as Wireshark keeps it ({@code tcp_unacked_t}):
 * every segment with payload, SYN or FIN, capped at {@value #CAP} entries, trimmed and deleted by the peer's
 * acknowledgement numbers. In the 4.0 analysis the list decides no flag by itself; its size matters because a
 * full list stops new entries, and then a SYN/FIN no longer counts one sequence number in {@code nextseq}
 * (Wireshark adds that 1 only when it appends the entry). Primitive arrays, no object per segment.
 */
final class UnackedSegments {
    static final int CAP = 10_000;

    private int[] seq = new int[0];
    private int[] next = new int[0];
    private int size;
    // entries [0, walkedCount) were already walked with walkedAck; walking them again with the same ack
    // changes nothing, so an unchanged ack only has to look at entries appended since.
    private long walkedAck = -1;
    private int walkedCount;

    int size() {
        return size;
    }

    boolean full() {
        return size >= CAP;
    }

    void add(long seq32, long next32) {
        if (size == seq.length) {
            int n = Math.min(CAP, Math.max(8, size * 2));
            seq = java.util.Arrays.copyOf(seq, n);
            next = java.util.Arrays.copyOf(next, n);
        }
        seq[size] = (int) seq32;
        next[size] = (int) next32;
        size++;
    }

    /** Applies the peer's acknowledgement number the way {@code tcp_analyze_sequence_number} does. */
    void acknowledge(long ack32) {
        int from = ack32 == walkedAck ? walkedCount : 0;
        int ack = (int) ack32;
        int out = from;
        for (int i = from; i < size; i++) {
            int s = seq[i];
            int n = next[i];
            if (ack == n) {
                continue; // exact match: acknowledged, deleted
            }
            if (ack - s > 0 && ack - n <= 0) {
                s = ack; // partial acknowledgement trims the front; the entry stays
            } else if (n - ack <= 0) {
                continue; // wholly before the ack: deleted
            }
            seq[out] = s;
            next[out] = n;
            out++;
        }
        size = out;
        walkedAck = ack32;
        walkedCount = size;
    }

    /**
     * Where "max seq to be acked" goes after an ACK beyond it (MR !8988, which 4.0.17 has): the end of the run
     * of contiguous unacked segments that starts exactly at {@code ack}, else {@code ack} itself. Walks the
     * list newest first, as Wireshark's prepend-ordered list does.
     */
    long afterUnseenAck(long ack32) {
        int ack = (int) ack32;
        int tailLe = 0;
        int tailRe = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (tailLe == tailRe) {
                tailLe = seq[i];
                tailRe = next[i];
            }
            if (seq[i] - ack >= 0) {
                if (next[i] == tailLe) {
                    tailLe = seq[i];
                } else {
                    tailLe = seq[i];
                    tailRe = next[i];
                }
            }
        }
        return ack == tailLe && tailRe - ack > 0 ? tailRe & Seq32.MASK : ack32;
    }

    void clear() {
        size = 0;
        walkedAck = -1;
        walkedCount = 0;
    }
}

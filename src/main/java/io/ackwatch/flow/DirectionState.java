package io.ackwatch.flow;

/**
 * What the tracker keeps for one sending direction of a connection: Wireshark's per-flow analysis state
 * ({@code tcp_flow_t} with its {@code tcp_analyze_seq_flow_info_t}), the counters for {@link SideStats}, and
 * the handshake / close facts. Primitive fields only; one instance per direction, reused for every packet.
 *
 * <p>Sequence-type fields hold unsigned 32-bit values; as in Wireshark, 0 in {@link #nextSeq} and
 * {@link #maxSeqToBeAcked} means "not known yet".
 */
final class DirectionState {
    // ---- Wireshark analysis state
    boolean baseSet;
    long baseSeq;
    long nextSeq;
    long nextSeqTime;
    long nextSeqFrame;
    long maxSeqToBeAcked;
    long lastAck;
    long lastAckTime;
    /** Raw (unscaled) window of the last packet; G_MAXUINT32 until the first one. */
    long window;
    /** -1 unknown, -2 no scaling, else the shift. */
    int winScale;
    boolean isFirstAck;
    int lastSegmentFlags;
    int dupAckNum;
    long lastNonDupAck;
    final UnackedSegments unacked = new UnackedSegments();

    // ---- side statistics
    long packets;
    long payloadBytes;
    int syn;
    int synAck;
    int fin;
    int rst;
    int minTtl;
    int maxTtl;
    int mss;
    int windowScaleOption;
    boolean sackPermitted;
    boolean timestamps;
    /**
     * {@link Oddity} bits seen, and the first frame of each (index = ordinal; made on the first one, and kept when
     * the state is {@linkplain #reset reset}: only the frames of bits set count).
     */
    int oddities;
    long[] oddityFrames;

    // ---- handshake, as captured
    long firstSynFrame;
    long firstSynNanos;
    long firstSynSeq;
    long firstSynAckFrame;
    long firstSynAckNanos;
    long firstSynAckSeq;
    /** Null until this side's first SYN-ACK, and when its header was bogus. */
    SynAckOptions firstSynAckOptions;
    /** First ACK (no SYN) this side sent after the peer's first SYN-ACK. */
    long ackAfterPeerSynAckFrame;
    long ackAfterPeerSynAckNanos;

    // ---- byte accounting (relative to the base sequence, unwrapped to 64 bits; first payload byte = 1)
    boolean sentPayload;
    long highestPayloadEnd;
    boolean peerAcked;
    long highestAckedByPeer;

    /** Sent a FIN, in a frame analysed or only numbered: closing, for the tracker's memory, goes by these. */
    boolean finOnWire;

    // ---- Zeek-style state
    boolean sentFin;
    boolean sentRst;
    boolean sentNonSyn;
    boolean sentAckAfterPeerSynAck;

    DirectionState() {
        reset();
    }

    /** Every field as a new direction has it, for a reused {@link Connection}. */
    void reset() {
        baseSet = false;
        baseSeq = 0;
        nextSeq = 0;
        nextSeqTime = 0;
        nextSeqFrame = 0;
        maxSeqToBeAcked = 0;
        lastAck = 0;
        lastAckTime = 0;
        window = Seq32.MASK;
        winScale = -1;
        isFirstAck = false;
        lastSegmentFlags = 0;
        dupAckNum = 0;
        lastNonDupAck = 0;
        unacked.clear();
        packets = 0;
        payloadBytes = 0;
        syn = 0;
        synAck = 0;
        fin = 0;
        rst = 0;
        minTtl = -1;
        maxTtl = -1;
        mss = -1;
        windowScaleOption = -1;
        sackPermitted = false;
        timestamps = false;
        oddities = 0;
        firstSynFrame = 0;
        firstSynNanos = 0;
        firstSynSeq = 0;
        firstSynAckFrame = 0;
        firstSynAckNanos = 0;
        firstSynAckSeq = 0;
        firstSynAckOptions = null;
        ackAfterPeerSynAckFrame = 0;
        ackAfterPeerSynAckNanos = 0;
        sentPayload = false;
        highestPayloadEnd = 0;
        peerAcked = false;
        highestAckedByPeer = 0;
        finOnWire = false;
        sentFin = false;
        sentRst = false;
        sentNonSyn = false;
        sentAckAfterPeerSynAck = false;
    }

    SideStats toStats() {
        return new SideStats(packets, payloadBytes, syn, synAck, fin, rst, minTtl, maxTtl, mss, windowScaleOption,
                sackPermitted, timestamps, Oddities.of(oddities, oddityFrames));
    }

    /** Records the oddities of a frame not seen before in this direction (rare: allocates once per direction). */
    void noteOddities(int bits, long frame) {
        if (oddityFrames == null) {
            oddityFrames = new long[Oddity.values().length];
        }
        int fresh = bits & ~oddities;
        for (int i = 0; i < oddityFrames.length; i++) {
            if ((fresh & (1 << i)) != 0) {
                oddityFrames[i] = frame;
            }
        }
        oddities |= fresh;
    }

    /** Relative sequence number as Wireshark shows it ({@code tcp.seq}). */
    long relative(long seq32) {
        return Seq32.sub(seq32, baseSeq);
    }

    /** Payload bytes in sequence space: highest payload end − base, retransmissions once. */
    long sequenceBytes() {
        return sentPayload ? Math.max(0, highestPayloadEnd - 1) : 0;
    }

    /** Payload bytes the peer acknowledged (SYN and FIN sequence numbers excluded). */
    long deliveredBytes() {
        if (!peerAcked) {
            return 0;
        }
        return Math.max(0, Math.min(highestAckedByPeer - 1, sequenceBytes()));
    }
}

package io.ackwatch.flow;

import java.util.function.Predicate;

/**
 * Live state of one TCP conversation (one {@code tcp.stream}). Side A is the source of the stream's first
 * frame (Wireshark's conversation side A, the oracle's "a"); client and server are decided when the flow is
 * emitted (see {@link TcpFlow} and {@link RoleBasis}). Per packet only its primitive fields change.
 *
 * <p>An instance outlives its connection: once evicted, {@link FlowTracker} {@linkplain #reuse reuses} it for a
 * later one. A connection lingers seconds of capture time after its close, so at thousands of connections a
 * second its dozen objects were most of what the young collections copied and promoted, to die in the old
 * generation; reused, they stay put there.
 */
final class Connection {
    // Wireshark's tcp.completeness bits
    static final int COMPLETE_SYN = 1;
    static final int COMPLETE_SYNACK = 2;
    static final int COMPLETE_ACK = 4;
    static final int COMPLETE_DATA = 8;
    static final int COMPLETE_FIN = 16;
    static final int COMPLETE_RST = 32;

    int stream;
    int ipVersion;
    long aHi;
    long aLo;
    int aPort;
    long bHi;
    long bLo;
    int bPort;
    Endpoint endpointA;
    Endpoint endpointB;
    final DirectionState a = new DirectionState();
    final DirectionState b = new DirectionState();
    final ZeekHistory history = new ZeekHistory();
    final int[] flagCounts = new int[TcpAnalysisFlag.COUNT];

    long firstFrame;
    long lastFrame;
    long startNanos;
    long endNanos;
    /** Time of the latest frame, accepted or only numbered: a closed connection lingers from it. */
    long lastWireNanos;
    /** Its {@link #lastWireNanos} when it joined an {@link IdleQueue}. */
    long queuedNanos;
    /** Frames only numbered, left out of the analysis ({@code --filter}). */
    int framesLeftOut;
    /** Of those, the ones counted when the flow last went to the sink. */
    int framesLeftOutJudged;
    int icmpQuotedFrames;
    int completeness;
    /** Time of the most recent pure SYN (Wireshark's ts_mru_syn), 0 when none. */
    long mruSynNanos;
    /** Initial RTT (ts_first_rtt), 0 while unknown. */
    long firstRttNanos;

    /**
     * The SYN-ACKs of this stream, four longs each: frame, sequence number, 1 when sent by side A, index in
     * the segment log (-1 when none) plus 1 << 32 when pass one already flagged reused_ports. Allocated only
     * when a SYN-ACK arrives; see {@link #secondPass}.
     */
    long[] synAcks;
    int synAckCount;

    /** Closed: RST seen, or FINs both ways and a later ACK. Closed connections may be emitted early. */
    boolean closed;
    /**
     * Judged already: its flow went to the sink a few seconds after it closed, and its detail was recycled. It
     * stays live so that late frames continue its analysis; see {@link FlowTracker}.
     */
    boolean released;
    /** The last accepted frame when it was released: a later one makes it go to the sink once more. */
    long lastFrameReleased;
    boolean emitted;

    /** Its place in {@link SynOnlyConnections} while it is only its client's SYNs. */
    boolean inSynOnly;
    Connection synOnlyPrevious;
    Connection synOnlyNext;

    /** False when the FlowInterest does not want it analysed: it is only numbered and counted. */
    boolean analysed;

    // ---- detail, only when the FlowInterest asked for it, and until the connection is released
    Detail detail;

    Connection(int stream, int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort,
            Endpoint endpointA, Endpoint endpointB, boolean analysed, Detail detail) {
        identify(stream, ipVersion, aHi, aLo, aPort, bHi, bLo, bPort, endpointA, endpointB, analysed, detail);
    }

    /**
     * Makes this connection, evicted and referenced by nothing any more, a new one: every field as a new one has
     * it (arrays keep their size, their contents past their counts no longer count), then the arguments as the
     * constructor takes them.
     */
    void reuse(int stream, int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort,
            Endpoint endpointA, Endpoint endpointB, boolean analysed, Detail detail) {
        a.reset();
        b.reset();
        history.reset();
        java.util.Arrays.fill(flagCounts, 0);
        firstFrame = 0;
        lastFrame = 0;
        startNanos = 0;
        endNanos = 0;
        lastWireNanos = 0;
        queuedNanos = 0;
        framesLeftOut = 0;
        framesLeftOutJudged = 0;
        icmpQuotedFrames = 0;
        completeness = 0;
        mruSynNanos = 0;
        firstRttNanos = 0;
        synAckCount = 0;
        closed = false;
        released = false;
        lastFrameReleased = 0;
        emitted = false;
        inSynOnly = false;
        synOnlyPrevious = null;
        synOnlyNext = null;
        identify(stream, ipVersion, aHi, aLo, aPort, bHi, bLo, bPort, endpointA, endpointB, analysed, detail);
    }

    private void identify(int stream, int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort,
            Endpoint endpointA, Endpoint endpointB, boolean analysed, Detail detail) {
        this.stream = stream;
        this.ipVersion = ipVersion;
        this.aHi = aHi;
        this.aLo = aLo;
        this.aPort = aPort;
        this.bHi = bHi;
        this.bLo = bLo;
        this.bPort = bPort;
        this.endpointA = endpointA;
        this.endpointB = endpointB;
        this.analysed = analysed;
        this.detail = detail;
    }

    void recordSynAck(long frame, long seq, boolean sideA, int logIndex, boolean reusedInPassOne) {
        if (synAcks == null) {
            synAcks = new long[8];
        } else if (synAckCount * 4 == synAcks.length) {
            synAcks = java.util.Arrays.copyOf(synAcks, synAcks.length * 2);
        }
        int i = synAckCount++ * 4;
        synAcks[i] = frame;
        synAcks[i + 1] = seq;
        synAcks[i + 2] = sideA ? 1 : 0;
        synAcks[i + 3] = (logIndex & 0xFFFF_FFFFL) | (reusedInPassOne ? 1L << 32 : 0);
    }

    /**
     * What tshark's second pass ({@code -2}, the oracle's mode) adds: its SYN-ACK check is not limited to the
     * first pass, so every SYN-ACK whose sequence number differs from the sender's base sequence number as the
     * second pass finds it (the final base of pass one, then replaced by each differing SYN-ACK in turn) is
     * flagged reused_ports as well.
     */
    void secondPass() {
        for (int side = 0; side < 2; side++) {
            DirectionState d = side == 0 ? a : b;
            if (!d.baseSet) {
                continue;
            }
            long base = d.baseSeq;
            for (int k = 0; k < synAckCount; k++) {
                int i = k * 4;
                if (synAcks[i + 2] != (side == 0 ? 1 : 0) || synAcks[i + 1] == base) {
                    continue;
                }
                base = synAcks[i + 1];
                if ((synAcks[i + 3] >>> 32) == 0) {
                    synAcks[i + 3] |= 1L << 32;
                    flagCounts[TcpAnalysisFlag.REUSED_PORTS.ordinal()]++;
                    int logIndex = (int) synAcks[i + 3];
                    if (detail != null && logIndex >= 0) {
                        detail.log.addAnalysis(logIndex, TcpAnalysisFlag.REUSED_PORTS.bit());
                    }
                }
            }
        }
    }

    /** Gives the detail's buffers to later connections: its flow was built, or never will be. */
    void dropDetail() {
        if (detail != null) {
            detail.recycle();
            detail = null;
        }
    }

    boolean isSideA(long srcHi, long srcLo, int srcPort) {
        return srcHi == aHi && srcLo == aLo && srcPort == aPort;
    }

    /** True when the packet's addresses and ports are this connection's, in either direction. */
    boolean hasTuple(Packet p) {
        if (p.ipVersion != ipVersion) {
            return false;
        }
        return isSideA(p.srcHi, p.srcLo, p.srcPort)
                ? p.dstLo == bLo && p.dstPort == bPort && p.dstHi == bHi
                : p.srcLo == bLo && p.srcPort == bPort && p.srcHi == bHi && isSideA(p.dstHi, p.dstLo, p.dstPort);
    }

    DirectionState side(boolean sideA) {
        return sideA ? a : b;
    }

    boolean hasFrames() {
        return firstFrame > 0;
    }

    /** Per-segment detail of a connection the {@link FlowInterest} wants. */
    static final class Detail {
        final boolean provisionalClientIsA;
        final SegmentLog.Builder log;
        final StreamAssembler streamA;
        final StreamAssembler streamB;
        final AckDelayTracker delaysA = new AckDelayTracker();
        final AckDelayTracker delaysB = new AckDelayTracker();
        /** Made at the first frame with a MAC address: other link types have no relay to find. */
        RelayCopyDetector relay;
        /** The byte streams as they were at a clean close, null before ({@link #sealStreams}). */
        private ByteStreamSample sampleA;
        private ByteStreamSample sampleB;

        Detail(boolean provisionalClientIsA, FlowOptions options, Recycler recycler) {
            this.provisionalClientIsA = provisionalClientIsA;
            this.log = new SegmentLog.Builder(options.logHead(), options.logTail(), recycler);
            this.streamA = new StreamAssembler(options.streamHeadBytes(), options.streamTailBytes(), recycler);
            this.streamB = new StreamAssembler(options.streamHeadBytes(), options.streamTailBytes(), recycler);
        }

        /** After the flow was built: the buffers go to later connections, and this detail is finished. */
        void recycle() {
            log.recycle();
            if (sampleA == null) {
                streamA.recycle();
                streamB.recycle();
            }
        }

        /**
         * At a clean close (FINs both ways and their ACK) no payload can follow: the byte streams are taken as
         * they are, and their buffers go to later connections at once, while the log and the ACK delays still
         * see the close's late frames. {@code wanted} is asked, with the client's stream, whether they are worth
         * keeping ({@link FlowInterest#wantsStreams}); when not, both are left empty.
         */
        void sealStreams(boolean clientIsA, Predicate<ByteStreamSample> wanted) {
            if (sampleA != null) {
                return;
            }
            ByteStreamSample client = (clientIsA ? streamA : streamB).sample();
            if (wanted.test(client)) {
                ByteStreamSample server = (clientIsA ? streamB : streamA).sample();
                sampleA = clientIsA ? client : server;
                sampleB = clientIsA ? server : client;
            } else {
                sampleA = ByteStreamSample.EMPTY;
                sampleB = ByteStreamSample.EMPTY;
            }
            streamA.recycle();
            streamB.recycle();
        }

        /** Payload of one side into its byte stream, unless the streams were sealed (a late duplicate). */
        void addPayload(boolean sideA, long offset, byte[] data, int from, int captured, int length) {
            if (sampleA == null) {
                (sideA ? streamA : streamB).add(offset, data, from, captured, length);
            }
        }

        ByteStreamSample sample(boolean sideA) {
            if (sampleA != null) {
                return sideA ? sampleA : sampleB;
            }
            return (sideA ? streamA : streamB).sample();
        }

        AckDelayTracker delays(boolean sideA) {
            return sideA ? delaysA : delaysB;
        }
    }
}

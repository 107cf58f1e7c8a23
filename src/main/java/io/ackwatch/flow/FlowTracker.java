package io.ackwatch.flow;

import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.IpText;
import io.ackwatch.decode.TcpSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups TCP segments into connections numbered exactly as Wireshark's {@code tcp.stream}, and runs
 * Wireshark's per-packet sequence analysis (the {@code tcp.analysis.*} flags) on them. Finished connections
 * go to the sink as {@link TcpFlow} records, in no particular order.
 *
 * <p>One instance per capture file. {@link #accept} is the hot path: it allocates nothing per packet once a
 * connection exists.
 *
 * <h2>Stream numbering (tshark 4.0.17, the corpus oracle)</h2>
 * A conversation is keyed by both addresses and ports in either orientation; a new key takes the next
 * {@code tcp.stream} in order of its first frame, whatever its ports, and there is no idle timeout. A TCP
 * header quoted in an ICMP error goes through the same lookup (and may open a stream) but is not analysed
 * and counts in no side's statistics. A tuple gets a new stream (and {@code reused_ports} on that frame) on a
 * pure SYN when that direction already has a base sequence number and the ISN differs. A same-ISN SYN stays
 * in the stream, even after a RST or FIN (the RST/FIN rule of Wireshark commit 56ea9816 is not in 4.0.17),
 * is flagged retransmission without {@code reused_ports} (unlike the 4.0-era master of 2021/22), and resets
 * {@code nextseq} to {@code maxseqtobeacked}. A SYN-ACK whose ISN differs from the known base gets
 * {@code reused_ports} and replaces the base but stays in the same stream (the new-stream-on-SYN-ACK rule,
 * MR !15278, is not in 4.0). Flags are those of {@code tshark -2} (the oracle's mode): its second pass re-runs
 * the SYN-ACK check against the final base, so an earlier SYN-ACK of a stream whose server later answered with
 * another ISN is flagged {@code reused_ports} too ({@link Connection#secondPass}). All of this was checked
 * against tshark 4.0.17 itself, on the corpus and on generated captures ({@code TsharkDifferentialTest}).
 *
 * <h2>Frames left out of the analysis ({@code --filter})</h2>
 * Wireshark numbers streams over every TCP frame of the file, so every frame goes through the numbering, also
 * one the user's filter left out ({@link #numberOnly}). Such a frame opens, reopens and closes streams and sets
 * the base sequence numbers (so relative numbers are Wireshark's too), but it is no part of any connection's
 * analysis: not in its frames, times, statistics, flags, history or segment log. A connection is emitted only
 * when at least one of its frames was {@linkplain #accept accepted}, and is then analysed as if the capture
 * held only those frames; {@link #streamsWithFramesLeftOut()} counts the analysed ones that lost frames so.
 *
 * <h2>Memory</h2>
 * Live connections sit in an open-addressing table with primitive keys. A connection that is closed (RST, or
 * FIN both ways followed by an ACK) goes through two steps, in capture time:
 * <ol>
 * <li>Silent for {@value #FIN_RELEASE_MILLIS} ms after FINs both ways and their ACK, or {@value #RELEASE_SECONDS} s
 * after a RST, it is <em>released</em>: its flow goes to the sink and its detail (segment log, stream buffers, ACK
 * delays) to later connections ({@link Recycler}); after a clean close the stream buffers go at once, since no
 * payload can follow. What stays is Wireshark's per-direction analysis state and the counters, about a
 * kilobyte, so that a late frame (a FIN resent because the last ACK was lost, a RST answering it) continues the
 * stream exactly as tshark analyses it. A released connection that gets such frames goes to the sink once more,
 * as the whole connection again (same {@code stream}, same first frame, without detail: those frames are in no
 * segment log, but in its counts); later stages merge the two by stream number ({@link TcpFlow#continuedBy}).</li>
 * <li>Idle for {@value #LINGER_SECONDS} s, its table slot keeps only a tombstone (stream number, base sequence
 * numbers, RST/FIN seen: a few dozen bytes), so that a later packet on the tuple is still numbered as Wireshark
 * numbers it. If such a late packet continues the old stream (anything but a SYN that opens a new one), the
 * stream is resumed without its earlier sequence state and emitted again as a part with the same
 * {@code stream} and a later first frame, which later stages merge too (its flags may then differ from
 * tshark's: a resent FIN after that long is not known as a resend).</li>
 * </ol>
 * A connection the {@link FlowInterest} leaves unanalysed (no printer end) skips both: it is never emitted, only
 * counted ({@link #unanalysedConnections()}), and at its close only its tombstone is left. Everything else is
 * emitted by {@link #finish()}. An evicted connection's objects are {@linkplain Connection#reuse reused} for a
 * later connection: lingering for seconds, they were what the young collections copied and promoted most.
 */
public final class FlowTracker {
    private static final Logger LOG = LoggerFactory.getLogger(FlowTracker.class);

    /**
     * A connection closed by FINs both ways and their ACK is judged after this much silence: a relay's copies of
     * the closing frames (milliseconds later) and a lost last ACK's first FIN resend (after the RTO floor, 200 ms
     * on Linux and 300 ms on Windows, plus a round trip) are in its segment log then. Judging soon after the
     * close is what keeps memory and garbage collection small when a capture opens and closes connections at a
     * high rate (2,000 a second on a busy proxy: waiting 3 s instead took 7.5 s instead of 6.1 s on 200,000 of
     * them); a later frame only makes the connection go to the sink again. No payload can follow a clean close,
     * so the byte-stream buffers, the largest part, are freed at the close already
     * ({@link Connection.Detail#sealStreams}).
     */
    static final long FIN_RELEASE_MILLIS = 1000;
    private static final long FIN_RELEASE_NANOS = FIN_RELEASE_MILLIS * 1_000_000L;
    /**
     * A connection closed by a RST is judged after this much silence: a RST the peer ignored (out of window, or
     * forged by a middlebox) is followed by more of the job within a round trip or a resend, and the job's verdict
     * must see it.
     */
    static final long RELEASE_SECONDS = 3;
    private static final long RELEASE_NANOS = RELEASE_SECONDS * 1_000_000_000L;
    /**
     * A released connection keeps its analysis state this long after its last frame, so that late frames of its
     * close are flagged as tshark flags them: a FIN resent because the last ACK was lost comes back after 0.2,
     * 0.6, 1.4, 3, 6.2 s (Linux) or 0.3 to 5 s (Windows). After that only its tombstone is left, which keeps
     * the numbering exact at a few dozen bytes; the state is a kilobyte, and at 2,000 connections a second a
     * minute of it (TIME_WAIT's 2 MSL) was 180 MB and a third of the run time in garbage collection. One second
     * instead of ten would save another 1.2 s of 5.3 s on 200,000 short connections (bench short-200k), but late
     * frames then reach the tombstone, and the flags of 5 streams in TsharkDifferentialTest's random
     * conversations differed from tshark's: exact flags won.
     */
    static final long LINGER_SECONDS = 10;
    /**
     * A connection that is still only its client's SYNs is released after this much silence, as if closed: the
     * client gave up long before (Linux retries a SYN for about 127 s, macOS 75 s, Windows 21 s), so no answer can
     * come any more. Such connections never close; judged only at the capture's end they stayed in the table with
     * their detail, and a capture with many (a scan, a printer that stopped answering) grew with them. Rules that
     * ask for the capture's end judge them again once it is known ({@code RuleContext.askedForUnknownCaptureEnd}).
     */
    static final long SYN_ONLY_RELEASE_SECONDS = 180;
    private static final long SYN_ONLY_RELEASE_NANOS = SYN_ONLY_RELEASE_SECONDS * 1_000_000_000L;
    private static final long LINGER_NANOS = LINGER_SECONDS * 1_000_000_000L;
    private static final byte[] NO_BYTES = new byte[0];
    /**
     * Evicted connections kept for reuse at most: 2,000 connections a second lingering {@value #LINGER_SECONDS} s
     * need 20,000 (about 1.3 KB each); a capture whose rate drops keeps at most this many idle.
     */
    static final int SPARE_CONNECTIONS = 32_768;

    private static final int SYN = SequenceAnalysis.SYN;
    private static final int ACK = SequenceAnalysis.ACK;
    private static final int FIN = SequenceAnalysis.FIN;
    private static final int RST = SequenceAnalysis.RST;
    private static final int RETRANSMISSION_FAMILY =
            SequenceAnalysis.FAST_RETRANSMISSION | SequenceAnalysis.SPURIOUS_RETRANSMISSION;

    private final FlowOptions options;
    private final Consumer<TcpFlow> sink;
    private final ConnectionTable table = new ConnectionTable();
    private final Recycler recycler;
    /** Connections closed by FINs, by RST, and released ones, each waiting for its time of silence. */
    private final IdleQueue closedByFin = new IdleQueue(FIN_RELEASE_NANOS);
    private final IdleQueue closedByRst = new IdleQueue(RELEASE_NANOS);
    private final IdleQueue released = new IdleQueue(LINGER_NANOS);
    private final SynOnlyConnections synOnly = new SynOnlyConnections();
    /**
     * Evicted connections, to be {@linkplain Connection#reuse reused} for new ones instead of allocated: see
     * {@link Connection}. At most {@link #SPARE_CONNECTIONS}.
     */
    private final ArrayDeque<Connection> spare = new ArrayDeque<>();
    private int nextStream;
    /** Streams of unanalysed connections with accepted frames: counted once, also when resumed from a tombstone. */
    private final BitSet unanalysedStreams = new BitSet();
    private long tcpFrames;
    private boolean finished;
    private int lastStream = -1;
    private int streamsWithFramesLeftOut;
    private long framesLeftOutOfStreams;
    /**
     * The connection of the previous frame: frames of one connection often come in runs, and while it is not
     * emitted it is the live connection of its tuple, so the table lookup can be skipped.
     */
    private Connection recent;
    /** The frame being accepted (one instance, refilled per frame). */
    private final Packet packet = new Packet();
    private final RelaySightings relays = new RelaySightings();

    public FlowTracker(FlowOptions options, Consumer<TcpFlow> sink) {
        this.options = options;
        this.sink = sink;
        this.recycler = new Recycler(options.streamHeadBytes(), options.streamTailBytes());
    }

    /** Takes one decoded TCP frame (status {@code TCP}) into the analysis; frames must come in file order. */
    public void accept(PacketRecord record, TcpSegment segment) {
        packet.set(record, segment);
        accept(packet, true);
    }

    /**
     * {@link #accept} for a frame the packet filter selected, {@link #numberOnly} for one it left out: every TCP
     * frame counts for {@code tcp.stream}, as Wireshark numbers the whole file.
     */
    public void accept(PacketRecord record, TcpSegment segment, boolean selected) {
        if (selected) {
            accept(record, segment);
        } else {
            numberOnly(record, segment);
        }
    }

    /**
     * Numbers one decoded TCP frame that is left out of the analysis ({@code --filter} did not select it), in
     * file order with the accepted ones: see "Frames left out of the analysis" above.
     */
    public void numberOnly(PacketRecord record, TcpSegment segment) {
        packet.set(record, segment);
        accept(packet, false);
    }

    /** The primitive entry point for a complete header (tests). */
    void accept(long frame, long now, int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, int sport,
            int dport, long seq, long ack, int flags, int window, int len, int capturedLen, byte[] data,
            int dataOffset, int ttl, int mss, int windowScale, boolean sackPermitted, boolean timestamps,
            boolean icmpQuoted) {
        accept(frame, now, ipVersion, srcHi, srcLo, dstHi, dstLo, sport, dport, seq, ack, flags, window, len,
                capturedLen, data, dataOffset, ttl, mss, windowScale, sackPermitted, timestamps, icmpQuoted,
                Packet.HEADER_COMPLETE);
    }

    /**
     * The same with primitive fields (tests drive the tracker through this). Addresses are two longs each as
     * in {@link TcpSegment}; {@code seq}/{@code ack} unsigned 32 bit; {@code len} is {@code tcp.len};
     * {@code header} one of {@link Packet}'s {@code HEADER_*} states.
     */
    void accept(long frame, long now, int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, int sport,
            int dport, long seq, long ack, int flags, int window, int len, int capturedLen, byte[] data,
            int dataOffset, int ttl, int mss, int windowScale, boolean sackPermitted, boolean timestamps,
            boolean icmpQuoted, int header) {
        Packet p = packet;
        p.frame = frame;
        p.now = now;
        p.ipVersion = ipVersion;
        p.srcHi = srcHi;
        p.srcLo = srcLo;
        p.dstHi = dstHi;
        p.dstLo = dstLo;
        p.srcPort = sport;
        p.dstPort = dport;
        p.seq = seq;
        p.ack = ack;
        p.flags = flags;
        p.window = window;
        p.len = len;
        p.capturedLen = capturedLen;
        p.data = data;
        p.dataOffset = dataOffset;
        p.ttl = ttl;
        p.ipId = -1;
        p.srcMac = -1;
        p.dstMac = -1;
        p.mss = mss;
        p.windowScale = windowScale;
        p.sackPermitted = sackPermitted;
        p.tsval = timestamps ? 0 : -1;
        p.tsecr = timestamps ? 0 : -1;
        p.otherOptions0 = p.otherOptions1 = p.otherOptions2 = p.otherOptions3 = 0;
        p.icmpQuoted = icmpQuoted;
        p.header = header;
        p.oddities = 0;
        accept(p, true);
    }

    private void accept(Packet p, boolean selected) {
        if (finished) {
            throw new IllegalStateException("accept after finish");
        }
        Connection c = recent;
        boolean conversationIsNew = false;
        if (c == null || c.emitted || !c.hasTuple(p)) {
            boolean srcIsX = !ConnectionTable.before(p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort);
            int slot = find(p, srcIsX);
            conversationIsNew = slot < 0;
            if (conversationIsNew) {
                c = open(nextStream++, p);
                insert(-slot - 1, p, srcIsX, c);
            } else {
                c = table.live(slot);
                if (c == null) {
                    c = resume(slot, srcIsX, p);
                    table.setLive(slot, c);
                }
            }
        }

        int flags = p.flags;
        int synAck = flags & (SYN | ACK);
        int mask = 0;
        if (synAck == SYN) {
            DirectionState sender = c.side(c.isSideA(p.srcHi, p.srcLo, p.srcPort));
            if (sender.baseSet) {
                if (p.seq != sender.baseSeq) {
                    c = reopen(c, p);
                    mask = SequenceAnalysis.REUSED_PORTS;
                } else if (selected) {
                    // a SYN retransmission; a RST answering with seq = received ack may have moved nextseq
                    // (Wireshark issue 17616)
                    sender.nextSeq = sender.maxSeqToBeAcked;
                }
            }
        }
        // after a reopen the sender is side A of the new stream, as isSideA says
        boolean fromA = c.isSideA(p.srcHi, p.srcLo, p.srcPort);
        DirectionState fwd = c.side(fromA);
        DirectionState rev = c.side(!fromA);
        if (synAck == (SYN | ACK) && fwd.baseSet && p.seq != fwd.baseSeq) {
            mask |= SequenceAnalysis.REUSED_PORTS;
            fwd.baseSeq = p.seq;
        }
        int header = p.header;
        boolean icmpQuoted = p.icmpQuoted;
        boolean bogus = header == Packet.HEADER_BOGUS;
        if (!bogus) {
            // Wireshark has no segment length for headers inside ICMP errors
            updateCompleteness(c, conversationIsNew, synAck, flags, icmpQuoted ? 0 : p.len);
        }

        long frame = p.frame;
        long now = p.now;
        lastStream = c.stream;
        recent = c;
        c.lastWireNanos = now;
        if (c.completeness == Connection.COMPLETE_SYN && !c.closed) {
            synOnly.heard(c);
        } else {
            synOnly.remove(c);
        }
        if (!icmpQuoted && (flags & FIN) != 0) {
            fwd.finOnWire = true;
        }
        if (!selected) {
            c.framesLeftOut++;
            if (!icmpQuoted && header != Packet.HEADER_SHORT) {
                SequenceAnalysis.setBases(fwd, rev, flags, p.seq, p.ack);
            }
            closeAndSweep(c, flags, now);
            return;
        }
        tcpFrames++;
        if (!c.hasFrames()) {
            c.firstFrame = frame;
            c.startNanos = now;
            if (!c.analysed) {
                unanalysedStreams.set(c.stream);
            }
        }
        c.lastFrame = frame;
        c.endNanos = now;
        if (!c.analysed) {
            if (!icmpQuoted) {
                numberingOnly(fwd, rev, p);
            }
            closeAndSweep(c, flags, now);
            return;
        }

        if (icmpQuoted) {
            c.icmpQuotedFrames++;
        } else if (header != Packet.HEADER_SHORT) {
            mask = SequenceAnalysis.analyze(fwd, rev, c.firstRttNanos, p, mask);
        }

        // dissect_tcp after the analysis: SYN bookkeeping, initial RTT, first-ACK marker, window scaling (all
        // skipped for a bogus data offset, where dissect_tcp returns early)
        if (!bogus) {
            afterAnalysis(c, fwd, rev, now, flags, synAck, p.windowScale, header != Packet.HEADER_COMPLETE);
        }
        if ((mask & RETRANSMISSION_FAMILY) != 0) {
            // tshark adds the tcp.analysis.retransmission field to fast and spurious retransmissions too
            mask |= SequenceAnalysis.RETRANSMISSION;
        }
        if (mask != 0) {
            countFlags(c, mask);
        }

        if (!icmpQuoted) {
            sideFacts(c, fromA, fwd, rev, p, mask);
        }
        closeAndSweep(c, flags, now);
    }

    /**
     * What a connection that is not analysed still needs: the base sequence numbers that decide when a SYN opens
     * a new stream (set where the analysis would set them), and the FINs and RSTs of its state.
     */
    private static void numberingOnly(DirectionState fwd, DirectionState rev, Packet p) {
        if (p.header != Packet.HEADER_SHORT) {
            SequenceAnalysis.setBases(fwd, rev, p.flags, p.seq, p.ack);
        }
        if ((p.flags & FIN) != 0) {
            fwd.sentFin = true;
        }
        if ((p.flags & RST) != 0) {
            fwd.sentRst = true;
        }
    }

    /** Marks a connection closed when this frame closed it, and releases and buries those silent long enough. */
    private void closeAndSweep(Connection c, int flags, long now) {
        if (!c.closed && isCloseComplete(c, flags)) {
            c.closed = true;
            if (!c.analysed) {
                evict(c); // only its number matters, and the tombstone keeps what numbering needs
            } else if ((flags & RST) != 0) {
                closedByRst.add(c);
            } else {
                if (c.detail != null) {
                    sealStreams(c);
                }
                closedByFin.add(c);
            }
        }
        releaseSynOnly(now);
        releaseSilent(closedByFin, now);
        releaseSilent(closedByRst, now);
        for (Connection idle = released.pollIdle(now); idle != null; idle = released.pollIdle(now)) {
            evict(idle);
        }
    }

    private void sealStreams(Connection c) {
        FlowInterest interest = options.interest();
        boolean clientIsA = FlowBuilder.roles(c, interest).clientIsA();
        Endpoint client = clientIsA ? c.endpointA : c.endpointB;
        Endpoint server = clientIsA ? c.endpointB : c.endpointA;
        boolean synSeen = c.side(clientIsA).firstSynFrame > 0;
        c.detail.sealStreams(clientIsA, stream -> interest.wantsStreams(client, server, synSeen, stream));
    }

    private void releaseSilent(IdleQueue settled, long now) {
        for (Connection c = settled.pollIdle(now); c != null; c = settled.pollIdle(now)) {
            releaseToLinger(c);
        }
    }

    /**
     * Releases, as if closed, the connections that are still only their client's SYNs and have been silent for
     * {@link #SYN_ONLY_RELEASE_SECONDS}.
     */
    private void releaseSynOnly(long now) {
        for (Connection c = synOnly.silentLongest(); c != null && now - c.lastWireNanos >= SYN_ONLY_RELEASE_NANOS;
                c = synOnly.silentLongest()) {
            synOnly.remove(c);
            c.closed = true; // so that no queue for closed connections takes it later
            if (c.analysed) {
                releaseToLinger(c);
            } else {
                evict(c);
            }
        }
    }

    private void releaseToLinger(Connection c) {
        release(c);
        released.add(c);
    }

    private int find(Packet p, boolean srcIsX) {
        return srcIsX
                ? table.find(p.ipVersion, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort)
                : table.find(p.ipVersion, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort);
    }

    private void insert(int freeSlot, Packet p, boolean srcIsX, Connection c) {
        if (srcIsX) {
            table.insert(freeSlot, p.ipVersion, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, c);
        } else {
            table.insert(freeSlot, p.ipVersion, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort, c);
        }
    }

    /** A pure SYN with a new ISN where its sender has a base already: the stream ends and a new one starts. */
    private Connection reopen(Connection old, Packet p) {
        emit(old);
        Connection c = open(nextStream++, p);
        boolean srcIsX = !ConnectionTable.before(p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort);
        table.setLive(find(p, srcIsX), c);
        c.completeness = Connection.COMPLETE_SYN;
        return c;
    }

    /** End of capture: every connection still open goes to the sink. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        List<Connection> open = new ArrayList<>();
        table.forEachLive(open::add);
        open.sort(Comparator.comparingInt(c -> c.stream));
        for (Connection c : open) {
            emit(c);
        }
        closedByFin.clear();
        closedByRst.clear();
        synOnly.clear();
        released.clear();
        spare.clear();
        table.clear();
    }

    /**
     * Connections with accepted frames that the {@link FlowInterest} left unanalysed (not printer traffic): they
     * never reach the sink, only this count.
     */
    public int unanalysedConnections() {
        return unanalysedStreams.cardinality();
    }

    /** Accepted frames that carried a TCP header (ICMP-quoted ones included); numbered-only ones not. */
    public long tcpFrames() {
        return tcpFrames;
    }

    /** Emitted connections, of those analysed, that also had frames left out ({@link #numberOnly}). */
    public int streamsWithFramesLeftOut() {
        return streamsWithFramesLeftOut;
    }

    /** The frames left out of the analysis of the connections {@link #streamsWithFramesLeftOut()} counts. */
    public long framesLeftOutOfStreams() {
        return framesLeftOutOfStreams;
    }

    /** Hosts on the LAN seen relaying the analysed connections' frames, so far. */
    public RelaySightings relays() {
        return relays;
    }

    /** {@code tcp.stream} of the frame accepted last, -1 before the first (for evidence extraction). */
    public int lastStream() {
        return lastStream;
    }

    /** Streams numbered so far ({@code tcp.stream} values 0 .. n-1). */
    public int streams() {
        return nextStream;
    }

    // ------------------------------------------------------------------------------------------------

    /** A new connection whose side A is the packet's source. */
    private Connection open(int stream, Packet p) {
        return open(stream, p.ipVersion, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, p.flags);
    }

    private Connection open(int stream, int ipVersion, long srcHi, long srcLo, int sport, long dstHi, long dstLo,
            int dport, int flags) {
        if (!options.interest().mayWantAnalysis(sport, dport)) {
            // most connections on a mirror port: no endpoints to spell out, no analysis, only a number
            return connection(stream, ipVersion, srcHi, srcLo, sport, dstHi, dstLo, dport, null, null, false, null);
        }
        Endpoint src = new Endpoint(IpText.format(ipVersion, srcHi, srcLo), sport);
        Endpoint dst = new Endpoint(IpText.format(ipVersion, dstHi, dstLo), dport);
        boolean analysed = options.interest().wantsAnalysis(src, dst);
        return connection(stream, ipVersion, srcHi, srcLo, sport, dstHi, dstLo, dport, src, dst, analysed,
                analysed ? detailFor(src, dst, flags) : null);
    }

    /** A spare connection reused as a new one, or a new one when none is spare. */
    private Connection connection(int stream, int ipVersion, long aHi, long aLo, int aPort, long bHi, long bLo,
            int bPort, Endpoint endpointA, Endpoint endpointB, boolean analysed, Connection.Detail detail) {
        Connection c = spare.pollLast();
        if (c == null) {
            return new Connection(stream, ipVersion, aHi, aLo, aPort, bHi, bLo, bPort, endpointA, endpointB, analysed,
                    detail);
        }
        c.reuse(stream, ipVersion, aHi, aLo, aPort, bHi, bLo, bPort, endpointA, endpointB, analysed, detail);
        return c;
    }

    /** Decides detail once, from the first packet's view of who is client (see {@link FlowBuilder#roles}). */
    private Connection.Detail detailFor(Endpoint a, Endpoint b, int flags) {
        FlowInterest interest = options.interest();
        boolean clientIsA;
        if ((flags & (SYN | ACK)) == SYN) {
            clientIsA = true;
        } else if ((flags & (SYN | ACK)) == (SYN | ACK)) {
            clientIsA = false;
        } else {
            FlowBuilder.Roles byPorts = RoleBasis.byPorts(a, b, interest);
            clientIsA = byPorts == null || byPorts.clientIsA();
        }
        boolean want = clientIsA ? interest.wantsDetail(a, b) : interest.wantsDetail(b, a);
        return want ? new Connection.Detail(clientIsA, options, recycler) : null;
    }

    /** A packet on a tuple whose connection was emitted early: continue its stream from the tombstone. */
    private Connection resume(int slot, boolean srcIsX, Packet p) {
        int bits = table.tombBits(slot);
        boolean aIsX = (bits & ConnectionTable.TOMB_A_IS_X) != 0;
        boolean srcIsA = srcIsX == aIsX;
        Connection c = srcIsA
                ? open(table.tombStream(slot), p)
                : open(table.tombStream(slot), p.ipVersion, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort,
                        p.flags);
        DirectionState x = aIsX ? c.a : c.b;
        DirectionState y = aIsX ? c.b : c.a;
        x.baseSet = (bits & ConnectionTable.TOMB_BASE_X) != 0;
        x.baseSeq = table.tombBaseX(slot);
        y.baseSet = (bits & ConnectionTable.TOMB_BASE_Y) != 0;
        y.baseSeq = table.tombBaseY(slot);
        if ((bits & ConnectionTable.TOMB_RST) != 0) {
            c.completeness |= Connection.COMPLETE_RST;
        }
        if ((bits & ConnectionTable.TOMB_FIN) != 0) {
            c.completeness |= Connection.COMPLETE_FIN;
        }
        LOG.debug("tcp.stream {} resumed after early emission; it will be reported twice", c.stream);
        return c;
    }

    private static void afterAnalysis(Connection c, DirectionState fwd, DirectionState rev, long now, int flags,
            int synAck, int windowScale, boolean optionsCut) {
        if ((flags & SYN) != 0) {
            if ((flags & ACK) == 0) {
                c.mruSynNanos = now;
            }
            fwd.isFirstAck = true;
        }
        if (synAck == ACK && c.mruSynNanos != 0 && c.firstRttNanos == 0) {
            c.firstRttNanos = now - c.mruSynNanos;
        }
        if (synAck == ACK) {
            fwd.isFirstAck = false;
        }
        if (windowScale >= 0) {
            fwd.winScale = Math.min(windowScale, 14);
        }
        // a cut header makes Wireshark's option dissection throw before the window-scaling check
        if ((flags & SYN) != 0 && !optionsCut) {
            verifyWindowScaling(synAck == (SYN | ACK), fwd, rev);
        }
    }

    private static void updateCompleteness(Connection c, boolean conversationIsNew, int synAck, int flags,
            int seglen) {
        if (conversationIsNew) {
            // only a pure SYN starts the completeness of a new conversation
            c.completeness = synAck == SYN
                    ? Connection.COMPLETE_SYN | (seglen > 0 ? Connection.COMPLETE_DATA : 0)
                    : 0;
            return;
        }
        int bits = c.completeness;
        if (synAck == (SYN | ACK)) {
            bits |= Connection.COMPLETE_SYNACK;
        }
        if (synAck == ACK) {
            bits |= seglen > 0 ? Connection.COMPLETE_DATA : Connection.COMPLETE_ACK;
        }
        if ((flags & (FIN | ACK)) == (FIN | ACK)) {
            bits |= Connection.COMPLETE_FIN;
        }
        if ((flags & RST) != 0) {
            bits |= Connection.COMPLETE_RST;
        }
        c.completeness = bits;
    }

    private static void verifyWindowScaling(boolean synAck, DirectionState fwd, DirectionState rev) {
        if (fwd.winScale == -1) {
            // no scale option in this SYN (or SYN-ACK): neither side scales
            fwd.winScale = -2;
            rev.winScale = -2;
        } else if (synAck && rev.winScale == -2) {
            fwd.winScale = -2;
        }
    }

    private static void countFlags(Connection c, int mask) {
        int m = mask;
        while (m != 0) {
            int bit = Integer.numberOfTrailingZeros(m);
            c.flagCounts[bit]++;
            m &= m - 1;
        }
    }

    /** Side statistics, handshake, byte accounting, history and detail for a segment on the wire. */
    private void sideFacts(Connection c, boolean fromA, DirectionState fwd, DirectionState rev, Packet p, int mask) {
        Connection.Detail d = c.detail;
        if (d != null && p.srcMac >= 0 && relayed(d, fromA, p)) {
            // a relay's second copy of a packet already counted: the sender sent it once, so it enters neither the
            // side's packets, bytes and handshake nor the ACK delays; the segment log keeps it, marked, for the
            // ladder and the relay finding
            log(d, fromA, fwd, rev, p, mask, true);
            return;
        }
        int flags = p.flags;
        int len = p.len;
        fwd.packets++;
        fwd.payloadBytes += len;
        int ttl = p.ttl;
        if (ttl >= 0) {
            fwd.minTtl = fwd.minTtl < 0 ? ttl : Math.min(fwd.minTtl, ttl);
            fwd.maxTtl = Math.max(fwd.maxTtl, ttl);
        }
        if ((p.oddities & ~fwd.oddities) != 0) {
            fwd.noteOddities(p.oddities, p.frame);
        }
        int synAck = flags & (SYN | ACK);
        if ((flags & SYN) != 0) {
            handshake(fwd, p, synAck);
        } else if (synAck == ACK && rev.firstSynAckFrame > 0 && !fwd.sentAckAfterPeerSynAck) {
            fwd.sentAckAfterPeerSynAck = true;
            fwd.ackAfterPeerSynAckFrame = p.frame;
            fwd.ackAfterPeerSynAckNanos = p.now;
        }
        if ((flags & (FIN | RST)) != 0) {
            closing(fwd, flags);
        }
        if ((flags & SYN) == 0) {
            fwd.sentNonSyn = true;
        }

        boolean advanced = false;
        if (len > 0) {
            // a SYN's payload (TCP Fast Open) starts one sequence number after the SYN
            long start = Seq32.add(p.seq, (flags & SYN) != 0 ? 1 : 0);
            long startExt = Seq32.unwrap(Seq32.sub(start, fwd.baseSeq), fwd.sentPayload ? fwd.highestPayloadEnd : 0);
            long endExt = startExt + len;
            advanced = !fwd.sentPayload || endExt > fwd.highestPayloadEnd;
            if (advanced) {
                fwd.highestPayloadEnd = endExt;
            }
            fwd.sentPayload = true;
            if (d != null) {
                payloadDetail(d, fromA, p, start, startExt, advanced);
            }
        }
        if ((flags & ACK) != 0) {
            long ack = p.ack;
            long ackExt = Seq32.unwrap(Seq32.sub(ack, rev.baseSeq), rev.peerAcked ? rev.highestAckedByPeer : 0);
            if (!rev.peerAcked || ackExt > rev.highestAckedByPeer) {
                rev.highestAckedByPeer = ackExt;
            }
            rev.peerAcked = true;
            if (d != null) {
                d.delays(!fromA).acknowledged(ack, p.now);
            }
        }
        if ((flags & RST) != 0 && p.header != Packet.HEADER_BOGUS && fwd.sentPayload
                && (!fwd.peerAcked || fwd.highestAckedByPeer < fwd.highestPayloadEnd)
                && (fwd.oddities & Oddity.RESET_MID_JOB.bit()) == 0) {
            fwd.noteOddities(Oddity.RESET_MID_JOB.bit(), p.frame);
        }
        boolean zeroWindow = p.window == 0 && (flags & (SYN | RST)) == 0;
        c.history.packet(fromA, flags, p.seq, len, len > 0 && !advanced, zeroWindow,
                (mask & SequenceAnalysis.LOST_SEGMENT) != 0);
        int logIndex = -1;
        if (d != null) {
            logIndex = log(d, fromA, fwd, rev, p, mask, false);
        }
        if (synAck == (SYN | ACK)) {
            c.recordSynAck(p.frame, p.seq, fromA, logIndex, (mask & SequenceAnalysis.REUSED_PORTS) != 0);
        }
    }

    private static boolean relayed(Connection.Detail d, boolean fromA, Packet p) {
        if (d.relay == null) {
            d.relay = new RelayCopyDetector();
        }
        return d.relay.isCopy(fromA, p);
    }

    /** The first SYN or SYN-ACK of a side: when, and its options. */
    private static void handshake(DirectionState fwd, Packet p, int synAck) {
        if (synAck == SYN) {
            if (fwd.syn++ == 0) {
                fwd.firstSynFrame = p.frame;
                fwd.firstSynNanos = p.now;
                fwd.firstSynSeq = p.seq;
                synOptions(fwd, p);
            }
        } else if (fwd.synAck++ == 0) {
            fwd.firstSynAckFrame = p.frame;
            fwd.firstSynAckNanos = p.now;
            fwd.firstSynAckSeq = p.seq;
            // tshark shows neither flags nor options of a header whose data offset is below 5
            fwd.firstSynAckOptions = p.header == Packet.HEADER_BOGUS ? null : SynAckOptions.of(p);
            if (fwd.syn == 0) {
                synOptions(fwd, p);
            }
        }
    }

    private static void closing(DirectionState fwd, int flags) {
        if ((flags & FIN) != 0) {
            fwd.fin++;
            fwd.sentFin = true;
        }
        if ((flags & RST) != 0) {
            fwd.rst++;
            fwd.sentRst = true;
        }
    }

    private static void payloadDetail(Connection.Detail d, boolean fromA, Packet p, long start, long startExt,
            boolean advanced) {
        if (startExt >= 1) {
            byte[] data = p.data;
            d.addPayload(fromA, startExt - 1, data == null ? NO_BYTES : data, p.dataOffset,
                    data == null ? 0 : p.capturedLen, p.len);
        }
        if (advanced) {
            d.delays(fromA).sent(Seq32.add(start, p.len), p.now, p.frame);
        }
    }

    /** Appends the segment to the log; returns its index while it stays put (in the head), else -1. */
    private int log(Connection.Detail d, boolean fromA, DirectionState fwd, DirectionState rev, Packet p, int mask,
            boolean relayCopy) {
        int flags = p.flags;
        long relAck = (flags & ACK) != 0 ? Seq32.sub(p.ack, rev.baseSeq) : p.ack;
        int logIndex = d.log.add(p, fromA == d.provisionalClientIsA, fwd.relative(p.seq), relAck, mask);
        if (relayCopy) {
            d.log.markRelayCopy(logIndex);
        }
        return logIndex >= options.logHead() ? -1 : logIndex; // in the tail ring: the slot will be reused
    }

    private static void synOptions(DirectionState side, Packet p) {
        side.mss = p.mss;
        side.windowScaleOption = p.windowScale;
        side.sackPermitted = p.sackPermitted;
        side.timestamps = p.tsval >= 0;
    }

    private static boolean isCloseComplete(Connection c, int flags) {
        if ((flags & RST) != 0) {
            return true;
        }
        // the last ACK after FINs both ways
        return c.a.finOnWire && c.b.finOnWire && (flags & (ACK | FIN)) == ACK;
    }

    /** Hands a settled connection's flow to the sink and its detail's buffers to later connections. */
    private void release(Connection c) {
        judge(c);
        c.released = true;
        c.lastFrameReleased = c.lastFrame;
        c.dropDetail(); // the flow holds copies (or buffers the detail no longer touches)
    }

    /**
     * Emits a released, idle connection (or an unanalysed one at its close) and leaves a tombstone in its slot;
     * the connection object is then kept for reuse: no queue holds it (it left the last one it was in), and the
     * table no longer does.
     */
    private void evict(Connection c) {
        boolean aIsX = !ConnectionTable.before(c.bHi, c.bLo, c.bPort, c.aHi, c.aLo, c.aPort);
        int slot = aIsX
                ? table.find(c.ipVersion, c.aHi, c.aLo, c.aPort, c.bHi, c.bLo, c.bPort)
                : table.find(c.ipVersion, c.bHi, c.bLo, c.bPort, c.aHi, c.aLo, c.aPort);
        if (slot < 0 || table.live(slot) != c) {
            return;
        }
        DirectionState x = aIsX ? c.a : c.b;
        DirectionState y = aIsX ? c.b : c.a;
        int bits = (x.baseSet ? ConnectionTable.TOMB_BASE_X : 0) | (y.baseSet ? ConnectionTable.TOMB_BASE_Y : 0)
                | ((c.completeness & Connection.COMPLETE_RST) != 0 ? ConnectionTable.TOMB_RST : 0)
                | ((c.completeness & Connection.COMPLETE_FIN) != 0 ? ConnectionTable.TOMB_FIN : 0)
                | (aIsX ? ConnectionTable.TOMB_A_IS_X : 0);
        table.bury(slot, c.stream, x.baseSeq, y.baseSeq, bits);
        emit(c);
        if (recent == c) {
            recent = null;
        }
        if (spare.size() < SPARE_CONNECTIONS) {
            spare.add(c);
        }
    }

    /**
     * The connection's last word to the sink: its flow, unless it was released and no frame was accepted since
     * (the sink has that flow already).
     */
    private void emit(Connection c) {
        if (c.emitted) {
            return;
        }
        c.emitted = true;
        synOnly.remove(c);
        if (!c.released || c.lastFrame != c.lastFrameReleased) {
            judge(c);
        } else {
            countFramesLeftOut(c);
        }
        c.dropDetail();
    }

    /**
     * Builds the connection's flow as it stands and hands it to the sink; one that is not analysed is only counted
     * ({@link #unanalysedConnections()}).
     */
    private void judge(Connection c) {
        if (!c.hasFrames() || !c.analysed) {
            return;
        }
        countFramesLeftOut(c);
        c.secondPass();
        TcpFlow flow = FlowBuilder.build(c, options.interest());
        if (!flow.relayed().isEmpty()) {
            relays.add(flow);
        }
        sink.accept(flow);
    }

    /**
     * Counts the frames a filter left out of an analysed connection it kept frames of, each once however often
     * the connection is judged.
     */
    private void countFramesLeftOut(Connection c) {
        if (c.analysed && c.hasFrames() && c.framesLeftOut > c.framesLeftOutJudged) {
            if (c.framesLeftOutJudged == 0) {
                streamsWithFramesLeftOut++;
            }
            framesLeftOutOfStreams += c.framesLeftOut - c.framesLeftOutJudged;
            c.framesLeftOutJudged = c.framesLeftOut;
        }
    }
}

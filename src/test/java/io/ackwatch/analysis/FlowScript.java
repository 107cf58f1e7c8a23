package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test fixture: scripts one TCP connection frame by frame and builds the {@link TcpFlow} the flow stage would
 * hand over, with relative seq/ack numbers computed from what each side sent and the tcp.analysis flags set the
 * way Wireshark's {@code tcp_analyze_sequence_number} sets them for such sequences (docs/tcp-analysis.md §3;
 * out-of-order detection left out, the scripts space frames far apart).
 *
 * <pre>
 * FlowScript.printer().syn(0).synAck(10).ack(11).data(C, 1460, 20).data(C, 1460, 21).retrans(C, 520).build();
 * </pre>
 * Times are milliseconds from the start of the capture.
 */
public final class FlowScript {
    public enum Side { C, S }

    public static final Side C = Side.C;
    public static final Side S = Side.S;
    private static final long EPOCH = 1_764_000_000_000_000_000L;
    private static final int WINDOW = 64240;

    /** What one side has sent and seen, plus Wireshark's per-direction analysis state. */
    private static final class Dir {
        final boolean client;
        long sndNxt; // next new relative seq (0 before the SYN, 1 after)
        boolean synSent;
        final List<long[]> sent = new ArrayList<>(); // {seq, len} of payload, in order
        long acked; // highest ack this side received from the peer (what the peer has acknowledged)
        int ttl;
        int mss = -1;
        int window = WINDOW;
        // Wireshark state
        long nextSeq = -1;
        long maxSeqToBeAcked = -1;
        long lastAck = -1;
        long lastAckTime;
        int wsWindow = -1;
        int dupAckNum;
        boolean lastWasZwp;

        Dir(boolean client, int ttl) {
            this.client = client;
            this.ttl = ttl;
        }
    }

    /** {@code tsval} and {@code tsecr} -1 without timestamps. */
    private record Frame(long frame, long nanos, boolean client, int flags, long seq, long ack, int len, int win,
            int analysis, int ttl, long tsval, long tsecr) {}

    private final Endpoint client;
    private final Endpoint server;
    private final Dir c;
    private final Dir s;
    private final List<Frame> frames = new ArrayList<>();
    private int stream;
    private int logHead = 4096;
    private int logTail = 4096;
    private long nextFrame = 1;
    private int pendingTtl = -1;
    private boolean timestamps;
    /** Frame whose TSval the next frame echoes, 0 for the peer's latest. */
    private long pendingEcho;

    public FlowScript(Endpoint client, Endpoint server) {
        this.client = client;
        this.server = server;
        this.c = new Dir(true, 128);
        this.s = new Dir(false, 64);
    }

    /** Windows client 10.0.2.5:49152 to printer 10.0.2.9:9100, both on one subnet (TTL 128 / 64). */
    public static FlowScript printer() {
        return new FlowScript(new Endpoint("10.0.2.5", 49152), new Endpoint("10.0.2.9", 9100));
    }

    public FlowScript stream(int n) {
        stream = n;
        return this;
    }

    /** Keeps only the first {@code head} and last {@code tail} segments in the log, as the tracker does. */
    public FlowScript logLimits(int head, int tail) {
        logHead = head;
        logTail = tail;
        return this;
    }

    /** TTLs of the client's and server's packets as seen at the capture point. */
    public FlowScript ttl(int clientTtl, int serverTtl) {
        c.ttl = clientTtl;
        s.ttl = serverTtl;
        return this;
    }

    /** TTL of the next frame only. */
    public FlowScript nextTtl(int ttl) {
        pendingTtl = ttl;
        return this;
    }

    /** MSS options the two SYNs carry. */
    public FlowScript mss(int clientMss, int serverMss) {
        c.mss = clientMss;
        s.mss = serverMss;
        return this;
    }

    /** Frame numbers of other traffic before the next frame. */
    public FlowScript skipFrames(int n) {
        nextFrame += n;
        return this;
    }

    /** Client SYN; a second call re-sends it with the same ISN (a SYN retransmission). */
    public FlowScript syn(double ms) {
        c.synSent = true;
        emit(c, ms, TcpSegment.SYN, 0, 0, 0);
        c.sndNxt = 1;
        return this;
    }

    public FlowScript synAck(double ms) {
        s.synSent = true;
        emit(s, ms, TcpSegment.SYN | TcpSegment.ACK, 0, 1, 0);
        s.sndNxt = 1;
        return this;
    }

    /** Client's pure ACK of everything the server sent (the handshake's third packet, or later). */
    public FlowScript ack(double ms) {
        return ackAll(C, ms);
    }

    /** Pure ACK from {@code side} of everything the peer has sent. */
    public FlowScript ackAll(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.ACK, d.sndNxt, peer(d).sndNxt, 0);
        return this;
    }

    /** Pure ACK from {@code side} up to relative {@code ack}. */
    public FlowScript ackUpTo(Side side, long ack, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.ACK, d.sndNxt, ack, 0);
        return this;
    }

    /** Repeats {@code side}'s last ack value (a duplicate ACK when nothing else changed). */
    public FlowScript dupAck(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.ACK, d.sndNxt, Math.max(d.lastAck, 0), 0);
        return this;
    }

    /** Pure ACK of everything the peer sent, advertising {@code window} (0 = zero window). */
    public FlowScript window(Side side, int window, double ms) {
        Dir d = dir(side);
        d.window = window;
        emit(d, ms, TcpSegment.ACK, d.sndNxt, peer(d).sndNxt, 0);
        return this;
    }

    /** New payload from {@code side}, acknowledging everything the peer has sent. */
    public FlowScript data(Side side, int len, double ms) {
        Dir d = dir(side);
        long seq = d.sndNxt;
        d.sent.add(new long[] {seq, len});
        emit(d, ms, TcpSegment.ACK | TcpSegment.PSH, seq, peer(d).sndNxt, len);
        d.sndNxt = seq + len;
        return this;
    }

    /** Payload {@code side} sends that never reaches the capture point (no frame). */
    public FlowScript notCaptured(Side side, int len) {
        Dir d = dir(side);
        d.sent.add(new long[] {d.sndNxt, len});
        d.sndNxt += len;
        return this;
    }

    /** Re-sends {@code side}'s oldest payload segment not yet acknowledged by the peer. */
    public FlowScript retrans(Side side, double ms) {
        Dir d = dir(side);
        for (long[] seg : d.sent) {
            if (seg[0] + seg[1] > d.acked) {
                emit(d, ms, TcpSegment.ACK | TcpSegment.PSH, seg[0], peer(d).sndNxt, (int) seg[1]);
                return this;
            }
        }
        throw new IllegalStateException("nothing unacknowledged to retransmit");
    }

    /** Re-sends {@code side}'s n-th payload segment (0-based), acknowledged or not. */
    public FlowScript resend(Side side, int n, double ms) {
        Dir d = dir(side);
        long[] seg = d.sent.get(n);
        emit(d, ms, TcpSegment.ACK | TcpSegment.PSH, seg[0], peer(d).sndNxt, (int) seg[1]);
        return this;
    }

    /** One-byte zero-window probe from {@code side} at its next sequence number (Windows style). */
    public FlowScript probe(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.ACK, d.sndNxt, peer(d).sndNxt, 1);
        return this;
    }

    /** Windows keep-alive: one garbage byte at the next sequence number minus one. */
    public FlowScript keepAlive(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.ACK, d.sndNxt - 1, peer(d).sndNxt, 1);
        return this;
    }

    public FlowScript fin(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.FIN | TcpSegment.ACK, d.sndNxt, peer(d).sndNxt, 0);
        d.sndNxt += 1;
        return this;
    }

    /**
     * RST with ACK acknowledging what this side had acknowledged before (a printer aborting whose TCP never got
     * the data, or refusing a SYN: then ack = ISN+1).
     */
    public FlowScript rst(Side side, double ms) {
        Dir d = dir(side);
        long ack = d.lastAck > 0 ? d.lastAck : peer(d).synSent ? 1 : 0;
        emit(d, ms, TcpSegment.RST | TcpSegment.ACK, d.sndNxt, ack, 0);
        return this;
    }

    /** RST with ACK acknowledging everything the peer sent (its TCP got the data, then discarded it). */
    public FlowScript rstAckingAll(Side side, double ms) {
        Dir d = dir(side);
        emit(d, ms, TcpSegment.RST | TcpSegment.ACK, d.sndNxt, peer(d).sndNxt, 0);
        return this;
    }

    /** Adds analysis flags to the last frame (for cases the simplified analysis does not produce). */
    public FlowScript flag(TcpAnalysisFlag... flags) {
        Frame f = frames.remove(frames.size() - 1);
        int mask = f.analysis();
        for (TcpAnalysisFlag t : flags) {
            mask |= t.bit();
        }
        frames.add(new Frame(f.frame(), f.nanos(), f.client(), f.flags(), f.seq(), f.ack(), f.len(), f.win(), mask,
                f.ttl(), f.tsval(), f.tsecr()));
        return this;
    }

    /**
     * Every frame from here on carries TCP timestamps: TSval a millisecond clock of its side, TSecr the TSval of the
     * peer's latest frame, unless {@link #echoes} says otherwise.
     */
    public FlowScript timestamps() {
        timestamps = true;
        return this;
    }

    /** The next frame echoes (TSecr) the TSval of frame {@code frame} (see {@link #frameOf}). */
    public FlowScript echoes(long frame) {
        pendingEcho = frame;
        return this;
    }

    /** Frame number of the n-th scripted frame (1-based, in script order). */
    public long frameOf(int n) {
        return frames.get(n - 1).frame();
    }

    public static long nanos(double ms) {
        return EPOCH + Math.round(ms * 1_000_000);
    }

    private Dir dir(Side side) {
        return side == Side.C ? c : s;
    }

    private Dir peer(Dir d) {
        return d == c ? s : c;
    }

    private void emit(Dir fwd, double ms, int flags, long seq, long ack, int len) {
        long now = nanos(ms);
        Dir rev = peer(fwd);
        int win = (flags & TcpSegment.SYN) != 0 ? WINDOW : fwd.window;
        int analysis = analyze(fwd, rev, flags, seq, ack, len, win, now);
        if ((flags & TcpSegment.ACK) != 0 && (flags & TcpSegment.RST) == 0) {
            rev.acked = Math.max(rev.acked, ack);
        }
        int ttl = pendingTtl >= 0 ? pendingTtl : fwd.ttl;
        pendingTtl = -1;
        long tsval = -1;
        long tsecr = -1;
        if (timestamps) {
            // a 1 kHz clock on each side, the server's far ahead of the client's
            tsval = (long) ms + (fwd.client ? 1_000 : 900_000);
            tsecr = 0;
            for (Frame f : frames) {
                if (f.client() != fwd.client && (pendingEcho == 0 || f.frame() == pendingEcho)) {
                    tsecr = f.tsval();
                }
            }
            pendingEcho = 0;
        }
        frames.add(new Frame(nextFrame++, now, fwd.client, flags, seq, ack, len, win, analysis, ttl, tsval, tsecr));
    }

    /** Wireshark's tcp_analyze_sequence_number, steps 2-13 of docs/tcp-analysis.md §3, without out-of-order. */
    private static int analyze(Dir fwd, Dir rev, int flags, long seq, long ack, int len, int win, long now) {
        boolean syn = (flags & TcpSegment.SYN) != 0;
        boolean fin = (flags & TcpSegment.FIN) != 0;
        boolean rst = (flags & TcpSegment.RST) != 0;
        boolean hasAck = (flags & TcpSegment.ACK) != 0;
        boolean noSfr = !syn && !fin && !rst;
        int a = 0;
        boolean zwp = len == 1 && seq == fwd.nextSeq && rev.wsWindow == 0;
        boolean keepAlive = false;
        if (zwp) {
            a |= TcpAnalysisFlag.ZERO_WINDOW_PROBE.bit();
        } else {
            if (win == 0 && noSfr) {
                a |= TcpAnalysisFlag.ZERO_WINDOW.bit();
            }
            if (fwd.nextSeq >= 0 && seq > fwd.nextSeq && !rst) {
                a |= TcpAnalysisFlag.LOST_SEGMENT.bit();
            }
            if ((len == 0 || len == 1) && seq == fwd.nextSeq - 1 && noSfr) {
                a |= TcpAnalysisFlag.KEEP_ALIVE.bit();
                keepAlive = true;
            }
            boolean sameAckSeq = len == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && noSfr;
            if (sameAckSeq && win != 0 && win != fwd.wsWindow) {
                a |= TcpAnalysisFlag.WINDOW_UPDATE.bit();
            } else if (sameAckSeq && win == 0 && fwd.wsWindow == 0 && rev.lastWasZwp) {
                a |= TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK.bit();
            } else if (sameAckSeq && win != 0 && win == fwd.wsWindow) {
                fwd.dupAckNum++;
                a |= TcpAnalysisFlag.DUPLICATE_ACK.bit();
            }
            if (ack != fwd.lastAck) {
                fwd.dupAckNum = 0;
            }
            if (hasAck && rev.maxSeqToBeAcked > 0 && ack > rev.maxSeqToBeAcked) {
                a |= TcpAnalysisFlag.ACK_LOST_SEGMENT.bit();
                rev.maxSeqToBeAcked = ack;
            }
            if ((len > 0 || syn || fin) && !keepAlive) {
                boolean notAdvanced = fwd.nextSeq >= 0 && seq < fwd.nextSeq;
                if (len > 0 && rev.lastAck > 0 && seq + len <= rev.lastAck) {
                    a |= TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit() | TcpAnalysisFlag.RETRANSMISSION.bit();
                } else if (notAdvanced) {
                    long t = now - rev.lastAckTime;
                    if (t < 20_000_000L && rev.dupAckNum >= 2 && rev.lastAck == seq) {
                        a |= TcpAnalysisFlag.FAST_RETRANSMISSION.bit() | TcpAnalysisFlag.RETRANSMISSION.bit();
                    } else {
                        a |= TcpAnalysisFlag.RETRANSMISSION.bit();
                    }
                }
            }
        }
        long end = seq + len + (syn || fin ? 1 : 0);
        if (!zwp && (fwd.nextSeq < 0 || end > fwd.nextSeq)) {
            fwd.nextSeq = end;
        }
        if (!zwp && (fwd.maxSeqToBeAcked < 0 || seq == fwd.maxSeqToBeAcked)) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.wsWindow = win;
        fwd.lastAck = hasAck ? ack : fwd.lastAck;
        fwd.lastAckTime = now;
        fwd.lastWasZwp = zwp;
        return a;
    }

    public TcpFlow build() {
        SegmentLog.Builder log = new SegmentLog.Builder(logHead, logTail);
        int[] counts = new int[TcpAnalysisFlag.values().length];
        long[] packets = new long[2];
        long[] payload = new long[2];
        int[] syn = new int[2];
        int[] synAck = new int[2];
        int[] fin = new int[2];
        int[] rst = new int[2];
        int[] minTtl = {-1, -1};
        int[] maxTtl = {-1, -1};
        long synFrame = 0, synNanos = 0, synAckFrame = 0, synAckNanos = 0, ackFrame = 0, ackNanos = 0;
        for (Frame f : frames) {
            int at = log.add(f.frame(), f.nanos(), f.client(), f.flags(), f.seq(), f.ack(), f.len(), f.win(),
                    f.analysis(), f.ttl());
            if (f.tsval() >= 0) {
                log.timestamps(at, f.tsval(), f.tsecr());
            }
            for (TcpAnalysisFlag t : TcpAnalysisFlag.values()) {
                if (t.in(f.analysis())) {
                    counts[t.ordinal()]++;
                }
            }
            int k = f.client() ? 0 : 1;
            packets[k]++;
            payload[k] += f.len();
            boolean isSyn = (f.flags() & TcpSegment.SYN) != 0;
            boolean isAck = (f.flags() & TcpSegment.ACK) != 0;
            if (isSyn && !isAck) {
                syn[k]++;
                if (f.client() && synFrame == 0) {
                    synFrame = f.frame();
                    synNanos = f.nanos();
                }
            }
            if (isSyn && isAck) {
                synAck[k]++;
                if (!f.client() && synAckFrame == 0) {
                    synAckFrame = f.frame();
                    synAckNanos = f.nanos();
                }
            }
            if (!isSyn && isAck && f.client() && synAckFrame > 0 && ackFrame == 0) {
                ackFrame = f.frame();
                ackNanos = f.nanos();
            }
            fin[k] += (f.flags() & TcpSegment.FIN) != 0 ? 1 : 0;
            rst[k] += (f.flags() & TcpSegment.RST) != 0 ? 1 : 0;
            minTtl[k] = minTtl[k] < 0 ? f.ttl() : Math.min(minTtl[k], f.ttl());
            maxTtl[k] = Math.max(maxTtl[k], f.ttl());
        }
        SideStats cs = new SideStats(packets[0], payload[0], syn[0], synAck[0], fin[0], rst[0], minTtl[0], maxTtl[0],
                c.mss, -1, false, false);
        SideStats ss = new SideStats(packets[1], payload[1], syn[1], synAck[1], fin[1], rst[1], minTtl[1], maxTtl[1],
                s.mss, -1, false, false);
        Frame first = frames.get(0);
        Frame last = frames.get(frames.size() - 1);
        long clientEnd = 1;
        for (long[] seg : c.sent) {
            clientEnd = Math.max(clientEnd, seg[0] + seg[1]);
        }
        long serverAck = 1;
        for (Frame f : frames) {
            if (!f.client() && (f.flags() & TcpSegment.ACK) != 0 && (f.flags() & TcpSegment.RST) == 0) {
                serverAck = Math.max(serverAck, f.ack());
            }
        }
        long firstUnacked = 0;
        for (Frame f : frames) {
            if (f.client() && f.len() > 0 && f.seq() + f.len() > serverAck) {
                firstUnacked = f.frame();
                break;
            }
        }
        return new TcpFlow(stream, client, server, synFrame > 0 ? RoleBasis.SYN : RoleBasis.SERVICE_PORT,
                first.frame(), last.frame(), first.nanos(), last.nanos(), cs, ss, 0,
                new Handshake(synFrame, synNanos, synAckFrame, synAckNanos, ackFrame, ackNanos, null, 0, 0),
                new AnalysisCounts(counts), log.build(), ackDelays(), clientEnd - 1,
                Math.min(serverAck, clientEnd) - 1, firstUnacked,
                state(synFrame, synAckFrame, fin, rst), "", ByteStreamSample.EMPTY, ByteStreamSample.EMPTY, true);
    }

    private AckDelayStats ackDelays() {
        List<Long> delays = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (!f.client() || f.len() == 0 || seen.contains(f.seq())) {
                continue;
            }
            seen.add(f.seq());
            for (int j = i + 1; j < frames.size(); j++) {
                Frame g = frames.get(j);
                if (!g.client() && (g.flags() & TcpSegment.ACK) != 0 && (g.flags() & TcpSegment.RST) == 0
                        && g.ack() >= f.seq() + f.len()) {
                    delays.add(g.nanos() - f.nanos());
                    break;
                }
            }
        }
        if (delays.isEmpty()) {
            return AckDelayStats.NONE;
        }
        Collections.sort(delays);
        int n = delays.size();
        return new AckDelayStats(n, delays.get((int) Math.ceil(0.5 * n) - 1),
                delays.get((int) Math.ceil(0.95 * n) - 1), delays.get(n - 1));
    }

    private static ConnState state(long synFrame, long synAckFrame, int[] fin, int[] rst) {
        if (synFrame == 0) {
            return ConnState.OTH;
        }
        if (synAckFrame == 0) {
            return rst[1] > 0 ? ConnState.REJ : rst[0] > 0 ? ConnState.RSTOS0 : ConnState.S0;
        }
        if (rst[0] > 0) {
            return ConnState.RSTO;
        }
        if (rst[1] > 0) {
            return ConnState.RSTR;
        }
        if (fin[0] > 0 && fin[1] > 0) {
            return ConnState.SF;
        }
        return fin[0] > 0 ? ConnState.S2 : fin[1] > 0 ? ConnState.S3 : ConnState.S1;
    }
}

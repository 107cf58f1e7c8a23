package io.ackwatch.analysis;

// The implementation as it was before the judging speed work (commit 7073eb5): the reference FlowFactsTest
// checks the faster one against.

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the rules need from one connection's segment log, computed in one pass: each side's data ranges with
 * their retransmissions and the peer's covering ACK, resets, capture gaps and zero-window episodes.
 *
 * <p>"Acknowledged" means covered by the ack field of a peer segment without RST: an RST that happens to ack
 * data is counted separately ({@link #rstAcknowledges}), because a reset discards what it acknowledges.
 */
final class OldFlowFacts {
    private static final int RETRANSMISSION_FAMILY = TcpAnalysisFlag.RETRANSMISSION.bit()
            | TcpAnalysisFlag.FAST_RETRANSMISSION.bit() | TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
    private static final int NOT_DATA = TcpAnalysisFlag.KEEP_ALIVE.bit() | TcpAnalysisFlag.ZERO_WINDOW_PROBE.bit();

    /** A hole in one side's sequence space that Wireshark flagged as "previous segment not captured". */
    public record Gap(long frame, long nanos, long start, long end, long fillFrame, long peerAckFrame) {
        /** True when the sender later resent bytes of the hole: they were lost before the capture point. */
        public boolean filled() {
            return fillFrame > 0;
        }

        /** True when the peer acknowledged past the hole without a resend: only the capture missed them. */
        public boolean ackedUnseen() {
            return !filled() && peerAckFrame > 0;
        }
    }

    /**
     * A period during which one side advertised a zero window.
     *
     * @param startIndex log index of the first zero-window segment
     * @param endIndex log index of the segment that reopened the window, -1 when it never reopened
     * @param probes probes (zero-window probes or keep-alives) the peer sent meanwhile
     * @param unansweredProbes probes after the advertiser's last segment of the episode
     */
    public record ZeroWindow(int startIndex, long startFrame, long startNanos, int endIndex, long endFrame,
            long endNanos, int probes, int unansweredProbes, List<Long> frames) {
        public boolean reopened() {
            return endIndex >= 0;
        }

        public long durationNanos() {
            return endNanos - startNanos;
        }
    }

    /** Exact copies closer than this to their original are capture artefacts (duplicated mirror ports, merges). */
    static final long COPY_WINDOW_NANOS = 1_000_000;

    private final TcpFlow flow;
    private final SegmentLog log;
    private final boolean[] copy;
    private final List<Integer> copies = new ArrayList<>();
    private final Side client;
    private final Side server;
    private final long lastNanos;
    /** Analysis bits seen per side (copies left out), so that asking for an absent flag costs nothing. */
    private int clientFlags;
    private int serverFlags;
    private final OldTtlTally clientTtl = new OldTtlTally();
    private final OldTtlTally serverTtl = new OldTtlTally();
    private OldAckDelays ackDelays;

    private OldFlowFacts(TcpFlow flow) {
        this.flow = flow;
        this.log = flow.log();
        this.client = new Side(true);
        this.server = new Side(false);
        this.copy = new boolean[log.size()];
        long last = flow.endNanos();
        int lastClient = -1;
        int lastServer = -1;
        for (int i = 0; i < log.size(); i++) {
            if (i == log.omittedAt()) {
                // segments were dropped from the middle: whatever was pending may have been ACKed in there
                client.forgetPending();
                server.forgetPending();
            }
            Side from = log.fromClient(i) ? client : server;
            Side peer = from == client ? server : client;
            if (log.ttl(i) >= 0 && (log.tcpFlags(i) & TcpSegment.RST) == 0) {
                (log.fromClient(i) ? clientTtl : serverTtl).add(log.ttl(i));
            }
            int previousOwn = log.fromClient(i) ? lastClient : lastServer;
            int previousPeer = log.fromClient(i) ? lastServer : lastClient;
            if (isCopy(i, previousOwn, previousPeer)) {
                copy[i] = true;
                copies.add(i);
            } else {
                scan(i, from, peer);
                if (log.fromClient(i)) {
                    clientFlags |= log.analysis(i);
                } else {
                    serverFlags |= log.analysis(i);
                }
            }
            if (log.fromClient(i)) {
                lastClient = i;
            } else {
                lastServer = i;
            }
            last = Math.max(last, log.timeNanos(i));
        }
        this.lastNanos = last;
        client.finish(log);
        server.finish(log);
    }

    public static OldFlowFacts of(TcpFlow flow) {
        return new OldFlowFacts(flow);
    }

    public TcpFlow flow() { return flow; }

    public SegmentLog log() { return log; }

    /** True when the log holds per-segment detail. */
    public boolean hasLog() { return log.size() > 0; }

    /** Time of the last segment of the connection. */
    public long lastNanos() { return lastNanos; }

    /** Client payload ranges in the order first seen. */
    public List<OldDataSegment> clientData() { return client.dataInOrder(); }

    /** Server payload ranges in the order first seen. */
    public List<OldDataSegment> serverData() { return server.dataInOrder(); }

    public List<OldDataSegment> data(boolean fromClient) { return fromClient ? clientData() : serverData(); }

    /** Log indices of RST segments from that side. */
    public List<Integer> rsts(boolean fromClient) {
        return Collections.unmodifiableList((fromClient ? client : server).rsts);
    }

    public List<Gap> gaps(boolean fromClient) {
        return Collections.unmodifiableList((fromClient ? client : server).gaps);
    }

    /** Zero-window episodes advertised by that side. */
    public List<ZeroWindow> zeroWindows(boolean fromClient) {
        return Collections.unmodifiableList((fromClient ? client : server).zeroWindows);
    }

    /**
     * Log indices of frames with payload, SYN, FIN or RST that repeat the same side's previous frame exactly (seq,
     * ack, length, flags, window) within {@link #COPY_WINDOW_NANOS}, with nothing from the peer in between: no
     * retransmission timer or duplicate ACK can cause that, so the capture saw one packet twice.
     * They are left out of every other fact.
     */
    public List<Integer> copies() {
        return Collections.unmodifiableList(copies);
    }

    public boolean isCopy(int index) {
        return copy[index];
    }

    /** Log indices of segments from that side with the given analysis flag (copies left out). */
    public List<Integer> flagged(boolean fromClient, TcpAnalysisFlag flag) {
        if (((fromClient ? clientFlags : serverFlags) & flag.bit()) == 0) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            if (log.fromClient(i) == fromClient && log.has(i, flag) && !copy[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** Log indices of segments from that side strictly after {@code nanos} (or after index {@code after}). */
    public List<Integer> segmentsAfter(boolean fromClient, int after) {
        List<Integer> out = new ArrayList<>();
        for (int i = after + 1; i < log.size(); i++) {
            if (log.fromClient(i) == fromClient) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Keep-alives (or zero-window probes) {@code fromClient} sent before log index {@code before} after the peer's
     * last segment: probes nobody answered.
     */
    public List<Integer> unansweredProbes(boolean fromClient, int before) {
        List<Integer> out = new ArrayList<>();
        for (int i = Math.min(before, log.size()) - 1; i >= 0; i--) {
            if (log.fromClient(i) != fromClient) {
                break;
            }
            if (log.has(i, TcpAnalysisFlag.KEEP_ALIVE) || log.has(i, TcpAnalysisFlag.ZERO_WINDOW_PROBE)) {
                out.add(0, i);
            }
        }
        return out;
    }

    /** Highest sequence end of payload that side sent before log index {@code before} (exclusive). */
    public long dataEndBefore(boolean fromClient, int before) {
        long end = -1;
        for (OldDataSegment d : data(fromClient)) {
            if (d.index() < before) {
                end = Math.max(end, d.end());
            }
        }
        return end;
    }

    /** Highest ack the side sent (without RST) before log index {@code before} (exclusive), -1 when none. */
    public long ackBefore(boolean fromClient, int before) {
        long best = -1;
        for (int i = 0; i < Math.min(before, log.size()); i++) {
            if (log.fromClient(i) == fromClient && isPlainAck(log.tcpFlags(i))) {
                best = Math.max(best, log.ack(i));
            }
        }
        return best;
    }

    /** Payload segments of {@code fromClient} not covered by any plain ACK of the peer, in order first seen. */
    public List<OldDataSegment> unacknowledged(boolean fromClient) {
        List<OldDataSegment> out = new ArrayList<>();
        for (OldDataSegment d : data(fromClient)) {
            if (!d.acked()) {
                out.add(d);
            }
        }
        return out;
    }

    /** True when the RST at log index {@code rst} carries an ack covering {@code end}. */
    public boolean rstAcknowledges(int rst, long end) {
        return (log.tcpFlags(rst) & TcpSegment.ACK) != 0 && log.ack(rst) >= end;
    }

    /**
     * The largest receive window the side advertised, in bytes (scaled when both SYNs carried window scaling),
     * -1 when it sent no segment besides SYNs and resets.
     */
    public long maxWindowBytes(boolean fromClient) {
        int shift = flow.clientSide().windowScale() >= 0 && flow.serverSide().windowScale() >= 0
                ? (fromClient ? flow.clientSide() : flow.serverSide()).windowScale() : 0;
        long best = -1;
        for (int i = 0; i < log.size(); i++) {
            int f = log.tcpFlags(i);
            if (log.fromClient(i) == fromClient && (f & (TcpSegment.SYN | TcpSegment.RST)) == 0) {
                best = Math.max(best, (long) log.window(i) << shift);
            }
        }
        return best;
    }

    /** The TTL a side's non-RST segments carry most often, -1 when unknown. */
    public int usualTtl(boolean fromClient) {
        return (fromClient ? clientTtl : serverTtl).usual();
    }

    /** ACK delays of the client's data; computed once, several rules and the verdict ask. */
    public OldAckDelays ackDelays() {
        if (ackDelays == null) {
            ackDelays = OldAckDelays.of(this);
        }
        return ackDelays;
    }

    private boolean isCopy(int i, int previousOwn, int previousPeer) {
        // Pure ACKs are left alone: back-to-back duplicate ACKs look exactly like copies without the IP ID.
        boolean carries = log.len(i) > 0 || (log.tcpFlags(i) & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) != 0;
        if (!carries || previousOwn < 0 || previousPeer > previousOwn) {
            return false;
        }
        int p = previousOwn;
        return log.timeNanos(i) - log.timeNanos(p) <= COPY_WINDOW_NANOS && log.seq(i) == log.seq(p)
                && log.ack(i) == log.ack(p) && log.len(i) == log.len(p) && log.tcpFlags(i) == log.tcpFlags(p)
                && log.window(i) == log.window(p);
    }

    static boolean isPlainAck(int tcpFlags) {
        return (tcpFlags & TcpSegment.ACK) != 0 && (tcpFlags & TcpSegment.RST) == 0;
    }

    private void scan(int i, Side from, Side peer) {
        int flags = log.tcpFlags(i);
        int analysis = log.analysis(i);
        long frame = log.frame(i);
        long time = log.timeNanos(i);
        long seq = log.seq(i);
        int len = log.len(i);
        boolean rst = (flags & TcpSegment.RST) != 0;
        boolean syn = (flags & TcpSegment.SYN) != 0;
        if (rst) {
            from.rsts.add(i);
        }
        if (isPlainAck(flags)) {
            peer.acknowledge(log.ack(i), frame, time);
        }
        if (!rst && !syn && (flags & TcpSegment.FIN) == 0 && (flags & TcpSegment.ACK) != 0) {
            from.windowSeen(i, log);
        }
        if ((analysis & NOT_DATA) != 0) {
            peer.probeSeen(frame);
        }
        if (len > 0 && !rst && (analysis & NOT_DATA) == 0) {
            from.data(i, frame, time, seq, seq + len, analysis);
        }
        if (syn) {
            from.highestEnd = Math.max(from.highestEnd, seq + 1);
        }
    }

    /** Per-side state while scanning. */
    private static final class Side {
        final boolean isClient;
        final SeqIndex bySeq = new SeqIndex();
        final List<OldDataSegment> order = new ArrayList<>();
        final List<OldDataSegment> pending = new ArrayList<>();
        final List<Integer> rsts = new ArrayList<>();
        final List<Gap> gaps = new ArrayList<>();
        final List<long[]> openGaps = new ArrayList<>(); // {frame, nanos, start, end, fillFrame, peerAckFrame}
        final List<ZeroWindow> zeroWindows = new ArrayList<>();
        long highestEnd = -1;
        // open zero-window episode advertised by this side
        int zwStart = -1;
        int zwProbes;
        int zwProbesSinceOwn;
        List<Long> zwFrames;

        Side(boolean isClient) {
            this.isClient = isClient;
        }

        List<OldDataSegment> dataInOrder() {
            return Collections.unmodifiableList(order);
        }

        void data(int index, long frame, long time, long seq, long end, int analysis) {
            for (int k = 0; k < openGaps.size(); k++) {
                long[] g = openGaps.get(k);
                if (g[4] == 0 && seq < g[3] && end > g[2]) {
                    g[4] = frame;
                }
            }
            if ((analysis & TcpAnalysisFlag.LOST_SEGMENT.bit()) != 0 && highestEnd >= 0 && seq > highestEnd) {
                openGaps.add(new long[] {frame, time, highestEnd, seq, 0, 0});
            }
            // nothing sent so far reaches past highestEnd, so data from there on overlaps nothing
            List<OldDataSegment> overlapping = seq >= highestEnd ? List.of() : bySeq.overlapping(seq, end);
            if (overlapping.isEmpty()) {
                boolean resent = (analysis & RETRANSMISSION_FAMILY) != 0;
                OldDataSegment d = new OldDataSegment(index, frame, time, seq, end, resent);
                bySeq.put(seq, d);
                order.add(d);
                pending.add(d);
            } else {
                for (OldDataSegment d : overlapping) {
                    d.addRetransmission(frame, time);
                }
                if (end > overlapping.get(overlapping.size() - 1).end() && seq <= highestEnd) {
                    // a resend that also carries new bytes: the new part is a segment of its own
                    long newStart = Math.max(highestEnd, overlapping.get(overlapping.size() - 1).end());
                    if (end > newStart && !bySeq.containsKey(newStart)) {
                        OldDataSegment d = new OldDataSegment(index, frame, time, newStart, end, false);
                        bySeq.put(newStart, d);
                        order.add(d);
                        pending.add(d);
                    }
                }
            }
            highestEnd = Math.max(highestEnd, end);
        }

        void forgetPending() {
            pending.forEach(OldDataSegment::ackHidden);
            pending.clear();
        }

        void acknowledge(long ack, long frame, long time) {
            int kept = 0;
            for (int k = 0; k < pending.size(); k++) {
                OldDataSegment d = pending.get(k);
                if (d.end() <= ack) {
                    d.acked(frame, time);
                } else {
                    pending.set(kept++, d);
                }
            }
            if (kept < pending.size()) {
                pending.subList(kept, pending.size()).clear();
            }
            for (int k = 0; k < openGaps.size(); k++) {
                long[] g = openGaps.get(k);
                if (g[5] == 0 && ack > g[2]) {
                    g[5] = frame;
                }
            }
        }

        void windowSeen(int i, SegmentLog log) {
            boolean zero = log.window(i) == 0;
            if (zero && zwStart < 0) {
                zwStart = i;
                zwProbes = 0;
                zwProbesSinceOwn = 0;
                zwFrames = new ArrayList<>();
            }
            if (zwStart >= 0) {
                zwProbesSinceOwn = 0;
                if (zwFrames.size() < 64) {
                    zwFrames.add(log.frame(i));
                }
                if (!zero) {
                    closeEpisode(i, log);
                }
            }
        }

        void probeSeen(long frame) {
            if (zwStart >= 0) {
                zwProbes++;
                zwProbesSinceOwn++;
                if (zwFrames.size() < 64) {
                    zwFrames.add(frame);
                }
            }
        }

        void finish(SegmentLog log) {
            if (zwStart >= 0) {
                closeEpisode(-1, log);
            }
            for (long[] g : openGaps) {
                gaps.add(new Gap(g[0], g[1], g[2], g[3], g[4], g[5]));
            }
        }

        /** Ends the open episode at {@code endIndex} (-1: the connection ended with the window still closed). */
        void closeEpisode(int endIndex, SegmentLog log) {
            long endNanos = endIndex >= 0 ? log.timeNanos(endIndex) : log.timeNanos(log.size() - 1);
            long endFrame = endIndex >= 0 ? log.frame(endIndex) : 0;
            List<Long> frames = new ArrayList<>(zwFrames);
            Collections.sort(frames);
            zeroWindows.add(new ZeroWindow(zwStart, log.frame(zwStart), log.timeNanos(zwStart), endIndex, endFrame,
                    endNanos, zwProbes, endIndex >= 0 ? 0 : zwProbesSinceOwn, List.copyOf(frames)));
            zwStart = -1;
        }
    }

    /**
     * One side's data segments by first sequence number (distinct keys). Segments nearly always arrive in order,
     * so this is an array that is appended to, searched by bisection, and shifted only for a segment that fills
     * an earlier hole.
     */
    private static final class SeqIndex {
        private long[] keys = new long[16];
        private OldDataSegment[] segments = new OldDataSegment[16];
        private int size;

        void put(long seq, OldDataSegment d) {
            int at = size > 0 && seq > keys[size - 1] ? size : -search(seq) - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                segments = Arrays.copyOf(segments, size * 2);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(segments, at, segments, at + 1, size - at);
            keys[at] = seq;
            segments[at] = d;
            size++;
        }

        boolean containsKey(long seq) {
            return search(seq) >= 0;
        }

        /** Segments overlapping [seq, end), starting from the last one that begins at or before seq. */
        List<OldDataSegment> overlapping(long seq, long end) {
            int k = search(seq);
            int from = k >= 0 ? k : Math.max(0, -k - 2);
            List<OldDataSegment> out = null;
            for (int i = from; i < size && keys[i] < end; i++) {
                OldDataSegment d = segments[i];
                if (d.seq() < end && d.end() > seq) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(d);
                }
            }
            return out == null ? List.of() : out;
        }

        private int search(long seq) {
            return Arrays.binarySearch(keys, 0, size, seq);
        }
    }
}

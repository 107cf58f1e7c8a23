package io.ackwatch.analysis;

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
public final class FlowFacts {
    private static final int RETRANSMISSION_FAMILY = TcpAnalysisFlag.RETRANSMISSION.bit()
            | TcpAnalysisFlag.FAST_RETRANSMISSION.bit() | TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit();
    private static final int NOT_DATA = TcpAnalysisFlag.KEEP_ALIVE.bit() | TcpAnalysisFlag.ZERO_WINDOW_PROBE.bit();
    private static final int FLAGS = TcpAnalysisFlag.values().length;
    private static final long[] NO_TIMES = {};
    /** Client segments that hold back the ACK of data sent before them (see {@link AckDelays}). */
    private static final int RECOVERY = TcpAnalysisFlag.RETRANSMISSION.bit() | TcpAnalysisFlag.OUT_OF_ORDER.bit();

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
    private final ArrayList<Integer> copies = new ArrayList<>();
    private final ArrayList<Integer> relayCopies = new ArrayList<>();
    private final Side client;
    private final Side server;
    private final long lastNanos;
    /** Analysis bits seen per side (copies left out), so that asking for an absent flag costs nothing. */
    private int clientFlags;
    private int serverFlags;
    /** Analysis bits of all segments, copies included. */
    private int allFlags;
    private int oversized = -1;
    /** Frames of the client's SYNs without ACK (copies included), in log order. */
    private long[] clientSyns;
    private int clientSynCount;
    /** Times of the client's resends and out-of-order segments (copies left out), in log order. */
    private long[] clientRecoveries;
    private int clientRecoveryCount;
    private final TtlTally clientTtl = new TtlTally();
    private final TtlTally serverTtl = new TtlTally();
    private AckDelays ackDelays;
    private SegmentFates fates;
    /** {@link #flagged} answers, by side and flag. */
    private List<Integer>[] flaggedCache;

    private FlowFacts(TcpFlow flow) {
        this.flow = flow;
        this.log = flow.log();
        this.client = new Side(true);
        this.server = new Side(false);
        this.copy = new boolean[log.size()];
        long last = flow.endNanos();
        int lastClient = -1;
        int lastServer = -1;
        int n = log.size();
        int omittedAt = log.omittedAt();
        int serverMss = flow.serverSide() == null ? 0 : flow.serverSide().mss();
        int clientMss = flow.clientSide() == null ? 0 : flow.clientSide().mss();
        for (int i = 0; i < n; i++) {
            if (i == omittedAt) {
                // segments were dropped from the middle: whatever was pending may have been ACKed in there
                client.forgetPending();
                server.forgetPending();
            }
            // each field read once: under the client compiler every log accessor is a bounds-checked load
            boolean fromClient = log.fromClient(i);
            int flags = log.tcpFlags(i);
            int analysis = log.analysis(i);
            long time = log.timeNanos(i);
            allFlags |= analysis;
            if (fromClient && (flags & (TcpSegment.SYN | TcpSegment.ACK)) == TcpSegment.SYN) {
                clientSyns = append(clientSyns, clientSynCount++, log.frame(i));
            }
            if (oversized < 0) {
                int limit = fromClient ? serverMss : clientMss;
                if (limit > 0 && log.len(i) > limit) {
                    oversized = i;
                }
            }
            int ttl = log.ttl(i);
            if (ttl >= 0 && (flags & TcpSegment.RST) == 0) {
                (fromClient ? clientTtl : serverTtl).add(ttl);
            }
            int previousOwn = fromClient ? lastClient : lastServer;
            int previousPeer = fromClient ? lastServer : lastClient;
            if (log.relayCopy(i)) {
                copy[i] = true;
                relayCopies.add(i);
            } else if (isCopy(i, flags, time, previousOwn, previousPeer)) {
                copy[i] = true;
                copies.add(i);
            } else if (fromClient) {
                if ((analysis & RECOVERY) != 0) {
                    clientRecoveries = append(clientRecoveries, clientRecoveryCount++, time);
                }
                scan(i, flags, analysis, time, client, server);
                clientFlags |= analysis;
            } else {
                scan(i, flags, analysis, time, server, client);
                serverFlags |= analysis;
            }
            if (fromClient) {
                lastClient = i;
            } else {
                lastServer = i;
            }
            if (time > last) {
                last = time;
            }
        }
        this.lastNanos = last;
        client.finish(log);
        server.finish(log);
    }

    public static FlowFacts of(TcpFlow flow) {
        return new FlowFacts(flow);
    }

    public TcpFlow flow() { return flow; }

    public SegmentLog log() { return log; }

    /** True when the log holds per-segment detail. */
    public boolean hasLog() { return log.size() > 0; }

    /** Time of the last segment of the connection. */
    public long lastNanos() { return lastNanos; }

    /** Client payload ranges in the order first seen. */
    public List<DataSegment> clientData() { return client.orderView; }

    /** Server payload ranges in the order first seen. */
    public List<DataSegment> serverData() { return server.orderView; }

    public List<DataSegment> data(boolean fromClient) { return fromClient ? clientData() : serverData(); }

    /**
     * The same list as {@link #data(boolean)} as the array list it is, for the rules of this package to index:
     * calls through the read-only view cost the client compiler an interface dispatch each. Never modified.
     */
    ArrayList<DataSegment> dataList(boolean fromClient) {
        return (fromClient ? client : server).order;
    }

    /** Log indices of RST segments from that side. */
    public List<Integer> rsts(boolean fromClient) {
        return readOnly((fromClient ? client : server).rsts);
    }

    public List<Gap> gaps(boolean fromClient) {
        return readOnly((fromClient ? client : server).gaps);
    }

    /** Zero-window episodes advertised by that side. */
    public List<ZeroWindow> zeroWindows(boolean fromClient) {
        return readOnly((fromClient ? client : server).zeroWindows);
    }

    /** Most connections have no resets, gaps or zero windows: those are answered without a view object. */
    private static <T> List<T> readOnly(ArrayList<T> list) {
        return list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
    }

    /**
     * Log indices of frames with payload, SYN, FIN or RST that repeat the same side's previous frame exactly (seq,
     * ack, length, flags, window) within {@link #COPY_WINDOW_NANOS}, with nothing from the peer in between: no
     * retransmission timer or duplicate ACK can cause that, so the capture saw one packet twice.
     * They are left out of every other fact.
     */
    public List<Integer> copies() {
        return readOnly(copies);
    }

    /**
     * Log indices of frames another host on the LAN relayed, seen a second time ({@link SegmentLog#relayCopy}). Like
     * {@link #copies()} they are left out of every other fact.
     */
    public List<Integer> relayCopies() {
        return readOnly(relayCopies);
    }

    /** True for an exact copy or a relayed copy: a frame the rules leave out. */
    public boolean isCopy(int index) {
        return copy[index];
    }

    /**
     * Log indices of segments from that side with the given analysis flag (copies left out); read-only. Made
     * once per side and flag: the rules and the fault attribution ask for the same ones several times, and each
     * answer is a walk over the whole log.
     */
    @SuppressWarnings("unchecked")
    public List<Integer> flagged(boolean fromClient, TcpAnalysisFlag flag) {
        if (((fromClient ? clientFlags : serverFlags) & flag.bit()) == 0) {
            return List.of();
        }
        int key = (fromClient ? 0 : FLAGS) + flag.ordinal();
        if (flaggedCache == null) {
            flaggedCache = new List[2 * FLAGS];
        }
        List<Integer> found = flaggedCache[key];
        if (found == null) {
            ArrayList<Integer> out = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                if (log.fromClient(i) == fromClient && log.has(i, flag) && !copy[i]) {
                    out.add(i);
                }
            }
            flaggedCache[key] = found = Collections.unmodifiableList(out);
        }
        return found;
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
        ArrayList<DataSegment> data = dataList(fromClient);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
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
    public List<DataSegment> unacknowledged(boolean fromClient) {
        List<DataSegment> out = new ArrayList<>();
        ArrayList<DataSegment> data = dataList(fromClient);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
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

    /** What happened to each of the client's data segments; computed once, rules and the verdict ask. */
    public SegmentFates fates() {
        if (fates == null) {
            fates = SegmentFates.of(this);
        }
        return fates;
    }

    /** ACK delays of the client's data; computed once, several rules and the verdict ask. */
    public AckDelays ackDelays() {
        if (ackDelays == null) {
            ackDelays = AckDelays.of(this);
        }
        return ackDelays;
    }

    private boolean isCopy(int i, int flags, long time, int previousOwn, int previousPeer) {
        // Pure ACKs are left alone: back-to-back duplicate ACKs look exactly like copies without the IP ID.
        if (previousOwn < 0 || previousPeer > previousOwn) {
            return false;
        }
        int len = log.len(i);
        boolean carries = len > 0 || (flags & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) != 0;
        if (!carries) {
            return false;
        }
        int p = previousOwn;
        return time - log.timeNanos(p) <= COPY_WINDOW_NANOS && log.seq(i) == log.seq(p)
                && log.ack(i) == log.ack(p) && len == log.len(p) && flags == log.tcpFlags(p)
                && log.window(i) == log.window(p);
    }

    private static long[] append(long[] values, int count, long value) {
        if (values == null) {
            values = new long[4];
        } else if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count] = value;
        return values;
    }

    /**
     * Log index of the first segment (copies included) with more payload than the MSS its receiver announced
     * (the super-segments of segmentation offload, seen only on the sending host), -1 when none.
     */
    public int firstOversizedSegment() {
        return oversized;
    }

    /** True when some segment, a copy or not, carries {@code flag}. */
    boolean anyFlagged(TcpAnalysisFlag flag) {
        return (allFlags & flag.bit()) != 0;
    }

    /** Frames of the client's SYNs (without ACK), copies included, in log order. */
    List<Long> clientSynFrames() {
        return DataSegment.boxed(clientSyns, clientSynCount);
    }

    /** Times of the client's resends and out-of-order segments (copies left out), sorted; not to be modified. */
    long[] clientRecoveryNanos() {
        if (clientRecoveryCount == 0) {
            return NO_TIMES;
        }
        long[] out = Arrays.copyOf(clientRecoveries, clientRecoveryCount);
        Arrays.sort(out);
        return out;
    }

    static boolean isPlainAck(int tcpFlags) {
        return (tcpFlags & TcpSegment.ACK) != 0 && (tcpFlags & TcpSegment.RST) == 0;
    }

    private void scan(int i, int flags, int analysis, long time, Side from, Side peer) {
        long frame = log.frame(i);
        boolean rst = (flags & TcpSegment.RST) != 0;
        boolean syn = (flags & TcpSegment.SYN) != 0;
        if (rst) {
            from.rsts.add(i);
        }
        // the calls are skipped when they would do nothing: most segments find nothing pending and no episode
        if (isPlainAck(flags) && (peer.pendingCount > 0 || !peer.openGaps.isEmpty())) {
            peer.acknowledge(log.ack(i), frame, time, log.timestamps(i) ? log.tsecr(i) : -1);
        }
        if (!rst && !syn && (flags & TcpSegment.FIN) == 0 && (flags & TcpSegment.ACK) != 0
                && (from.zwStart >= 0 || log.window(i) == 0)) {
            from.windowSeen(i, log);
        }
        if ((analysis & NOT_DATA) != 0) {
            peer.probeSeen(frame);
        }
        if (!rst && (analysis & NOT_DATA) == 0) {
            int len = log.len(i);
            if (len > 0) {
                long seq = log.seq(i);
                from.data(i, frame, time, seq, seq + len, analysis, log.timestamps(i) ? log.tsval(i) : -1);
            }
        }
        if (syn) {
            from.highestEnd = Math.max(from.highestEnd, log.seq(i) + 1);
        }
    }

    /** Per-side state while scanning. */
    private static final class Side {
        final boolean isClient;
        final SeqIndex bySeq = new SeqIndex();
        final ArrayList<DataSegment> order = new ArrayList<>();
        final List<DataSegment> orderView = Collections.unmodifiableList(order);
        /** Data not acknowledged yet, in the order sent: {@code pending[0, pendingCount)}. */
        DataSegment[] pending = new DataSegment[8];
        int pendingCount;
        final ArrayList<Integer> rsts = new ArrayList<>();
        final ArrayList<Gap> gaps = new ArrayList<>();
        final ArrayList<long[]> openGaps = new ArrayList<>(); // {frame, nanos, start, end, fillFrame, peerAckFrame}
        final ArrayList<ZeroWindow> zeroWindows = new ArrayList<>();
        long highestEnd = -1;
        // open zero-window episode advertised by this side
        int zwStart = -1;
        int zwProbes;
        int zwProbesSinceOwn;
        List<Long> zwFrames;

        Side(boolean isClient) {
            this.isClient = isClient;
        }

        void data(int index, long frame, long time, long seq, long end, int analysis, long tsval) {
            ArrayList<long[]> open = openGaps;
            for (int k = 0; k < open.size(); k++) {
                long[] g = open.get(k);
                if (g[4] == 0 && seq < g[3] && end > g[2]) {
                    g[4] = frame;
                }
            }
            if ((analysis & TcpAnalysisFlag.LOST_SEGMENT.bit()) != 0 && highestEnd >= 0 && seq > highestEnd) {
                open.add(new long[] {frame, time, highestEnd, seq, 0, 0});
            }
            // nothing sent so far reaches past highestEnd, so data from there on overlaps nothing
            int overlapping = seq >= highestEnd ? 0 : bySeq.overlapping(seq, end);
            if (overlapping == 0) {
                boolean resent = (analysis & RETRANSMISSION_FAMILY) != 0;
                add(new DataSegment(index, frame, time, seq, end, resent, tsval));
            } else {
                DataSegment[] found = bySeq.found;
                for (int k = 0; k < overlapping; k++) {
                    found[k].addRetransmission(frame, time, tsval);
                }
                long lastEnd = found[overlapping - 1].end();
                if (end > lastEnd && seq <= highestEnd) {
                    // a resend that also carries new bytes: the new part is a segment of its own
                    long newStart = Math.max(highestEnd, lastEnd);
                    if (end > newStart && !bySeq.containsKey(newStart)) {
                        add(new DataSegment(index, frame, time, newStart, end, false, tsval));
                    }
                }
            }
            highestEnd = Math.max(highestEnd, end);
        }

        private void add(DataSegment d) {
            DataSegment previous = order.isEmpty() ? null : order.get(order.size() - 1);
            if (previous != null && d.tsval() >= 0 && previous.tsval() == d.tsval() && previous.ackNanos() < 0) {
                d.tsvalShared();
            }
            bySeq.put(d.seq(), d);
            order.add(d);
            if (pendingCount == pending.length) {
                pending = Arrays.copyOf(pending, pendingCount * 2);
            }
            pending[pendingCount++] = d;
        }

        void forgetPending() {
            for (int k = 0; k < pendingCount; k++) {
                pending[k].ackHidden();
            }
            pendingCount = 0;
        }

        void acknowledge(long ack, long frame, long time, long tsecr) {
            DataSegment[] p = pending;
            int n = pendingCount;
            int kept = 0;
            for (int k = 0; k < n; k++) {
                DataSegment d = p[k];
                if (d.end() <= ack) {
                    d.acked(frame, time, tsecr);
                } else {
                    p[kept++] = d;
                }
            }
            pendingCount = kept;
            ArrayList<long[]> open = openGaps;
            for (int k = 0; k < open.size(); k++) {
                long[] g = open.get(k);
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
                zwFrames.add(log.frame(i));
                if (!zero) {
                    closeEpisode(i, log);
                }
            }
        }

        void probeSeen(long frame) {
            if (zwStart >= 0) {
                zwProbes++;
                zwProbesSinceOwn++;
                zwFrames.add(frame);
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
        private DataSegment[] segments = new DataSegment[16];
        private int size;
        /** Where the last bisection ended. */
        private int hint;
        /** What {@link #overlapping} found, valid until it is called again. */
        DataSegment[] found = new DataSegment[4];

        void put(long seq, DataSegment d) {
            int at = size > 0 && seq > keys[size - 1] ? size : -search(seq) - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                segments = Arrays.copyOf(segments, size * 2);
            }
            if (at < size) {
                System.arraycopy(keys, at, keys, at + 1, size - at);
                System.arraycopy(segments, at, segments, at + 1, size - at);
            }
            keys[at] = seq;
            segments[at] = d;
            size++;
        }

        boolean containsKey(long seq) {
            return search(seq) >= 0;
        }

        /**
         * Finds the segments overlapping [seq, end), starting from the last one that begins at or before seq,
         * into {@link #found}; returns how many.
         */
        int overlapping(long seq, long end) {
            int from = lastAtOrBefore(seq);
            int count = 0;
            for (int i = from; i < size && keys[i] < end; i++) {
                DataSegment d = segments[i];
                if (d.seq() < end && d.end() > seq) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = d;
                }
            }
            return count;
        }

        /** Index of the last segment starting at or before {@code seq}; 0 when none does. */
        private int lastAtOrBefore(long seq) {
            // resends are nearly always of the latest few segments, or of the one after the segment resent last
            int stop = Math.max(0, size - 4);
            int i = size - 1;
            while (i >= stop && keys[i] > seq) {
                i--;
            }
            if (i >= stop || stop == 0) {
                return Math.max(0, i);
            }
            for (int h = hint; h <= hint + 1 && h < size; h++) {
                if (keys[h] <= seq && keys[h + 1] > seq) { // h + 1 < size: keys[size - 1] > seq here
                    hint = h;
                    return h;
                }
            }
            int k = search(seq);
            hint = k >= 0 ? k : Math.max(0, -k - 2);
            return hint;
        }

        private int search(long seq) {
            return Arrays.binarySearch(keys, 0, size, seq);
        }
    }
}

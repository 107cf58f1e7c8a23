package io.ackwatch.report;

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
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link TcpFlow} the way the flow stage would hand it over, from the segments of one connection:
 * side statistics, handshake, analysis counts and the {@link SegmentLog} are all derived from the same
 * segments, so a fixture cannot contradict itself.
 */
final class FlowFixture {
    static final int SYN = TcpSegment.SYN;
    static final int ACK = TcpSegment.ACK;
    static final int PSH = TcpSegment.PSH;
    static final int RST = TcpSegment.RST;
    static final int FIN = TcpSegment.FIN;

    private record Seg(long frame, long nanos, boolean client, int flags, long seq, long ack, int len, int win,
            int analysis) {}

    private final int stream;
    private final Endpoint client;
    private final Endpoint server;
    private final long baseNanos;
    private final List<Seg> segs = new ArrayList<>();
    private int logHead = 1000;
    private int logTail = 1000;
    private AckDelayStats ackDelay = AckDelayStats.NONE;
    private ConnState state = ConnState.SF;
    private String history = "";
    private long deliveredBytes;
    private long clientBytes;
    private long firstUnacked;

    FlowFixture(int stream, Endpoint client, Endpoint server, long baseNanos) {
        this.stream = stream;
        this.client = client;
        this.server = server;
        this.baseNanos = baseNanos;
    }

    /** Client segment {@code micros} after the base time. */
    FlowFixture c(long frame, long micros, int flags, long seq, long ack, int len, TcpAnalysisFlag... marks) {
        return add(frame, micros, true, flags, seq, ack, len, 64240, marks);
    }

    /** Server segment. */
    FlowFixture s(long frame, long micros, int flags, long seq, long ack, int len, TcpAnalysisFlag... marks) {
        return add(frame, micros, false, flags, seq, ack, len, 8192, marks);
    }

    /** Server segment with an explicit window (zero-window cases). */
    FlowFixture sWin(long frame, long micros, int flags, long seq, long ack, int len, int win,
            TcpAnalysisFlag... marks) {
        return add(frame, micros, false, flags, seq, ack, len, win, marks);
    }

    private FlowFixture add(long frame, long micros, boolean fromClient, int flags, long seq, long ack, int len,
            int win, TcpAnalysisFlag... marks) {
        int mask = 0;
        for (TcpAnalysisFlag m : marks) {
            mask |= m.bit();
        }
        segs.add(new Seg(frame, baseNanos + micros * 1000, fromClient, flags, seq, ack, len, win, mask));
        return this;
    }

    FlowFixture log(int head, int tail) {
        this.logHead = head;
        this.logTail = tail;
        return this;
    }

    FlowFixture ackDelay(long medianMicros, long p95Micros, long maxMicros, int count) {
        this.ackDelay = new AckDelayStats(count, medianMicros * 1000, p95Micros * 1000, maxMicros * 1000);
        return this;
    }

    FlowFixture state(ConnState state, String history) {
        this.state = state;
        this.history = history;
        return this;
    }

    FlowFixture bytes(long clientBytes, long deliveredBytes, long firstUnackedFrame) {
        this.clientBytes = clientBytes;
        this.deliveredBytes = deliveredBytes;
        this.firstUnacked = firstUnackedFrame;
        return this;
    }

    TcpFlow build() {
        SegmentLog.Builder log = new SegmentLog.Builder(logHead, logTail);
        int[] counts = new int[TcpAnalysisFlag.values().length];
        long[] pk = new long[2];
        long[] bytes = new long[2];
        int[][] flagCounts = new int[2][4];
        long synF = 0, synT = 0, synAckF = 0, synAckT = 0, ackF = 0, ackT = 0;
        for (Seg s : segs) {
            log.add(s.frame, s.nanos, s.client, s.flags, s.seq, s.ack, s.len, s.win, s.analysis, s.client ? 64 : 255);
            for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
                if (f.in(s.analysis)) {
                    counts[f.ordinal()]++;
                }
            }
            int side = s.client ? 0 : 1;
            pk[side]++;
            bytes[side] += s.len;
            boolean syn = (s.flags & SYN) != 0;
            boolean ack = (s.flags & ACK) != 0;
            if (syn && !ack) {
                flagCounts[side][0]++;
                if (s.client && synF == 0) {
                    synF = s.frame;
                    synT = s.nanos;
                }
            }
            if (syn && ack) {
                flagCounts[side][1]++;
                if (!s.client && synAckF == 0) {
                    synAckF = s.frame;
                    synAckT = s.nanos;
                }
            }
            if (!syn && ack && s.client && synAckF != 0 && ackF == 0) {
                ackF = s.frame;
                ackT = s.nanos;
            }
            if ((s.flags & FIN) != 0) {
                flagCounts[side][2]++;
            }
            if ((s.flags & RST) != 0) {
                flagCounts[side][3]++;
            }
        }
        Seg first = segs.get(0);
        Seg last = segs.get(segs.size() - 1);
        SideStats cs = new SideStats(pk[0], bytes[0], flagCounts[0][0], flagCounts[0][1], flagCounts[0][2],
                flagCounts[0][3], 64, 64, 1460, 8, true, false);
        SideStats ss = new SideStats(pk[1], bytes[1], flagCounts[1][0], flagCounts[1][1], flagCounts[1][2],
                flagCounts[1][3], 255, 255, 1460, -1, false, false);
        return new TcpFlow(stream, client, server, synF > 0 ? RoleBasis.SYN : RoleBasis.SERVICE_PORT,
                first.frame, last.frame, first.nanos, last.nanos, cs, ss, 0,
                new Handshake(synF, synT, synAckF, synAckT, ackF, ackT,
                        synAckF > 0 ? new SynAckOptions(1460, 29200, false, -1, false, 0, List.of()) : null, 0, 0), new AnalysisCounts(counts), log.build(),
                ackDelay, clientBytes, deliveredBytes, firstUnacked, state, history, ByteStreamSample.EMPTY,
                ByteStreamSample.EMPTY, true);
    }
}

package io.ackwatch.flow;

import java.util.Arrays;

/**
 * The segments of one connection, kept compactly in parallel primitive arrays so that a long connection
 * costs a few dozen bytes per segment and no object per segment. It is bounded: when a connection has more
 * segments than {@code head + tail}, the first {@code head} and the last {@code tail} are kept and
 * {@link #omitted()} says how many in between were dropped. Immutable once built (see {@link Builder}).
 *
 * <p>Sequence and acknowledgement numbers are relative (Wireshark's {@code tcp.seq}/{@code tcp.ack}: 0 at the
 * sender's ISN, or 1 for the first segment of a direction whose SYN was not captured).
 */
public final class SegmentLog {
    private final long[] frame;
    private final long[] timeNanos;
    private final long[] seq;
    private final long[] ack;
    private final int[] len;
    private final int[] window;
    private final int[] tcpFlags;
    private final int[] analysis;
    private final short[] ttl;
    private final boolean[] fromClient;
    private final long omitted;
    private final int omittedAt;

    private SegmentLog(Builder b) {
        int n = b.size;
        frame = Arrays.copyOf(b.frame, n);
        timeNanos = Arrays.copyOf(b.timeNanos, n);
        seq = Arrays.copyOf(b.seq, n);
        ack = Arrays.copyOf(b.ack, n);
        len = Arrays.copyOf(b.len, n);
        window = Arrays.copyOf(b.window, n);
        tcpFlags = Arrays.copyOf(b.tcpFlags, n);
        analysis = Arrays.copyOf(b.analysis, n);
        ttl = Arrays.copyOf(b.ttl, n);
        fromClient = Arrays.copyOf(b.fromClient, n);
        omitted = b.omitted;
        omittedAt = b.omitted > 0 ? b.head : -1;
    }

    public static SegmentLog empty() {
        return new Builder(0, 0).build();
    }

    public int size() { return frame.length; }

    public long frame(int i) { return frame[i]; }

    public long timeNanos(int i) { return timeNanos[i]; }

    public long seq(int i) { return seq[i]; }

    public long ack(int i) { return ack[i]; }

    /** {@code tcp.len} of the segment. */
    public int len(int i) { return len[i]; }

    /** Raw window field. */
    public int window(int i) { return window[i]; }

    /** TCP flag bits as in {@code io.ackwatch.decode.TcpSegment}. */
    public int tcpFlags(int i) { return tcpFlags[i]; }

    /** Mask of {@link TcpAnalysisFlag#bit()} values set on this frame. */
    public int analysis(int i) { return analysis[i]; }

    public boolean has(int i, TcpAnalysisFlag flag) { return flag.in(analysis[i]); }

    public int ttl(int i) { return ttl[i]; }

    public Direction direction(int i) {
        return fromClient[i] ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    public boolean fromClient(int i) { return fromClient[i]; }

    /** Segments dropped from the middle of a long connection; 0 when the log is complete. */
    public long omitted() { return omitted; }

    /** Index before which the omitted segments would stand, -1 when nothing was omitted. */
    public int omittedAt() { return omittedAt; }

    /** Collects segments for one connection; keeps the first {@code head} and a ring of the last {@code tail}. */
    public static final class Builder {
        private final int head;
        private final int tail;
        private long[] frame = new long[8];
        private long[] timeNanos = new long[8];
        private long[] seq = new long[8];
        private long[] ack = new long[8];
        private int[] len = new int[8];
        private int[] window = new int[8];
        private int[] tcpFlags = new int[8];
        private int[] analysis = new int[8];
        private short[] ttl = new short[8];
        private boolean[] fromClient = new boolean[8];
        private int size;
        private long omitted;
        // ring for the tail once the log is full: entries head..head+tail-1, next write at ringNext
        private int ringNext;

        public Builder(int head, int tail) {
            this.head = head;
            this.tail = tail;
        }

        /** Number of entries currently held. */
        public int size() { return size; }

        /** Index of the entry appended last (for setting analysis flags afterwards). */
        public int lastIndex() {
            if (size < head + tail || tail == 0) {
                return size - 1;
            }
            return head + (ringNext + tail - 1) % tail;
        }

        /** Appends one segment; returns its index. Allocates only when the arrays grow (amortised). */
        public int add(long frameNo, long nanos, boolean client, int flags, long relSeq, long relAck, int length,
                int win, int analysisMask, int ipTtl) {
            int i;
            if (size < head + tail) {
                if (size == frame.length) {
                    grow();
                }
                i = size++;
            } else if (tail == 0) {
                omitted++;
                return -1;
            } else {
                i = head + ringNext;
                ringNext = (ringNext + 1) % tail;
                omitted++;
            }
            frame[i] = frameNo;
            timeNanos[i] = nanos;
            fromClient[i] = client;
            tcpFlags[i] = flags;
            seq[i] = relSeq;
            ack[i] = relAck;
            len[i] = length;
            window[i] = win;
            analysis[i] = analysisMask;
            ttl[i] = (short) ipTtl;
            return i;
        }

        /** Adds flag bits to an entry already appended (the index from {@link #add}); ignores -1. */
        public void addAnalysis(int index, int mask) {
            if (index >= 0) {
                analysis[index] |= mask;
            }
        }

        private void grow() {
            int n = Math.min(Math.max(8, frame.length * 2), head + tail);
            frame = Arrays.copyOf(frame, n);
            timeNanos = Arrays.copyOf(timeNanos, n);
            seq = Arrays.copyOf(seq, n);
            ack = Arrays.copyOf(ack, n);
            len = Arrays.copyOf(len, n);
            window = Arrays.copyOf(window, n);
            tcpFlags = Arrays.copyOf(tcpFlags, n);
            analysis = Arrays.copyOf(analysis, n);
            ttl = Arrays.copyOf(ttl, n);
            fromClient = Arrays.copyOf(fromClient, n);
        }

        /** Builds the immutable log, the tail ring unrolled into time order. */
        public SegmentLog build() {
            if (omitted > 0 && ringNext != 0) {
                rotateTail();
            }
            return new SegmentLog(this);
        }

        private void rotateTail() {
            rotate(frame);
            rotate(timeNanos);
            rotate(seq);
            rotate(ack);
            rotateInts(len);
            rotateInts(window);
            rotateInts(tcpFlags);
            rotateInts(analysis);
            short[] t = ttl.clone();
            boolean[] c = fromClient.clone();
            for (int k = 0; k < tail; k++) {
                ttl[head + k] = t[head + (ringNext + k) % tail];
                fromClient[head + k] = c[head + (ringNext + k) % tail];
            }
            ringNext = 0;
        }

        private void rotate(long[] a) {
            long[] copy = a.clone();
            for (int k = 0; k < tail; k++) {
                a[head + k] = copy[head + (ringNext + k) % tail];
            }
        }

        private void rotateInts(int[] a) {
            int[] copy = a.clone();
            for (int k = 0; k < tail; k++) {
                a[head + k] = copy[head + (ringNext + k) % tail];
            }
        }
    }
}

package io.ackwatch.flow;

import java.util.Arrays;
import java.util.Objects;

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
    /*
     * One entry is WORDS longs in a single array, so that a connection's log is one allocation that grows by
     * doubling rather than ten parallel arrays: frame, time, seq, ack, (len << 33 | IPv4 ID + 1 << 16 | window:
     * the ID 0 for IPv6, so that captures of two points can tell identical duplicate ACKs apart), a word of
     * TCP flags (bits 0-15), analysis mask (16-47), TTL + 1 (48-57), timestamps present (61), relayed copy (62) and
     * the direction (63), and the TCP timestamps (TSval << 32 | TSecr).
     */
    static final int WORDS = 7;
    private static final int FRAME = 0;
    private static final int TIME = 1;
    private static final int SEQ = 2;
    private static final int ACK = 3;
    private static final int LEN_WINDOW = 4;
    private static final int BITS = 5;
    private static final int TIMESTAMPS = 6;
    private static final int LEN_SHIFT = 33;
    private static final int IP_ID_SHIFT = 16;
    private static final int ANALYSIS_SHIFT = 16;
    private static final int TTL_SHIFT = 48;
    private static final long FROM_CLIENT = 1L << 63;
    private static final long RELAY_COPY = 1L << 62;
    private static final long HAS_TIMESTAMPS = 1L << 61;

    private final long[] words;
    private final int size;
    private final long omitted;
    private final int omittedAt;

    private SegmentLog(long[] words, int size, long omitted, int omittedAt) {
        this.words = words;
        this.size = size;
        this.omitted = omitted;
        this.omittedAt = omittedAt;
    }

    private static final SegmentLog EMPTY = new SegmentLog(new long[0], 0, 0, -1);

    /** The log without segments, shared by every connection kept without per-segment detail. */
    public static SegmentLog empty() {
        return EMPTY;
    }

    public int size() { return size; }

    public long frame(int i) { return word(i, FRAME); }

    public long timeNanos(int i) { return word(i, TIME); }

    public long seq(int i) { return word(i, SEQ); }

    public long ack(int i) { return word(i, ACK); }

    /** {@code tcp.len} of the segment. */
    public int len(int i) { return (int) (word(i, LEN_WINDOW) >>> LEN_SHIFT); }

    /** Raw window field. */
    public int window(int i) { return (int) (word(i, LEN_WINDOW) & 0xFFFF); }

    /** IPv4 identification ({@code ip.id}), -1 for IPv6 or when not known. */
    public int ipId(int i) { return (int) ((word(i, LEN_WINDOW) >>> IP_ID_SHIFT) & 0x1FFFF) - 1; }

    /** TCP flag bits as in {@code io.ackwatch.decode.TcpSegment}. */
    public int tcpFlags(int i) { return (int) (word(i, BITS) & 0xFFFF); }

    /** Mask of {@link TcpAnalysisFlag#bit()} values set on this frame. */
    public int analysis(int i) { return (int) (word(i, BITS) >>> ANALYSIS_SHIFT); }

    public boolean has(int i, TcpAnalysisFlag flag) { return flag.in(analysis(i)); }

    public int ttl(int i) { return (int) ((word(i, BITS) >>> TTL_SHIFT) & 0x3FF) - 1; }

    public Direction direction(int i) {
        return fromClient(i) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    public boolean fromClient(int i) { return (word(i, BITS) & FROM_CLIENT) != 0; }

    /** True when the segment carried the TCP timestamps option (RFC 7323) with both values. */
    public boolean timestamps(int i) { return (word(i, BITS) & HAS_TIMESTAMPS) != 0; }

    /** The sender's TSval ({@code tcp.options.timestamp.tsval}), unsigned 32 bit; meaningful with timestamps. */
    public long tsval(int i) { return word(i, TIMESTAMPS) >>> 32; }

    /**
     * The TSval of the peer that this segment echoes ({@code tcp.options.timestamp.tsecr}), unsigned 32 bit;
     * meaningful with timestamps.
     */
    public long tsecr(int i) { return word(i, TIMESTAMPS) & 0xFFFFFFFFL; }

    /**
     * True when this frame is a second sighting of the one before it with the same IP packet, relayed by another
     * host on the LAN (see {@link TcpFlow#relayed()}): not a retransmission or duplicate ACK of the sender, even
     * though Wireshark flags it as one.
     */
    public boolean relayCopy(int i) { return (word(i, BITS) & RELAY_COPY) != 0; }

    /** Segments dropped from the middle of a long connection; 0 when the log is complete. */
    public long omitted() { return omitted; }

    /** Index before which the omitted segments would stand, -1 when nothing was omitted. */
    public int omittedAt() { return omittedAt; }

    /** The same log with client and server swapped (the roles turned out other than the first packet said). */
    public SegmentLog flipped() {
        long[] copy = Arrays.copyOf(words, size * WORDS);
        for (int i = 0; i < size; i++) {
            copy[i * WORDS + BITS] ^= FROM_CLIENT;
        }
        return new SegmentLog(copy, size, omitted, omittedAt);
    }

    /** The array may hold more than {@code size} entries (see {@link Builder#build()}). */
    private long word(int i, int field) {
        return words[Objects.checkIndex(i, size) * WORDS + field];
    }

    /** Collects segments for one connection; keeps the first {@code head} and a ring of the last {@code tail}. */
    public static final class Builder {
        private static final int INITIAL_ENTRIES = 16;
        private final int head;
        private final int tail;
        private final Recycler recycler;
        private long[] words;
        /** True once {@link #build()} handed {@link #words} to a log: the next change must copy first. */
        private boolean handedOver;
        /** True while {@link #words} came from the recycler: it is copied out at build and given back later. */
        private boolean recycled;
        private int size;
        private long omitted;
        // ring for the tail once the log is full: entries head..head+tail-1, next write at ringNext
        private int ringNext;

        public Builder(int head, int tail) {
            this(head, tail, null);
        }

        /**
         * A builder that moves to a recycled array when it outgrows its first one and the recycler has one free
         * (see {@link #recycle()}). Only then: the many short connections, and those that never close and so
         * would keep a recycled array until the end of the capture, mostly fit into the first array.
         */
        Builder(int head, int tail, Recycler recycler) {
            this.head = head;
            this.tail = tail;
            this.recycler = recycler;
            this.words = new long[Math.min(INITIAL_ENTRIES, head + tail) * WORDS];
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

        /** Appends one segment without its IP ID; returns its index. */
        public int add(long frameNo, long nanos, boolean client, int flags, long relSeq, long relAck, int length,
                int win, int analysisMask, int ipTtl) {
            return add(frameNo, nanos, client, flags, relSeq, relAck, length, win, analysisMask, ipTtl, -1);
        }

        /** Appends one segment; returns its index. Allocates only when the array grows (amortised). */
        public int add(long frameNo, long nanos, boolean client, int flags, long relSeq, long relAck, int length,
                int win, int analysisMask, int ipTtl, int ipId) {
            int i = size < head + tail && !handedOver && (size + 1) * WORDS <= words.length ? size++ : nextSlow();
            if (i >= 0) {
                int at = i * WORDS;
                long[] w = words;
                w[at + FRAME] = frameNo;
                w[at + TIME] = nanos;
                w[at + SEQ] = relSeq;
                w[at + ACK] = relAck;
                w[at + LEN_WINDOW] = (long) length << LEN_SHIFT | (long) ((ipId + 1) & 0x1FFFF) << IP_ID_SHIFT
                        | (win & 0xFFFF);
                w[at + BITS] = (flags & 0xFFFFL) | (analysisMask & 0xFFFFFFFFL) << ANALYSIS_SHIFT
                        | ((long) ((ipTtl + 1) & 0x3FF)) << TTL_SHIFT | (client ? FROM_CLIENT : 0);
                w[at + TIMESTAMPS] = 0;
            }
            return i;
        }

        /** Sets the TCP timestamps of an entry already appended (the index from {@link #add}); ignores -1. */
        public void timestamps(int index, long tsval, long tsecr) {
            if (index >= 0) {
                if (handedOver) {
                    words = words.clone();
                    handedOver = false;
                }
                words[index * WORDS + BITS] |= HAS_TIMESTAMPS;
                words[index * WORDS + TIMESTAMPS] = tsval << 32 | (tsecr & 0xFFFFFFFFL);
            }
        }

        /**
         * The same for the tracker, which has the frame's own fields in a {@link Packet}: five arguments instead
         * of ten (C1 passes most of them on the stack, once per segment).
         */
        int add(Packet p, boolean client, long relSeq, long relAck, int analysisMask) {
            // the usual case (room left, array not handed over) tested here: C1 would not inline a helper for it
            int i = size < head + tail && !handedOver && (size + 1) * WORDS <= words.length ? size++ : nextSlow();
            if (i >= 0) {
                int at = i * WORDS;
                long[] w = words;
                w[at + FRAME] = p.frame;
                w[at + TIME] = p.now;
                w[at + SEQ] = relSeq;
                w[at + ACK] = relAck;
                w[at + LEN_WINDOW] = (long) p.len << LEN_SHIFT | (long) ((p.ipId + 1) & 0x1FFFF) << IP_ID_SHIFT
                        | (p.window & 0xFFFF);
                boolean timestamps = p.tsval >= 0 && p.tsecr >= 0;
                w[at + BITS] = (p.flags & 0xFFFFL) | (analysisMask & 0xFFFFFFFFL) << ANALYSIS_SHIFT
                        | ((long) ((p.ttl + 1) & 0x3FF)) << TTL_SHIFT | (client ? FROM_CLIENT : 0)
                        | (timestamps ? HAS_TIMESTAMPS : 0);
                w[at + TIMESTAMPS] = timestamps ? p.tsval << 32 | p.tsecr : 0;
            }
            return i;
        }

        /** Index for the next entry when the array must be copied or grown or the tail ring advanced; -1 drops it. */
        private int nextSlow() {
            if (handedOver) {
                words = words.clone();
                handedOver = false;
            }
            if (size < head + tail) {
                if ((size + 1) * WORDS > words.length) {
                    grow();
                }
                return size++;
            }
            omitted++;
            if (tail == 0) {
                return -1;
            }
            int i = head + ringNext;
            if (++ringNext == tail) {
                ringNext = 0;
            }
            return i;
        }

        /** Adds flag bits to an entry already appended (the index from {@link #add}); ignores -1. */
        public void addAnalysis(int index, int mask) {
            if (index >= 0) {
                if (handedOver) {
                    words = words.clone();
                    handedOver = false;
                }
                words[index * WORDS + BITS] |= (mask & 0xFFFFFFFFL) << ANALYSIS_SHIFT;
            }
        }

        /** Marks an entry already appended (the index from {@link #add}) as a relayed copy; ignores -1. */
        public void markRelayCopy(int index) {
            if (index >= 0) {
                if (handedOver) {
                    words = words.clone();
                    handedOver = false;
                }
                words[index * WORDS + BITS] |= RELAY_COPY;
            }
        }

        private void grow() {
            if (recycler != null && !recycled && words.length < Recycler.LOG_ENTRIES * WORDS) {
                long[] reused = recycler.log();
                if (reused != null) {
                    System.arraycopy(words, 0, reused, 0, size * WORDS);
                    words = reused;
                    recycled = true;
                    return;
                }
            }
            int entries = Math.min(Math.max(INITIAL_ENTRIES, words.length / WORDS * 2), head + tail);
            long[] old = words;
            words = Arrays.copyOf(old, entries * WORDS);
            if (recycled) {
                recycled = false;
                recycler.giveLog(old);
            }
        }

        /**
         * Builds the immutable log, the tail ring unrolled into time order. A connection's log is built once,
         * when it ends, so the log takes over the array instead of copying it (the builder copies before any
         * later change).
         */
        public SegmentLog build() {
            if (omitted > 0 && ringNext != 0) {
                long[] ordered = Arrays.copyOf(words, size * WORDS);
                for (int k = 0; k < tail; k++) {
                    System.arraycopy(words, (head + (ringNext + k) % tail) * WORDS, ordered, (head + k) * WORDS,
                            WORDS);
                }
                if (recycled) {
                    recycled = false;
                    recycler.giveLog(words);
                }
                words = ordered;
                ringNext = 0;
            }
            if (recycled) {
                // the recycled array goes to a later connection: the log gets its own copy, of the exact size
                return new SegmentLog(Arrays.copyOf(words, size * WORDS), size, omitted, omitted > 0 ? head : -1);
            }
            handedOver = true;
            return new SegmentLog(words, size, omitted, omitted > 0 ? head : -1);
        }

        /**
         * Gives a recycled array back for a later connection. The builder is finished then: it must not be used
         * again (it fails if it is), while logs built before stay valid.
         */
        void recycle() {
            if (recycled) {
                recycled = false;
                recycler.giveLog(words);
            }
            words = null;
        }
    }
}

package io.ackwatch.flow;

import java.util.Arrays;

/**
 * Open-addressing hash table from a TCP 4-tuple (either orientation) to its current conversation. A lookup
 * first scans {@link #tags}, one int per slot (a fingerprint of the tuple's hash; 0 for a free slot), so a
 * probe sequence stays within a cache line or two; only a slot whose fingerprint matches has its row compared.
 * The row is one cache line of {@link #rows}: the tuple, and the tombstone of a connection emitted early (the
 * stream number and the few facts Wireshark's lookup still uses for a later packet on the same tuple: base
 * sequence numbers, RST/FIN seen), so numbering stays exact. Nothing is allocated per lookup, and slots are
 * never removed.
 *
 * <p>Orientation: endpoint "x" is the smaller of (address, port) of the two, "y" the larger.
 */
final class ConnectionTable {
    /** Longs per row: 64 bytes, so a row compare touches one cache line when the array is aligned so. */
    private static final int ROW = 8;
    private static final int X_HI = 0;
    private static final int X_LO = 1;
    private static final int Y_HI = 2;
    private static final int Y_LO = 3;
    /** IP version << 32 | x port << 16 | y port. */
    private static final int KEY = 4;
    /** Tombstone: stream << 8 | bits. */
    private static final int TOMB = 5;
    private static final int TOMB_BASE_X_AT = 6;
    private static final int TOMB_BASE_Y_AT = 7;

    static final int TOMB_BASE_X = 1;
    static final int TOMB_BASE_Y = 2;
    static final int TOMB_RST = 4;
    static final int TOMB_FIN = 8;
    static final int TOMB_A_IS_X = 16;

    private int capacity = 1024;
    private int used;
    /** Per slot: the tuple's hash with its lowest bit set, 0 when free; the slot index is that hash >>> 1. */
    private int[] tags = new int[capacity];
    private long[] rows = new long[capacity * ROW];
    private Connection[] live = new Connection[capacity];

    /** True when (hi1, lo1, port1) sorts before (hi2, lo2, port2). */
    static boolean before(long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
        if (hi1 != hi2) {
            return Long.compareUnsigned(hi1, hi2) < 0;
        }
        if (lo1 != lo2) {
            return Long.compareUnsigned(lo1, lo2) < 0;
        }
        return port1 < port2;
    }

    /**
     * Slot of the tuple, or {@code -(free slot) - 1} when absent. Arguments must already be oriented
     * (x before y, see {@link #before}).
     */
    int find(int ver, long xh, long xl, int xp, long yh, long yl, int yp) {
        long key = key(ver, xp, yp);
        int tag = hash(key, xh, xl, yh, yl) | 1;
        int mask = capacity - 1;
        int i = (tag >>> 1) & mask;
        for (int t; (t = tags[i]) != 0; i = (i + 1) & mask) {
            if (t == tag) {
                int r = i * ROW;
                long[] row = rows;
                if (row[r + X_LO] == xl && row[r + Y_LO] == yl && row[r + KEY] == key && row[r + X_HI] == xh
                        && row[r + Y_HI] == yh) {
                    return i;
                }
            }
        }
        return -i - 1;
    }

    /** Puts a new tuple into the free slot {@code -find(...)-1}; may grow the table (slots move). */
    void insert(int freeSlot, int ver, long xh, long xl, int xp, long yh, long yl, int yp, Connection c) {
        long key = key(ver, xp, yp);
        tags[freeSlot] = hash(key, xh, xl, yh, yl) | 1;
        int r = freeSlot * ROW;
        rows[r + X_HI] = xh;
        rows[r + X_LO] = xl;
        rows[r + Y_HI] = yh;
        rows[r + Y_LO] = yl;
        rows[r + KEY] = key;
        live[freeSlot] = c;
        used++;
        if (used * 2 > capacity) {
            grow();
        }
    }

    Connection live(int slot) {
        return live[slot];
    }

    void setLive(int slot, Connection c) {
        live[slot] = c;
    }

    int tombStream(int slot) {
        return (int) (rows[slot * ROW + TOMB] >>> 8);
    }

    long tombBaseX(int slot) {
        return rows[slot * ROW + TOMB_BASE_X_AT];
    }

    long tombBaseY(int slot) {
        return rows[slot * ROW + TOMB_BASE_Y_AT];
    }

    int tombBits(int slot) {
        return (int) rows[slot * ROW + TOMB] & 0xff;
    }

    void bury(int slot, int stream, long baseX, long baseY, int bits) {
        live[slot] = null;
        int r = slot * ROW;
        rows[r + TOMB] = (long) stream << 8 | bits & 0xff;
        rows[r + TOMB_BASE_X_AT] = baseX;
        rows[r + TOMB_BASE_Y_AT] = baseY;
    }

    /** Every connection still live (tombstones skipped). */
    void forEachLive(java.util.function.Consumer<Connection> action) {
        for (int i = 0; i < capacity; i++) {
            if (tags[i] != 0 && live[i] != null) {
                action.accept(live[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(tags, 0);
        Arrays.fill(live, null);
        used = 0;
    }

    private static long key(int ver, int xp, int yp) {
        return (long) ver << 32 | (long) (xp & 0xffff) << 16 | yp & 0xffff;
    }

    private static int hash(long key, long xh, long xl, long yh, long yl) {
        long h = xl * 0x9E3779B97F4A7C15L;
        h = (h ^ yl) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ xh ^ (yh << 1)) * 0x165667B19E3779F9L;
        h = (h ^ key ^ (key >>> 24)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 31) ^ (h >>> 47));
    }

    /** Doubles the table; a slot's new place comes from its fingerprint, so no tuple is hashed again. */
    private void grow() {
        int[] oldTags = tags;
        long[] oldRows = rows;
        Connection[] oldLive = live;
        int oldCapacity = capacity;
        capacity *= 2;
        tags = new int[capacity];
        rows = new long[capacity * ROW];
        live = new Connection[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldCapacity; j++) {
            int tag = oldTags[j];
            if (tag == 0) {
                continue;
            }
            int i = (tag >>> 1) & mask;
            while (tags[i] != 0) {
                i = (i + 1) & mask;
            }
            tags[i] = tag;
            System.arraycopy(oldRows, j * ROW, rows, i * ROW, ROW);
            live[i] = oldLive[j];
        }
    }
}

package io.ackwatch.flow;

import java.util.Arrays;

/**
 * Open-addressing hash table from a TCP 4-tuple (either orientation) to its current conversation. Keys live
 * in primitive arrays (no boxed key, nothing allocated per lookup). A slot whose connection was emitted early
 * keeps a tombstone: the stream number and the few facts Wireshark's lookup still uses for a later packet on
 * the same tuple (base sequence numbers, RST/FIN seen), so numbering stays exact. Slots are never removed.
 *
 * <p>Orientation: endpoint "x" is the smaller of (address, port) of the two, "y" the larger.
 */
final class ConnectionTable {
    private int capacity = 1024;
    private int used;
    private int[] version = new int[capacity]; // 0 = free slot
    private long[] xHi = new long[capacity];
    private long[] xLo = new long[capacity];
    private long[] yHi = new long[capacity];
    private long[] yLo = new long[capacity];
    private int[] ports = new int[capacity]; // x port << 16 | y port
    private Connection[] live = new Connection[capacity];
    // tombstones
    private int[] tombStream = new int[capacity];
    private long[] tombBaseX = new long[capacity];
    private long[] tombBaseY = new long[capacity];
    private byte[] tombBits = new byte[capacity];

    static final int TOMB_BASE_X = 1;
    static final int TOMB_BASE_Y = 2;
    static final int TOMB_RST = 4;
    static final int TOMB_FIN = 8;
    static final int TOMB_A_IS_X = 16;

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
        int p = (xp << 16) | yp;
        int mask = capacity - 1;
        int i = hash(ver, xh, xl, yh, yl, p) & mask;
        while (true) {
            int v = version[i];
            if (v == 0) {
                return -i - 1;
            }
            if (v == ver && ports[i] == p && xLo[i] == xl && yLo[i] == yl && xHi[i] == xh && yHi[i] == yh) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Puts a new tuple into the free slot {@code -find(...)-1}; may grow the table (slots move). */
    void insert(int freeSlot, int ver, long xh, long xl, int xp, long yh, long yl, int yp, Connection c) {
        version[freeSlot] = ver;
        xHi[freeSlot] = xh;
        xLo[freeSlot] = xl;
        yHi[freeSlot] = yh;
        yLo[freeSlot] = yl;
        ports[freeSlot] = (xp << 16) | yp;
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
        return tombStream[slot];
    }

    long tombBaseX(int slot) {
        return tombBaseX[slot];
    }

    long tombBaseY(int slot) {
        return tombBaseY[slot];
    }

    int tombBits(int slot) {
        return tombBits[slot];
    }

    void bury(int slot, int stream, long baseX, long baseY, int bits) {
        live[slot] = null;
        tombStream[slot] = stream;
        tombBaseX[slot] = baseX;
        tombBaseY[slot] = baseY;
        tombBits[slot] = (byte) bits;
    }

    /** Every connection still live (tombstones skipped). */
    void forEachLive(java.util.function.Consumer<Connection> action) {
        for (int i = 0; i < capacity; i++) {
            if (version[i] != 0 && live[i] != null) {
                action.accept(live[i]);
            }
        }
    }

    int capacity() {
        return capacity;
    }

    void clear() {
        Arrays.fill(version, 0);
        Arrays.fill(live, null);
        used = 0;
    }

    private static int hash(int ver, long xh, long xl, long yh, long yl, int p) {
        long h = xl * 0x9E3779B97F4A7C15L;
        h = (h ^ yl) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ xh ^ (yh << 1)) * 0x165667B19E3779F9L;
        h = (h ^ p ^ ((long) ver << 40)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 31) ^ (h >>> 47));
    }

    private void grow() {
        int[] oVersion = version;
        long[] oXHi = xHi;
        long[] oXLo = xLo;
        long[] oYHi = yHi;
        long[] oYLo = yLo;
        int[] oPorts = ports;
        Connection[] oLive = live;
        int[] oTombStream = tombStream;
        long[] oTombBaseX = tombBaseX;
        long[] oTombBaseY = tombBaseY;
        byte[] oTombBits = tombBits;
        int oldCapacity = capacity;
        capacity *= 2;
        version = new int[capacity];
        xHi = new long[capacity];
        xLo = new long[capacity];
        yHi = new long[capacity];
        yLo = new long[capacity];
        ports = new int[capacity];
        live = new Connection[capacity];
        tombStream = new int[capacity];
        tombBaseX = new long[capacity];
        tombBaseY = new long[capacity];
        tombBits = new byte[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldCapacity; j++) {
            if (oVersion[j] == 0) {
                continue;
            }
            int i = hash(oVersion[j], oXHi[j], oXLo[j], oYHi[j], oYLo[j], oPorts[j]) & mask;
            while (version[i] != 0) {
                i = (i + 1) & mask;
            }
            version[i] = oVersion[j];
            xHi[i] = oXHi[j];
            xLo[i] = oXLo[j];
            yHi[i] = oYHi[j];
            yLo[i] = oYLo[j];
            ports[i] = oPorts[j];
            live[i] = oLive[j];
            tombStream[i] = oTombStream[j];
            tombBaseX[i] = oTombBaseX[j];
            tombBaseY[i] = oTombBaseY[j];
            tombBits[i] = oTombBits[j];
        }
    }
}

package io.ackwatch.decode;

/**
 * Reassembles IPv4 and IPv6 fragments the way Wireshark does by default ({@code ip.defragment},
 * {@code ipv6.defragment}): the datagram's upper layer is decoded in the frame that completes it, whatever the
 * order the pieces arrived in. The table is bounded (datagrams and buffered bytes); when full, the oldest
 * incomplete datagram is dropped, so a hostile capture cannot grow memory.
 *
 * <p>Allocation happens only for fragmented traffic (a buffer per datagram), which is rare.
 */
final class FragmentTable {
    static final int MAX_DATAGRAMS = 64;
    static final int MAX_BYTES = 256 * 1024;
    /** Distinct byte ranges kept per datagram; a datagram cut into more pieces than this is dropped. */
    static final int MAX_RANGES = 64;
    /** IPv4 offsets reach 65528 and a fragment carries up to 65515 bytes. */
    static final int MAX_DATAGRAM_LENGTH = 1 << 17;

    private final boolean[] used = new boolean[MAX_DATAGRAMS];
    private final long[] age = new long[MAX_DATAGRAMS];
    private final int[] version = new int[MAX_DATAGRAMS];
    private final long[] srcHi = new long[MAX_DATAGRAMS];
    private final long[] srcLo = new long[MAX_DATAGRAMS];
    private final long[] dstHi = new long[MAX_DATAGRAMS];
    private final long[] dstLo = new long[MAX_DATAGRAMS];
    private final long[] ident = new long[MAX_DATAGRAMS];
    private final int[] totalLength = new int[MAX_DATAGRAMS];
    private final byte[][] buffers = new byte[MAX_DATAGRAMS][];
    /** Sorted, merged [start, end) pairs of the bytes received so far. */
    private final int[][] ranges = new int[MAX_DATAGRAMS][];
    private final int[] rangeCount = new int[MAX_DATAGRAMS];
    private long clock;
    private int bufferedBytes;
    private byte[] completed;

    /** Datagrams currently waiting for pieces. */
    int pending() {
        int n = 0;
        for (boolean u : used) {
            if (u) {
                n++;
            }
        }
        return n;
    }

    int bufferedBytes() {
        return bufferedBytes;
    }

    /** The datagram completed by the last {@link #add} that returned a length ≥ 0. */
    byte[] completed() {
        return completed;
    }

    /**
     * Adds one fragment's payload. {@code ident} must distinguish datagrams between the same addresses
     * (IPv4: identification and protocol; IPv6: the fragment header's identification).
     *
     * @return the reassembled payload length when this fragment completes the datagram (bytes in
     *         {@link #completed()} from 0), or -1 while pieces are missing or the datagram was dropped
     */
    int add(int ipVersion, long sHi, long sLo, long dHi, long dLo, long id, int fragOffset, boolean more,
            byte[] src, int srcOffset, int length) {
        int end = fragOffset + length;
        if (length < 0 || end > MAX_DATAGRAM_LENGTH) {
            return -1;
        }
        int slot = find(ipVersion, sHi, sLo, dHi, dLo, id);
        if (slot < 0) {
            slot = allocate(ipVersion, sHi, sLo, dHi, dLo, id);
        }
        age[slot] = ++clock;
        if (!more) {
            totalLength[slot] = end;
        }
        if (!ensureCapacity(slot, end)) {
            return -1;
        }
        System.arraycopy(src, srcOffset, buffers[slot], fragOffset, length);
        if (length > 0 && !addRange(slot, fragOffset, end)) {
            release(slot);
            return -1;
        }
        int total = totalLength[slot];
        boolean complete = total >= 0
                && (total == 0 || (rangeCount[slot] >= 1 && ranges[slot][0] == 0 && ranges[slot][1] >= total));
        if (!complete) {
            return -1;
        }
        completed = buffers[slot];
        release(slot);
        return total;
    }

    private int find(int v, long sHi, long sLo, long dHi, long dLo, long id) {
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            if (used[i] && version[i] == v && ident[i] == id && srcLo[i] == sLo && dstLo[i] == dLo
                    && srcHi[i] == sHi && dstHi[i] == dHi) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(int v, long sHi, long sLo, long dHi, long dLo, long id) {
        int slot = -1;
        for (int i = 0; i < MAX_DATAGRAMS && slot < 0; i++) {
            if (!used[i]) {
                slot = i;
            }
        }
        if (slot < 0) {
            slot = oldest(-1);
            release(slot);
        }
        used[slot] = true;
        version[slot] = v;
        srcHi[slot] = sHi;
        srcLo[slot] = sLo;
        dstHi[slot] = dHi;
        dstLo[slot] = dLo;
        ident[slot] = id;
        totalLength[slot] = -1;
        rangeCount[slot] = 0;
        if (ranges[slot] == null) {
            ranges[slot] = new int[2 * MAX_RANGES];
        }
        return slot;
    }

    private int oldest(int except) {
        int best = -1;
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            if (used[i] && i != except && (best < 0 || age[i] < age[best])) {
                best = i;
            }
        }
        return best;
    }

    private boolean ensureCapacity(int slot, int needed) {
        byte[] old = buffers[slot];
        int have = old == null ? 0 : old.length;
        if (old != null && needed <= have) {
            return true;
        }
        int size = Math.min(MAX_DATAGRAM_LENGTH, Math.max(needed, Math.max(2048, have * 2)));
        if (size > MAX_BYTES) {
            release(slot);
            return false;
        }
        while (bufferedBytes - have + size > MAX_BYTES) {
            int victim = oldest(slot);
            if (victim < 0) {
                release(slot);
                return false;
            }
            release(victim);
        }
        byte[] grown = new byte[size];
        if (old != null) {
            System.arraycopy(old, 0, grown, 0, have);
        }
        buffers[slot] = grown;
        bufferedBytes += size - have;
        return true;
    }

    /** Inserts [start, end) into the slot's sorted range list, merging overlaps and neighbours. */
    private boolean addRange(int slot, int start, int end) {
        int[] r = ranges[slot];
        int n = rangeCount[slot];
        int i = 0;
        while (i < n && r[2 * i + 1] < start) {
            i++;
        }
        int j = i;
        int s = start;
        int e = end;
        while (j < n && r[2 * j] <= end) {
            s = Math.min(s, r[2 * j]);
            e = Math.max(e, r[2 * j + 1]);
            j++;
        }
        int merged = j - i;
        int newCount = n - merged + 1;
        if (newCount > MAX_RANGES) {
            return false;
        }
        // shift the tail so exactly one pair replaces the merged ones
        System.arraycopy(r, 2 * j, r, 2 * (i + 1), 2 * (n - j));
        r[2 * i] = s;
        r[2 * i + 1] = e;
        rangeCount[slot] = newCount;
        return true;
    }

    private void release(int slot) {
        if (!used[slot]) {
            return;
        }
        used[slot] = false;
        if (buffers[slot] != null) {
            bufferedBytes -= buffers[slot].length;
            buffers[slot] = null;
        }
        rangeCount[slot] = 0;
    }
}

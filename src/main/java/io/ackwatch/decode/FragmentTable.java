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
    /** Pieces kept per datagram (duplicates included); a datagram needing more is dropped. */
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
    /** Datagram length from the first piece without "more fragments"; -1 until one arrives. */
    private final int[] totalLength = new int[MAX_DATAGRAMS];
    /** Every piece's bytes, appended in arrival order. */
    private final byte[][] store = new byte[MAX_DATAGRAMS][];
    private final int[] stored = new int[MAX_DATAGRAMS];
    /** (offset, length, position in store) per piece, ordered by offset, equal offsets by arrival. */
    private final int[][] pieces = new int[MAX_DATAGRAMS][];
    private final int[] pieceCount = new int[MAX_DATAGRAMS];
    private long clock;
    private int bufferedBytes;
    private byte[] completed = new byte[0];

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

    /** The datagram completed by the last {@link #add} that returned a length ≥ 0 (reused buffer). */
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
        if (length < 0 || fragOffset + length > MAX_DATAGRAM_LENGTH) {
            return -1;
        }
        int slot = find(ipVersion, sHi, sLo, dHi, dLo, id);
        if (slot < 0) {
            slot = allocate(ipVersion, sHi, sLo, dHi, dLo, id);
        }
        age[slot] = ++clock;
        if (!more && totalLength[slot] < 0) {
            totalLength[slot] = fragOffset + length; // a later, different tail does not move the end
        }
        if (pieceCount[slot] == MAX_RANGES || !ensureCapacity(slot, stored[slot] + length)) {
            release(slot);
            return -1;
        }
        int position = stored[slot];
        System.arraycopy(src, srcOffset, store[slot], position, length);
        stored[slot] += length;
        insertPiece(slot, fragOffset, length, position);
        int total = totalLength[slot];
        if (total < 0 || contiguousEnd(slot) < total) {
            return -1;
        }
        assemble(slot, total);
        release(slot);
        return total;
    }

    /** How far the pieces cover the datagram from byte 0 without a gap (Wireshark's completeness test). */
    private int contiguousEnd(int slot) {
        int[] p = pieces[slot];
        int max = 0;
        for (int i = 0; i < pieceCount[slot]; i++) {
            int offset = p[3 * i];
            int end = offset + p[3 * i + 1];
            if (offset <= max && end > max) {
                max = end;
            }
        }
        return max;
    }

    /**
     * Copies the pieces in offset order; where they overlap, the bytes already placed stay (so the piece with
     * the lower offset, then the earlier arrival, wins, as in Wireshark's reassembly).
     */
    private void assemble(int slot, int total) {
        if (completed.length < total) {
            completed = new byte[Math.max(total, Math.min(MAX_DATAGRAM_LENGTH, completed.length * 2))];
        }
        int[] p = pieces[slot];
        byte[] data = store[slot];
        int filled = 0;
        for (int i = 0; i < pieceCount[slot] && filled < total; i++) {
            int offset = p[3 * i];
            int end = Math.min(total, offset + p[3 * i + 1]);
            if (end > filled) {
                int from = Math.max(offset, filled);
                System.arraycopy(data, p[3 * i + 2] + (from - offset), completed, from, end - from);
                filled = end;
            }
        }
    }

    private void insertPiece(int slot, int offset, int length, int position) {
        int[] p = pieces[slot];
        int n = pieceCount[slot];
        int i = n;
        while (i > 0 && p[3 * (i - 1)] > offset) {
            i--;
        }
        System.arraycopy(p, 3 * i, p, 3 * (i + 1), 3 * (n - i));
        p[3 * i] = offset;
        p[3 * i + 1] = length;
        p[3 * i + 2] = position;
        pieceCount[slot] = n + 1;
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
        stored[slot] = 0;
        pieceCount[slot] = 0;
        if (pieces[slot] == null) {
            pieces[slot] = new int[3 * MAX_RANGES];
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

    /** Makes room for {@code needed} stored bytes, evicting the oldest other datagrams past the byte cap. */
    private boolean ensureCapacity(int slot, int needed) {
        byte[] old = store[slot];
        int have = old == null ? 0 : old.length;
        if (old != null && needed <= have) {
            return true;
        }
        int size = Math.max(needed, Math.max(2048, have * 2));
        if (needed > MAX_BYTES) {
            return false;
        }
        size = Math.min(size, MAX_BYTES);
        while (bufferedBytes - have + size > MAX_BYTES) {
            int victim = oldest(slot);
            if (victim < 0) {
                return false;
            }
            release(victim);
        }
        byte[] grown = new byte[size];
        if (old != null) {
            System.arraycopy(old, 0, grown, 0, stored[slot]);
        }
        store[slot] = grown;
        bufferedBytes += size - have;
        return true;
    }

    private void release(int slot) {
        if (!used[slot]) {
            return;
        }
        used[slot] = false;
        if (store[slot] != null) {
            bufferedBytes -= store[slot].length;
            store[slot] = null;
        }
        stored[slot] = 0;
        pieceCount[slot] = 0;
    }
}

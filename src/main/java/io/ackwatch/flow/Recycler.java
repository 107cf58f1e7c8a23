package io.ackwatch.flow;

/**
 * Per-connection buffers of emitted connections, kept for the connections that start later. Every job
 * connection used to allocate (and so zero) a stream tail ring and a segment-log array and grow them by
 * copying; a tracker sees tens of thousands of connections one after the other, so a few buffers handed from
 * finished connections to new ones save most of that. One per tracker, used on the reading thread only.
 *
 * <p>A recycled buffer still holds the bytes of its previous connection. The users only ever read positions
 * they wrote themselves: {@link SegmentLog.Builder} copies its first {@code size} entries out at build,
 * {@link StreamAssembler} reads only bytes it stored (see its {@code sample}). Pools are small and bounded;
 * when one is empty the user allocates as before, and what does not fit back is left to the collector.
 */
final class Recycler {
    /** Entries of a recycled segment-log array: most printer connections need fewer, longer ones grow out of it. */
    static final int LOG_ENTRIES = 1024;
    /**
     * Buffers of each kind kept (and log arrays made). The benchmark capture has up to 20 detailed connections
     * not yet judged at a time (closed ones wait a second or three); connections that never close keep theirs to the
     * end.
     */
    private static final int KEEP = 32;

    private final int headBytes;
    private final int tailBytes;
    private final byte[][] heads = new byte[KEEP][];
    private int headCount;
    private int headsMade;
    private final byte[][] rings = new byte[KEEP][];
    private int ringCount;
    private final long[][] logs = new long[KEEP][];
    private int logCount;
    private int logsMade;

    Recycler(int headBytes, int tailBytes) {
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
    }

    /**
     * A head buffer of {@code headBytes}, or null when none is free. Like the log arrays, the first {@value #KEEP}
     * are made here: short streams grow their own heads to less than full size, which never come back, so
     * without these a capture of short connections would never have a head to reuse.
     */
    byte[] head() {
        if (headCount == 0) {
            if (headsMade == KEEP || headBytes == 0) {
                return null;
            }
            headsMade++;
            return new byte[headBytes];
        }
        return take(heads, --headCount);
    }

    /** A tail ring of {@code tailBytes}, or null when none is free. */
    byte[] ring() {
        return ringCount == 0 ? null : take(rings, --ringCount);
    }

    /**
     * A segment-log array of {@link #LOG_ENTRIES} entries, or null when none is free. Logs take copies of these
     * arrays, so they come back only from their builders: the recycler makes the first {@value #KEEP} itself.
     */
    long[] log() {
        if (logCount == 0) {
            if (logsMade == KEEP) {
                return null;
            }
            logsMade++;
            return new long[LOG_ENTRIES * SegmentLog.WORDS];
        }
        long[] a = logs[--logCount];
        logs[logCount] = null;
        return a;
    }

    void giveHead(byte[] buffer) {
        if (buffer.length == headBytes && headBytes > 0 && headCount < KEEP) {
            heads[headCount++] = buffer;
        }
    }

    void giveRing(byte[] buffer) {
        if (buffer.length == tailBytes && tailBytes > 0 && ringCount < KEEP) {
            rings[ringCount++] = buffer;
        }
    }

    void giveLog(long[] words) {
        if (words.length == LOG_ENTRIES * SegmentLog.WORDS && logCount < KEEP) {
            logs[logCount++] = words;
        }
    }

    private static byte[] take(byte[][] pool, int i) {
        byte[] b = pool[i];
        pool[i] = null;
        return b;
    }
}

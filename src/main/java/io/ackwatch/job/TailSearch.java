package io.ackwatch.job;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The last occurrence of each of a few byte strings near the end of an array, found in one backward pass.
 * Every printer connection's tail is searched for a job's end markers; one pass that tests each byte against
 * all markers' first bytes at once (and stops once every marker was seen) costs a fraction of one full scan
 * per marker.
 */
final class TailSearch {
    /** Folds ASCII lower-case letters to upper case, every other byte to itself. */
    private static final byte[] UPPER = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            UPPER[c] = (byte) Text.upper(c);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** More distinct first bytes than this are tested byte by byte: a word test would cost more than it saves. */
    private static final int MAX_WORD_PATTERNS = 4;

    private final byte[][] needles;
    private final boolean[] ignoreCase;
    /** For each byte value, the needles (bit i for needle i) that may start with it. */
    private final int[] startingWith = new int[256];
    /** Each byte some needle may start with, repeated in all eight bytes of a long; null when too many. */
    private final long[] firstBytePatterns;

    /** A string to look for; ASCII letters compared without case when {@code ignoreCase}. */
    record Needle(byte[] bytes, boolean ignoreCase) {
        Needle {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty needle");
            }
        }
    }

    TailSearch(Needle... needles) {
        if (needles.length > 31) {
            throw new IllegalArgumentException("at most 31 needles");
        }
        this.needles = new byte[needles.length][];
        this.ignoreCase = new boolean[needles.length];
        for (int i = 0; i < needles.length; i++) {
            this.needles[i] = needles[i].bytes();
            this.ignoreCase[i] = needles[i].ignoreCase();
            int first = needles[i].bytes()[0] & 0xff;
            for (int c = 0; c < 256; c++) {
                if (c == first || needles[i].ignoreCase() && UPPER[c] == UPPER[first]) {
                    startingWith[c] |= 1 << i;
                }
            }
        }
        long[] patterns = new long[256];
        int distinct = 0;
        for (int c = 0; c < 256; c++) {
            if (startingWith[c] != 0) {
                patterns[distinct++] = LOW_BITS * c;
            }
        }
        this.firstBytePatterns = distinct <= MAX_WORD_PATTERNS ? Arrays.copyOf(patterns, distinct) : null;
    }

    int size() {
        return needles.length;
    }

    /**
     * Sets {@code found[i]} to the last index at or after {@code from} where needle {@code i} occurs whole in
     * {@code hay}, or -1; the same answers as one {@link Text#lastIndexOf} per needle.
     */
    void lastIndices(byte[] hay, int from, int[] found) {
        int pending = (1 << needles.length) - 1;
        for (int i = 0; i < needles.length; i++) {
            found[i] = -1;
        }
        int stop = Math.max(0, from);
        int i = hay.length - 1;
        long[] patterns = firstBytePatterns; // locals: the launcher runs the client compiler
        if (patterns != null) {
            // eight bytes at a time: print data rarely holds a marker's first byte, so most words are skipped
            while (pending != 0 && i - 7 >= stop) {
                long word = (long) LONGS.get(hay, i - 7);
                if (holdsAny(word, patterns)) {
                    for (int k = i; k > i - 8 && pending != 0; k--) {
                        pending = test(hay, k, pending, found);
                    }
                }
                i -= 8;
            }
        }
        for (; i >= stop && pending != 0; i--) {
            pending = test(hay, i, pending, found);
        }
    }

    /** Records the needles that occur at {@code i} among the pending ones; returns those still pending. */
    private int test(byte[] hay, int i, int pending, int[] found) {
        int candidates = startingWith[hay[i] & 0xff] & pending;
        while (candidates != 0) {
            int n = Integer.numberOfTrailingZeros(candidates);
            candidates &= candidates - 1;
            if (matchesAt(hay, i, n)) {
                found[n] = i;
                pending &= ~(1 << n);
            }
        }
        return pending;
    }

    /** True when some byte of {@code word} equals the byte repeated in one of {@code patterns}. */
    private static boolean holdsAny(long word, long[] patterns) {
        for (long pattern : patterns) {
            long x = word ^ pattern; // a zero byte where word holds the pattern's byte
            if (((x - LOW_BITS) & ~x & HIGH_BITS) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(byte[] hay, int at, int n) {
        byte[] needle = needles[n];
        if (at > hay.length - needle.length) {
            return false;
        }
        if (ignoreCase[n]) {
            for (int j = 1; j < needle.length; j++) {
                if (UPPER[hay[at + j] & 0xff] != UPPER[needle[j] & 0xff]) {
                    return false;
                }
            }
        } else {
            for (int j = 1; j < needle.length; j++) {
                if (hay[at + j] != needle[j]) {
                    return false;
                }
            }
        }
        return true;
    }
}

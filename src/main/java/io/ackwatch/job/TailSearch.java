package io.ackwatch.job;

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

    private final byte[][] needles;
    private final boolean[] ignoreCase;
    /** For each byte value, the needles (bit i for needle i) that may start with it. */
    private final int[] startingWith = new int[256];

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
        // locals and a bare inner loop over bytes no needle starts with: the launcher runs the client
        // compiler, which neither keeps fields in registers nor hoists the other tests out of the loop
        int[] table = startingWith;
        int stop = Math.max(0, from);
        for (int i = hay.length - 1; pending != 0; i--) {
            // four bytes a step while none of them can start a needle (most of a tail), then byte by byte
            while (i - 3 >= stop && (table[hay[i] & 0xff] | table[hay[i - 1] & 0xff] | table[hay[i - 2] & 0xff]
                    | table[hay[i - 3] & 0xff]) == 0) {
                i -= 4;
            }
            while (i >= stop && table[hay[i] & 0xff] == 0) {
                i--;
            }
            if (i < stop) {
                break;
            }
            int candidates = table[hay[i] & 0xff] & pending;
            while (candidates != 0) {
                int n = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (Text.matchesAt(hay, i, needles[n], ignoreCase[n])) {
                    found[n] = i;
                    pending &= ~(1 << n);
                }
            }
        }
    }
}

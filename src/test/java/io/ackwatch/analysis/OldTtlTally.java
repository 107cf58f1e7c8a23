package io.ackwatch.analysis;

// The implementation as it was before the judging speed work (commit 7073eb5): the reference FlowFactsTest
// checks the faster one against.

import java.util.Arrays;

/**
 * Counts the TTLs of one side's non-RST segments, fed during {@link OldFlowFacts}' single pass over the log, and
 * tells the most frequent; of equally frequent ones, the one seen first. A side rarely shows more than two
 * TTLs, so a linear search over a small array beats a boxed map.
 */
final class OldTtlTally {
    /** Distinct values in the order first seen, and how often each came. */
    private int[] values = new int[4];
    private int[] counts = new int[4];
    private int distinct;

    void add(int ttl) {
        for (int k = 0; k < distinct; k++) {
            if (values[k] == ttl) {
                counts[k]++;
                return;
            }
        }
        if (distinct == values.length) {
            values = Arrays.copyOf(values, distinct * 2);
            counts = Arrays.copyOf(counts, distinct * 2);
        }
        values[distinct] = ttl;
        counts[distinct++] = 1;
    }

    /** The most frequent value (the first seen among equals), -1 when none was added. */
    int usual() {
        int best = -1;
        for (int k = 0; k < distinct; k++) {
            if (best < 0 || counts[k] > counts[best]) {
                best = k;
            }
        }
        return best < 0 ? -1 : values[best];
    }
}

package io.ackwatch.flow;

import java.util.Arrays;

/**
 * Measures, for one sending direction, the time from each data segment's first transmission to the first
 * acknowledgement from the peer that covers it, and remembers the oldest segment never acknowledged.
 *
 * <p>Memory is bounded: outstanding first transmissions sit in a primitive FIFO capped at
 * {@value #MAX_OUTSTANDING} (later ones are not timed while it is full; the oldest stays, so the first
 * unacknowledged frame stays right); delays are kept exactly up to {@value #MAX_SAMPLES} samples, then folded
 * into a log-linear histogram (16 buckets per power of two, under 4.5 % error on median and p95).
 */
final class AckDelayTracker {
    static final int MAX_OUTSTANDING = 10_000;
    static final int MAX_SAMPLES = 8192;
    private static final int SUB_BUCKETS = 16;

    /** Shared by every tracker until it sees data: most directions (a printer's replies) never do. */
    private static final long[] NONE = new long[0];

    // FIFO of first transmissions: sequence end (32 bit), time, frame
    private long[] end = NONE;
    private long[] sentNanos = NONE;
    private long[] frame = NONE;
    private int head;
    private int count;

    private long[] samples = NONE;
    private int sampleCount;
    private long[] histogram; // null until the sample array overflows
    private long totalSamples;
    private long maxNanos;

    /** A segment that carries new data (it advanced the highest sequence number sent). */
    void sent(long end32, long nanos, long frameNo) {
        if (count == MAX_OUTSTANDING) {
            return;
        }
        if (count == end.length) {
            grow();
        }
        int i = head + count;
        if (i >= end.length) {
            i -= end.length; // not %: an integer division per segment costs more than the rest of this method
        }
        end[i] = end32;
        sentNanos[i] = nanos;
        frame[i] = frameNo;
        count++;
    }

    /** An acknowledgement number from the peer (ACK bit set). */
    void acknowledged(long ack32, long nanos) {
        while (count > 0 && Seq32.ge(ack32, end[head])) {
            record(Math.max(0, nanos - sentNanos[head]));
            if (++head == end.length) {
                head = 0;
            }
            count--;
        }
    }

    /** Frame of the oldest data segment no acknowledgement has covered, 0 when none. */
    long firstUnackedFrame() {
        return count == 0 ? 0 : frame[head];
    }

    AckDelayStats stats() {
        if (totalSamples == 0) {
            return AckDelayStats.NONE;
        }
        int n = (int) Math.min(Integer.MAX_VALUE, totalSamples);
        if (histogram == null) {
            // Two order statistics, not a sorted copy: selection is linear, and the samples' order means nothing
            // (they are only ever appended, or folded into the histogram), so it works on them in place.
            int median = rank(0.5, sampleCount);
            int p95 = rank(0.95, sampleCount);
            select(samples, 0, sampleCount, median);
            select(samples, median, sampleCount, p95);
            return new AckDelayStats(n, samples[median], samples[p95], maxNanos);
        }
        return new AckDelayStats(n, Math.min(maxNanos, fromHistogram(0.5)), Math.min(maxNanos, fromHistogram(0.95)),
                maxNanos);
    }

    /**
     * Puts the value of rank {@code k} (0-based) among {@code a[from, to)} at {@code a[k]}, with no greater
     * value before it and no smaller one after it (quickselect, median-of-three pivots; a range that keeps
     * partitioning badly is sorted instead, so it never goes quadratic).
     */
    static void select(long[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, to - from)));
        while (hi > lo) {
            if (hi - lo < 16 || budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long pivot = medianOf(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between equals the pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long medianOf(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    /** Nearest-rank percentile index (0-based) in n sorted values. */
    private static int rank(double p, int n) {
        return Math.max(0, (int) Math.ceil(p * n) - 1);
    }

    private void record(long delay) {
        totalSamples++;
        maxNanos = Math.max(maxNanos, delay);
        if (histogram == null) {
            if (sampleCount < MAX_SAMPLES) {
                if (sampleCount == samples.length) {
                    samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, Math.max(4, samples.length * 2)));
                }
                samples[sampleCount++] = delay;
                return;
            }
            histogram = new long[64 * SUB_BUCKETS];
            for (int i = 0; i < sampleCount; i++) {
                histogram[bucket(samples[i])]++;
            }
            samples = null;
        }
        histogram[bucket(delay)]++;
    }

    private long fromHistogram(double p) {
        long target = Math.max(1, (long) Math.ceil(p * totalSamples));
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= target) {
                return bucketMid(b);
            }
        }
        return maxNanos;
    }

    private static int bucket(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= 4
        int sub = (int) ((v >>> (exp - 4)) & (SUB_BUCKETS - 1));
        return (exp - 3) * SUB_BUCKETS + sub;
    }

    private static long bucketMid(int b) {
        if (b < SUB_BUCKETS) {
            return b;
        }
        int exp = b / SUB_BUCKETS + 3;
        int sub = b % SUB_BUCKETS;
        long low = (1L << exp) + ((long) sub << (exp - 4));
        return low + ((1L << (exp - 4)) >> 1);
    }

    private void grow() {
        int n = Math.min(MAX_OUTSTANDING, Math.max(4, end.length * 2));
        long[] e = new long[n];
        long[] t = new long[n];
        long[] f = new long[n];
        for (int k = 0; k < count; k++) {
            int i = (head + k) % end.length;
            e[k] = end[i];
            t[k] = sentNanos[i];
            f[k] = frame[i];
        }
        end = e;
        sentNanos = t;
        frame = f;
        head = 0;
    }
}

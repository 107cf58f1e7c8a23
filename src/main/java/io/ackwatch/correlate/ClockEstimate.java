package io.ackwatch.correlate;

/**
 * How the downstream capture's clock relates to the upstream one's, estimated from packets matched at both
 * points: {@code downstream time = upstream time + offset + drift × (upstream time − reference)}.
 *
 * <p>The offset comes from the smallest one-way delay seen in each direction (the packets that queued least):
 * {@code offset = (min(down − up) forward − min(up − down) back) / 2}. That assumes the fastest packet takes as long
 * each way; a path slower one way shifts the offset by half the difference, which the round trip between the
 * points bounds ({@link #roundTripNanos()}). The drift is the change of that offset between the first and the
 * second half of the matched packets, in parts per million.
 *
 * @param offsetNanos downstream clock minus upstream clock at {@code referenceNanos}
 * @param driftPpm how fast the downstream clock runs ahead, microseconds per second
 * @param referenceNanos upstream time at which the offset holds (the first matched packet)
 * @param minOneWayNanos smallest one-way delay between the points, the same each way by assumption
 * @param roundTripNanos smallest forward plus smallest return delay: independent of the clocks
 * @param samples packets matched without ambiguity that the estimate used
 */
public record ClockEstimate(long offsetNanos, double driftPpm, long referenceNanos, long minOneWayNanos,
        long roundTripNanos, int samples) {

    /** No packet matched both ways: the clocks are taken to agree. */
    public static final ClockEstimate NONE = new ClockEstimate(0, 0, 0, 0, 0, 0);

    /** The offset at upstream time {@code upstreamNanos}, drift included. */
    public long offsetAt(long upstreamNanos) {
        return offsetNanos + Math.round(driftPpm * 1e-6 * (upstreamNanos - referenceNanos));
    }

    /** A downstream timestamp on the upstream clock. */
    public long toUpstream(long downstreamNanos) {
        return downstreamNanos - offsetAt(downstreamNanos - offsetNanos);
    }

    public boolean known() {
        return samples > 0;
    }

    /**
     * The estimate from packets seen once at each point: {@code forward} (client → printer) and {@code back}
     * pairs of (upstream time, downstream time).
     */
    static ClockEstimate fit(java.util.List<long[]> forward, java.util.List<long[]> back) {
        if (forward.isEmpty() || back.isEmpty()) {
            return NONE;
        }
        long minForward = minDelay(forward, true);
        long minBack = minDelay(back, false);
        long offset = (minForward - minBack) / 2;
        long reference = Math.min(firstUp(forward), firstUp(back));
        double drift = 0;
        java.util.List<long[]> all = new java.util.ArrayList<>(forward);
        all.addAll(back);
        all.sort(java.util.Comparator.comparingLong(p -> p[0]));
        long median = all.get(all.size() / 2)[0];
        java.util.List<long[]> f1 = before(forward, median, true);
        java.util.List<long[]> f2 = before(forward, median, false);
        java.util.List<long[]> b1 = before(back, median, true);
        java.util.List<long[]> b2 = before(back, median, false);
        if (!f1.isEmpty() && !f2.isEmpty() && !b1.isEmpty() && !b2.isEmpty()) {
            double t1 = mean(f1, b1, reference);
            double t2 = mean(f2, b2, reference);
            if (t2 - t1 >= 1e9) { // over less than a second the delays' jitter would pass for drift
                double o1 = (minDelay(f1, true) - minDelay(b1, false)) / 2.0;
                double o2 = (minDelay(f2, true) - minDelay(b2, false)) / 2.0;
                drift = (o2 - o1) / (t2 - t1) * 1e6;
                offset = Math.round(o1 - drift * 1e-6 * t1);
            }
        }
        return new ClockEstimate(offset, drift, reference, (minForward + minBack) / 2, minForward + minBack,
                forward.size() + back.size());
    }

    private static long minDelay(java.util.List<long[]> pairs, boolean forward) {
        long min = Long.MAX_VALUE;
        for (long[] p : pairs) {
            min = Math.min(min, forward ? p[1] - p[0] : p[0] - p[1]);
        }
        return min;
    }

    private static long firstUp(java.util.List<long[]> pairs) {
        return pairs.stream().mapToLong(p -> p[0]).min().orElse(0);
    }

    private static java.util.List<long[]> before(java.util.List<long[]> pairs, long split, boolean first) {
        return pairs.stream().filter(p -> p[0] < split == first).toList();
    }

    /** Mean upstream time after {@code reference} (epoch nanoseconds would overflow a long sum). */
    private static double mean(java.util.List<long[]> a, java.util.List<long[]> b, long reference) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).mapToDouble(p -> p[0] - reference).average()
                .orElse(0);
    }
}

package io.ackwatch.analysis;

import io.ackwatch.flow.AckDelayStats;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * ACK delays of the client's data as this capture shows them: from a segment's first transmission to the first
 * server ACK covering it, for segments acknowledged without a retransmission in between (loss recovery is other
 * rules' business, and a cumulative ACK held back by a hole measures the hole). Falls back to the flow stage's {@link AckDelayStats} when there is no segment log.
 */
public record AckDelays(int count, long medianNanos, long p95Nanos, long maxNanos, DataSegment slowest) {

    /** Computes the delays; rules ask {@link FlowFacts#ackDelays()}, which computes them once per connection. */
    static AckDelays of(FlowFacts facts) {
        long[] recoveries = facts.clientRecoveryNanos();
        ArrayList<DataSegment> data = facts.dataList(true);
        long[] delays = new long[data.size()];
        int count = 0;
        DataSegment slowest = null;
        for (int i = 0; i < data.size(); i++) {
            DataSegment d = data.get(i);
            long delay = d.ackDelayNanos();
            if (delay >= 0 && !d.retransmittedBeforeAck() && !heldBack(recoveries, d)) {
                delays[count++] = delay;
                if (slowest == null || delay > slowest.ackDelayNanos()) {
                    slowest = d;
                }
            }
        }
        if (count == 0 && !facts.hasLog()) {
            AckDelayStats s = facts.flow().ackDelay();
            return new AckDelays(s.count(), s.medianNanos(), s.p95Nanos(), s.maxNanos(), null);
        }
        if (count == 0) {
            return new AckDelays(0, 0, 0, 0, null);
        }
        Arrays.sort(delays, 0, count);
        return new AckDelays(count, percentile(delays, count, 50), percentile(delays, count, 95), delays[count - 1],
                slowest);
    }

    /**
     * True when some resend or late hole-filler arrived between the segment and its ACK: a cumulative ACK waits
     * for the hole, so that delay measures the loss, not the receiver.
     */
    private static boolean heldBack(long[] recoveries, DataSegment d) {
        if (recoveries.length <= 8) {
            // the same question for a few values: is there one in (sent, acknowledged]?
            for (long r : recoveries) {
                if (r > d.ackNanos()) {
                    return false;
                }
                if (r > d.nanos()) {
                    return true;
                }
            }
            return false;
        }
        int k = Arrays.binarySearch(recoveries, d.nanos() + 1);
        int from = k >= 0 ? k : -k - 1;
        return from < recoveries.length && recoveries[from] <= d.ackNanos();
    }

    /** The same numbers as the flow stage's statistics type, which the reports read. */
    public AckDelayStats stats() {
        return count == 0 ? AckDelayStats.NONE : new AckDelayStats(count, medianNanos, p95Nanos, maxNanos);
    }

    public boolean present() {
        return count > 0;
    }

    /** Nearest-rank percentile of the first {@code count} sorted values. */
    static long percentile(long[] sorted, int count, int p) {
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, rank - 1)];
    }
}

package io.ackwatch.analysis;

import io.ackwatch.flow.AckDelayStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ACK delays of the client's data as this capture shows them: from a segment's first transmission to the first
 * server ACK covering it, for segments acknowledged without a retransmission (loss recovery is other rules'
 * business). Falls back to the flow stage's {@link AckDelayStats} when there is no segment log.
 */
public record AckDelays(int count, long medianNanos, long p95Nanos, long maxNanos, DataSegment slowest) {

    public static AckDelays of(FlowFacts facts) {
        List<Long> delays = new ArrayList<>();
        DataSegment slowest = null;
        for (DataSegment d : facts.clientData()) {
            long delay = d.ackDelayNanos();
            if (delay >= 0 && !d.retransmittedBeforeAck()) {
                delays.add(delay);
                if (slowest == null || delay > slowest.ackDelayNanos()) {
                    slowest = d;
                }
            }
        }
        if (delays.isEmpty()) {
            AckDelayStats s = facts.flow().ackDelay();
            return new AckDelays(s.count(), s.medianNanos(), s.p95Nanos(), s.maxNanos(), null);
        }
        Collections.sort(delays);
        return new AckDelays(delays.size(), percentile(delays, 50), percentile(delays, 95),
                delays.get(delays.size() - 1), slowest);
    }

    public boolean present() {
        return count > 0;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

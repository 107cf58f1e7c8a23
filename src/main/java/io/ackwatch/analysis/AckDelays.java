package io.ackwatch.analysis;

import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ACK delays of the client's data as this capture shows them: from a segment's first transmission to the first
 * server ACK covering it, for segments acknowledged without a retransmission in between (loss recovery is other
 * rules' business, and a cumulative ACK held back by a hole measures the hole). Falls back to the flow stage's {@link AckDelayStats} when there is no segment log.
 */
public record AckDelays(int count, long medianNanos, long p95Nanos, long maxNanos, DataSegment slowest) {

    public static AckDelays of(FlowFacts facts) {
        List<Long> recoveries = new ArrayList<>();
        for (TcpAnalysisFlag f : new TcpAnalysisFlag[] {TcpAnalysisFlag.RETRANSMISSION, TcpAnalysisFlag.OUT_OF_ORDER}) {
            for (int i : facts.flagged(true, f)) {
                recoveries.add(facts.log().timeNanos(i));
            }
        }
        Collections.sort(recoveries);
        List<Long> delays = new ArrayList<>();
        DataSegment slowest = null;
        for (DataSegment d : facts.clientData()) {
            long delay = d.ackDelayNanos();
            if (delay >= 0 && !d.retransmittedBeforeAck() && !heldBack(recoveries, d)) {
                delays.add(delay);
                if (slowest == null || delay > slowest.ackDelayNanos()) {
                    slowest = d;
                }
            }
        }
        if (delays.isEmpty() && !facts.hasLog()) {
            AckDelayStats s = facts.flow().ackDelay();
            return new AckDelays(s.count(), s.medianNanos(), s.p95Nanos(), s.maxNanos(), null);
        }
        if (delays.isEmpty()) {
            return new AckDelays(0, 0, 0, 0, null);
        }
        Collections.sort(delays);
        return new AckDelays(delays.size(), percentile(delays, 50), percentile(delays, 95),
                delays.get(delays.size() - 1), slowest);
    }

    /**
     * True when some resend or late hole-filler arrived between the segment and its ACK: a cumulative ACK waits
     * for the hole, so that delay measures the loss, not the receiver.
     */
    private static boolean heldBack(List<Long> recoveries, DataSegment d) {
        int k = Collections.binarySearch(recoveries, d.nanos() + 1);
        int from = k >= 0 ? k : -k - 1;
        return from < recoveries.size() && recoveries.get(from) <= d.ackNanos();
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

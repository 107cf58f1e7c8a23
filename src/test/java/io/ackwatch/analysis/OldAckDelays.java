package io.ackwatch.analysis;

// The implementation as it was before the judging speed work (commit 7073eb5): the reference FlowFactsTest
// checks the faster one against.

import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.Arrays;
import java.util.List;

/**
 * ACK delays of the client's data as this capture shows them: from a segment's first transmission to the first
 * server ACK covering it, for segments acknowledged without a retransmission in between (loss recovery is other
 * rules' business, and a cumulative ACK held back by a hole measures the hole). Falls back to the flow stage's {@link AckDelayStats} when there is no segment log.
 */
record OldAckDelays(int count, long medianNanos, long p95Nanos, long maxNanos, OldDataSegment slowest) {

    /** Computes the delays; rules ask {@link OldFlowFacts#ackDelays()}, which computes them once per connection. */
    static OldAckDelays of(OldFlowFacts facts) {
        long[] recoveries = recoveries(facts);
        List<OldDataSegment> data = facts.clientData();
        long[] delays = new long[data.size()];
        int count = 0;
        OldDataSegment slowest = null;
        for (int i = 0; i < data.size(); i++) {
            OldDataSegment d = data.get(i);
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
            return new OldAckDelays(s.count(), s.medianNanos(), s.p95Nanos(), s.maxNanos(), null);
        }
        if (count == 0) {
            return new OldAckDelays(0, 0, 0, 0, null);
        }
        Arrays.sort(delays, 0, count);
        return new OldAckDelays(count, percentile(delays, count, 50), percentile(delays, count, 95), delays[count - 1],
                slowest);
    }

    /** Times of the client's resends and out-of-order segments (copies left out), sorted. */
    private static long[] recoveries(OldFlowFacts facts) {
        int mask = TcpAnalysisFlag.RETRANSMISSION.bit() | TcpAnalysisFlag.OUT_OF_ORDER.bit();
        SegmentLog log = facts.log();
        long[] out = new long[log.size()];
        int n = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.fromClient(i) && (log.analysis(i) & mask) != 0 && !facts.isCopy(i)) {
                out[n++] = log.timeNanos(i);
            }
        }
        Arrays.sort(out, 0, n);
        return Arrays.copyOf(out, n);
    }

    /**
     * True when some resend or late hole-filler arrived between the segment and its ACK: a cumulative ACK waits
     * for the hole, so that delay measures the loss, not the receiver.
     */
    private static boolean heldBack(long[] recoveries, OldDataSegment d) {
        if (recoveries.length == 0) {
            return false;
        }
        int k = Arrays.binarySearch(recoveries, d.nanos() + 1);
        int from = k >= 0 ? k : -k - 1;
        return from < recoveries.length && recoveries[from] <= d.ackNanos();
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

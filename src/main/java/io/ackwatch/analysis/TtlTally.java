package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import java.util.HashMap;
import java.util.Map;

/**
 * The TTL a side's non-RST segments carry most often. A side rarely shows more than two TTLs, so they are
 * tallied in two small arrays instead of a boxed map; ties go to the value a {@code HashMap<Integer, Integer>}
 * count would have returned first, which is how this was first written and what the reports were checked with.
 */
final class TtlTally {
    /** A HashMap keeps its 16 buckets up to this many keys; beyond it the tie order changes, so use the map. */
    private static final int SMALL = 12;

    private TtlTally() {}

    static int usual(SegmentLog log, boolean fromClient) {
        int[] values = new int[SMALL];
        int[] counts = new int[SMALL];
        int distinct = 0;
        for (int i = 0; i < log.size(); i++) {
            if (!counts(log, i, fromClient)) {
                continue;
            }
            int ttl = log.ttl(i);
            int k = 0;
            while (k < distinct && values[k] != ttl) {
                k++;
            }
            if (k == distinct) {
                if (distinct == SMALL) {
                    return byMap(log, fromClient);
                }
                values[distinct++] = ttl;
            }
            counts[k]++;
        }
        // HashMap order for small Integer keys: bucket (key & 15), then insertion; Stream.max keeps the first
        // of equal counts
        int best = -1;
        for (int bucket = 0; bucket < 16; bucket++) {
            for (int k = 0; k < distinct; k++) {
                if ((values[k] & 15) == bucket && (best < 0 || counts[k] > counts[best])) {
                    best = k;
                }
            }
        }
        return best < 0 ? -1 : values[best];
    }

    private static boolean counts(SegmentLog log, int i, boolean fromClient) {
        return log.fromClient(i) == fromClient && (log.tcpFlags(i) & TcpSegment.RST) == 0 && log.ttl(i) >= 0;
    }

    private static int byMap(SegmentLog log, boolean fromClient) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            if (counts(log, i, fromClient)) {
                counts.merge(log.ttl(i), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }
}

package io.ackwatch.verdict;

import java.util.List;

/**
 * Per printer: connections by verdict and when trouble started.
 *
 * @param address printer address as text
 * @param ports server ports seen, ascending
 * @param firstDegradedNanos start of the first degraded connection, -1 when none
 * @param firstFailedNanos start of the first failed connection, -1 when none
 * @param timeline every connection in start order
 */
public record PrinterSummary(
        String address,
        List<Integer> ports,
        int flows,
        int ok,
        int degraded,
        int failed,
        long firstDegradedNanos,
        long firstFailedNanos,
        List<TimelineEntry> timeline) {

    public PrinterSummary {
        ports = List.copyOf(ports);
        timeline = List.copyOf(timeline);
    }
}

package io.ackwatch.verdict;

import io.ackwatch.analysis.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Per printer: connections by verdict and when trouble started.
 *
 * @param address printer address as text
 * @param ports server ports seen, ascending
 * @param incomplete connections the capture ended in, with nothing wrong seen (not counted as ok, degraded or
 *     failed)
 * @param firstDegradedNanos start of the first degraded connection, -1 when none
 * @param firstFailedNanos start of the first failed connection, -1 when none
 * @param timeline every connection in start order
 * @param synAcks the distinct SYN-ACKs the printer sent, in order of first use; more than one when its stack
 *     changed (a reboot, a firmware update, another device on the address); empty when none was captured
 * @param scans the scans that probed this printer, by start: events on its timeline, not connections
 * @param onset when its connections went from ok to degraded or failed, with the candidate triggers; null when none
 *     was degraded or failed, or the first one already was
 */
public record PrinterSummary(
        String address,
        List<Integer> ports,
        int flows,
        int ok,
        int degraded,
        int failed,
        int incomplete,
        long firstDegradedNanos,
        long firstFailedNanos,
        List<TimelineEntry> timeline,
        List<SynAckVariant> synAcks,
        List<PrinterScan> scans,
        Onset onset) {

    public PrinterSummary {
        ports = List.copyOf(ports);
        timeline = List.copyOf(timeline);
        synAcks = List.copyOf(synAcks);
        scans = List.copyOf(scans);
    }

    /** A printer summary without an onset analysis. */
    public PrinterSummary(String address, List<Integer> ports, int flows, int ok, int degraded, int failed,
            int incomplete, long firstDegradedNanos, long firstFailedNanos, List<TimelineEntry> timeline,
            List<SynAckVariant> synAcks, List<PrinterScan> scans) {
        this(address, ports, flows, ok, degraded, failed, incomplete, firstDegradedNanos, firstFailedNanos, timeline,
                synAcks, scans, null);
    }

    /** A printer no scan probed. */
    public PrinterSummary(String address, List<Integer> ports, int flows, int ok, int degraded, int failed,
            int incomplete, long firstDegradedNanos, long firstFailedNanos, List<TimelineEntry> timeline,
            List<SynAckVariant> synAcks) {
        this(address, ports, flows, ok, degraded, failed, incomplete, firstDegradedNanos, firstFailedNanos, timeline,
                synAcks, List.of());
    }

    /**
     * The timeline told in one sentence, run by run of equal verdicts in start order, e.g. "3 connections ok
     * (streams 0–4, median ACK delay 1.2–2.0 ms), then 3 degraded (streams 5–9, 700 ms), then 3 failed (streams
     * 10–14, no ACK)." Empty when there is no connection.
     */
    public String story() {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < timeline.size()) {
            int j = i;
            while (j + 1 < timeline.size() && timeline.get(j + 1).verdict() == timeline.get(i).verdict()) {
                j++;
            }
            runs.add(describe(timeline.subList(i, j + 1), runs.isEmpty()));
            i = j + 1;
        }
        return runs.isEmpty() ? "" : String.join(", then ", runs) + ".";
    }

    private static String describe(List<TimelineEntry> run, boolean first) {
        int n = run.size();
        String verdict = run.get(0).verdict().reportName();
        StringBuilder sb = new StringBuilder();
        sb.append(first ? n + (n == 1 ? " connection " : " connections ") : n + " ").append(verdict);
        TimelineEntry a = run.get(0);
        TimelineEntry b = run.get(n - 1);
        sb.append(" (").append(n == 1 ? "stream " + a.stream() : "streams " + a.stream() + "–" + b.stream());
        long min = Long.MAX_VALUE;
        long max = -1;
        for (TimelineEntry e : run) {
            if (e.ackDelayMedianNanos() >= 0) {
                min = Math.min(min, e.ackDelayMedianNanos());
                max = Math.max(max, e.ackDelayMedianNanos());
            }
        }
        if (max < 0) {
            sb.append(", no ACK delay measured");
        } else if (Evidence.duration(min).equals(Evidence.duration(max))) {
            sb.append(", median ACK delay ").append(Evidence.duration(max));
        } else {
            sb.append(", median ACK delay ").append(Evidence.duration(min)).append('–').append(Evidence.duration(max));
        }
        return sb.append(')').toString();
    }
}

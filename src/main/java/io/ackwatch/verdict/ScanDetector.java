package io.ackwatch.verdict;

import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells a capture's port scans from its print jobs. A probe carries no payload either way (a SYN scan: SYN,
 * SYN-ACK or RST, then the scanner's RST; a connect scan: a handshake, then RST or FIN; a SYN to a closed port
 * answered by RST; a SYN nobody answers), and a scanner sends many of them to many targets in a short time. So a
 * source's payloadless connections are cut into bursts (each starting at most {@code scan-window-ms} after the
 * previous one), and a burst that touched at least {@code scan-min-targets} distinct host:port targets is a scan:
 * all its connections are probes. Breadth is what tells a scan from a client whose printer refuses it or is gone:
 * that client retries the one printer it prints to, however often.
 *
 * <p>Only judged connections are seen (printer ports, or all with {@code --all-flows}), so a scan's probes of
 * other ports do not count; a scan that sends payload (nmap {@code -sV}, scripts) is judged as jobs.
 */
public final class ScanDetector {

    /**
     * A capture's judged connections split in two, each in the order given.
     *
     * @param jobs connections judged as print jobs (and other traffic with --all-flows)
     * @param probes the scans' connections
     * @param scans one per scanning source, by start
     */
    public record Result(List<FlowVerdict> jobs, List<FlowVerdict> probes, List<Scan> scans) {}

    private ScanDetector() {}

    /** Splits {@code verdicts} into jobs and probes; only payloadless connections are opened. */
    public static Result detect(List<FlowVerdict> verdicts, Thresholds thresholds) {
        Map<String, List<Candidate>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < verdicts.size(); i++) {
            FlowVerdict v = verdicts.get(i);
            if (v.payloadless()) {
                TcpFlow f = v.flow();
                bySource.computeIfAbsent(f.client().address(), k -> new ArrayList<>()).add(new Candidate(i, f));
            }
        }
        BitSet probe = new BitSet(verdicts.size());
        List<Scan> scans = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> e : bySource.entrySet()) {
            List<Candidate> probes = probes(e.getValue(), thresholds);
            if (!probes.isEmpty()) {
                probes.forEach(c -> probe.set(c.index()));
                scans.add(scan(e.getKey(), probes));
            }
        }
        if (scans.isEmpty()) {
            return new Result(verdicts, List.of(), List.of());
        }
        scans.sort(Comparator.comparingLong(Scan::startNanos).thenComparing(Scan::source, AddressOrder.INSTANCE));
        List<FlowVerdict> jobs = new ArrayList<>(verdicts.size() - probe.cardinality());
        List<FlowVerdict> probeVerdicts = new ArrayList<>(probe.cardinality());
        for (int i = 0; i < verdicts.size(); i++) {
            (probe.get(i) ? probeVerdicts : jobs).add(verdicts.get(i));
        }
        return new Result(jobs, probeVerdicts, scans);
    }

    /** The candidates of one source that belong to a burst broad enough to be a scan, in start order. */
    private static List<Candidate> probes(List<Candidate> ofSource, Thresholds thresholds) {
        if (ofSource.size() < thresholds.scanMinTargets()) {
            return List.of();
        }
        List<Candidate> sorted = new ArrayList<>(ofSource);
        sorted.sort(Comparator.comparingLong((Candidate c) -> c.flow().startNanos())
                .thenComparingInt(c -> c.flow().stream()));
        List<Candidate> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= sorted.size(); i++) {
            boolean burstEnds = i == sorted.size() || sorted.get(i).flow().startNanos()
                    - sorted.get(i - 1).flow().startNanos() > thresholds.scanWindowNanos();
            if (burstEnds) {
                List<Candidate> burst = sorted.subList(from, i);
                if (targets(burst) >= thresholds.scanMinTargets()) {
                    out.addAll(burst);
                }
                from = i;
            }
        }
        return out;
    }

    private static int targets(List<Candidate> burst) {
        Set<String> targets = new HashSet<>();
        for (Candidate c : burst) {
            targets.add(c.flow().server().toString());
        }
        return targets.size();
    }

    private static Scan scan(String source, List<Candidate> probes) {
        TreeSet<String> hosts = new TreeSet<>(AddressOrder.INSTANCE);
        TreeSet<Integer> ports = new TreeSet<>();
        TreeSet<Integer> streams = new TreeSet<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long packets = 0;
        for (Candidate c : probes) {
            TcpFlow f = c.flow();
            hosts.add(f.server().address());
            ports.add(f.server().port());
            streams.add(f.stream());
            start = Math.min(start, f.startNanos());
            end = Math.max(end, f.endNanos());
            first = Math.min(first, f.firstFrame());
            last = Math.max(last, f.lastFrame());
            packets += f.packets();
        }
        return new Scan(source, start, end, List.copyOf(hosts), List.copyOf(ports), List.copyOf(streams), packets,
                first, last);
    }

    /** The scans among {@code probes} as the one printer they all went to saw them: one per source, by start. */
    static List<PrinterScan> asSeenBy(List<FlowVerdict> probes) {
        Map<String, List<TcpFlow>> bySource = new LinkedHashMap<>();
        for (FlowVerdict v : probes) {
            TcpFlow f = v.flow();
            bySource.computeIfAbsent(f.client().address(), k -> new ArrayList<>()).add(f);
        }
        List<PrinterScan> out = new ArrayList<>();
        bySource.forEach((source, flows) -> {
            TreeSet<Integer> ports = new TreeSet<>();
            TreeSet<Integer> streams = new TreeSet<>();
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (TcpFlow f : flows) {
                ports.add(f.server().port());
                streams.add(f.stream());
                start = Math.min(start, f.startNanos());
                end = Math.max(end, f.endNanos());
            }
            out.add(new PrinterScan(source, start, end, List.copyOf(ports), flows.size(), List.copyOf(streams)));
        });
        out.sort(Comparator.comparingLong(PrinterScan::startNanos).thenComparing(PrinterScan::source,
                AddressOrder.INSTANCE));
        return out;
    }

    /** A payloadless connection, by its index in the capture's list. */
    private record Candidate(int index, TcpFlow flow) {}
}

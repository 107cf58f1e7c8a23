package io.ackwatch.report;

import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A run in a few lines, worst first: the text report's index of a multi-capture run and the summary on stderr
 * both read it, so that they never disagree on what was worst.
 *
 * @param totals connections by verdict over all captures
 * @param printers distinct printer addresses over all captures
 * @param captures the captures that are unreadable or hold failed, degraded or incomplete connections, worst first
 * @param worst the worst connections (failed, then degraded, then incomplete; in report order within each)
 * @param troubled how many connections are failed, degraded or incomplete
 */
public record RunDigest(Report.Summary totals, int printers, List<CaptureLine> captures, List<Worst> worst,
        int troubled) {

    /** Connections named one by one in {@link #worst}. */
    public static final int WORST_NAMED = 3;

    public RunDigest {
        captures = List.copyOf(captures);
        worst = List.copyOf(worst);
    }

    /** One capture of the index, with its troubled printers. */
    public record CaptureLine(CaptureResult capture, List<PrinterSummary> troubledPrinters) {
        public CaptureLine {
            troubledPrinters = List.copyOf(troubledPrinters);
        }

        /** Unreadable first, then by failed, degraded and incomplete connections, most first. */
        private int[] rank() {
            int failed = 0;
            int degraded = 0;
            int incomplete = 0;
            for (PrinterSummary p : capture.printers()) {
                failed += p.failed();
                degraded += p.degraded();
                incomplete += p.incomplete();
            }
            return new int[] {capture.unreadable() ? 1 : 0, failed, degraded, incomplete};
        }
    }

    /** A troubled connection and the capture it is in. */
    public record Worst(String capture, FlowVerdict flow) {}

    public static RunDigest of(Report report) {
        Set<String> printers = new LinkedHashSet<>();
        List<CaptureLine> lines = new ArrayList<>();
        List<List<Worst>> byVerdict = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int troubled = 0;
        for (CaptureResult c : report.captures()) {
            List<PrinterSummary> troubledPrinters = new ArrayList<>();
            for (PrinterSummary p : c.printers()) {
                printers.add(p.address());
                if (p.failed() + p.degraded() + p.incomplete() > 0) {
                    troubledPrinters.add(p);
                }
            }
            troubledPrinters.sort(Comparator.comparingInt(PrinterSummary::failed)
                    .thenComparingInt(PrinterSummary::degraded).thenComparingInt(PrinterSummary::incomplete).reversed());
            if (c.unreadable() || !troubledPrinters.isEmpty()) {
                lines.add(new CaptureLine(c, troubledPrinters));
            }
            for (FlowVerdict f : c.flows()) {
                int slot = switch (f.verdict()) {
                    case FAILED -> 0;
                    case DEGRADED -> 1;
                    case INCOMPLETE -> 2;
                    case OK -> -1;
                };
                if (slot >= 0) {
                    troubled++;
                    if (byVerdict.get(slot).size() < WORST_NAMED) {
                        byVerdict.get(slot).add(new Worst(c.file(), f));
                    }
                }
            }
        }
        lines.sort((a, b) -> java.util.Arrays.compare(b.rank(), a.rank()));
        List<Worst> worst = byVerdict.stream().flatMap(List::stream).limit(WORST_NAMED).toList();
        return new RunDigest(report.summary(), printers.size(), lines, worst, troubled);
    }

    /** {@code 2 failed, 1 degraded} for a printer, leaving out the verdicts it has none of. */
    public static String counts(PrinterSummary p) {
        List<String> parts = new ArrayList<>();
        add(parts, p.failed(), Verdict.FAILED);
        add(parts, p.degraded(), Verdict.DEGRADED);
        add(parts, p.incomplete(), Verdict.INCOMPLETE);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, int count, Verdict verdict) {
        if (count > 0) {
            parts.add(count + " " + verdict.reportName());
        }
    }
}

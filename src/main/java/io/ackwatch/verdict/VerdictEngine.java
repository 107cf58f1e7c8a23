package io.ackwatch.verdict;

import io.ackwatch.analysis.AckDelays;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.RuleContext;
import io.ackwatch.analysis.Rules;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs the rules on a connection and turns their findings into verdict and fault.
 *
 * <p>Verdict: from the job's outcome first ({@link JobOutcome}): a connection that ended before the job's end was
 * acknowledged has failed, one the capture left open is incomplete unless a finding says more; otherwise failed
 * with any failure finding, degraded with any warning, ok otherwise (info findings never change it). Fault: from
 * the deciding finding and the capture's vantage point, see {@link FaultAttribution}. Confidence: see
 * {@link Confidence}.
 *
 * <p>One engine per capture, used by one thread at a time: it remembers which connections it judged before the
 * capture end was known (see {@link #refine(List, long)}).
 */
public final class VerdictEngine {
    private final Thresholds thresholds;
    private final PrinterSet printers;
    /** Streams judged before the capture end was known, and those among them whose rules asked for it. */
    private final BitSet judgedBlind = new BitSet();
    private final BitSet askedForCaptureEnd = new BitSet();

    public VerdictEngine(Thresholds thresholds, PrinterSet printers) {
        this.thresholds = thresholds;
        this.printers = printers;
    }

    /** Judges one connection; {@code job} may be null. */
    public FlowVerdict judge(TcpFlow flow, JobInfo job) {
        return judge(flow, job, -1);
    }

    /**
     * Judges one connection knowing when the capture ended, which tells a single unanswered SYN at the end of
     * the capture from one the server ignored.
     *
     * @param captureEndNanos time of the capture's last frame, -1 when unknown
     */
    public FlowVerdict judge(TcpFlow flow, JobInfo job, long captureEndNanos) {
        boolean printer = printers.isPrinter(flow.server());
        RuleContext ctx = RuleContext.of(flow, job, printer, thresholds).withCaptureEnd(captureEndNanos);
        List<Finding> findings = Rules.evaluate(ctx);
        if (captureEndNanos < 0) {
            judgedBlind.set(flow.stream());
            if (ctx.askedForUnknownCaptureEnd()) {
                askedForCaptureEnd.set(flow.stream());
            }
        }
        VantageInference.Result vantage = VantageInference.infer(ctx.facts(), thresholds, printer);
        return decide(ctx, findings, vantage.vantage(), vantageSentence(vantage));
    }

    /**
     * True when the rules asked for the capture's end while judging {@code flow} without it: its segment log must
     * be kept for {@link #refine(List, long)}, whatever the verdict.
     */
    public boolean needsCaptureEnd(TcpFlow flow) {
        return askedForCaptureEnd.get(flow.stream());
    }

    /**
     * Re-attributes the connections whose own packets could not tell the vantage point, using the vantage of
     * the other connections to the same server (else of the whole capture). Connections judged ok, or whose
     * segment detail was dropped, are returned unchanged. Order is kept.
     */
    public List<FlowVerdict> refine(List<FlowVerdict> verdicts) {
        return refine(verdicts, -1);
    }

    /**
     * As {@link #refine(List)}, and first re-judges the troubled connections that kept their segment log knowing
     * when the capture ended (for pipelines that judge each connection as soon as it ends, before the capture
     * end is known): a lone unanswered SYN then becomes a failure, or nothing when the capture ended too soon.
     * Of the connections this engine judged, only those whose rules asked for the capture end are judged again:
     * for the others the answer cannot change.
     *
     * @param captureEndNanos time of the capture's last frame, -1 when unknown
     */
    public List<FlowVerdict> refine(List<FlowVerdict> judged, long captureEndNanos) {
        List<FlowVerdict> verdicts = new ArrayList<>(judged.size());
        for (FlowVerdict v : judged) {
            int stream = v.stream();
            // what this engine judged blind needs it only where a rule asked, healthy or not (data left without
            // an ACK looks healthy until the capture end shows how long it waited); anything else, when troubled
            boolean needed = judgedBlind.get(stream) ? askedForCaptureEnd.get(stream) : v.verdict() != Verdict.OK;
            boolean rejudge = captureEndNanos >= 0 && needed && v.logSize() > 0;
            verdicts.add(rejudge ? judge(v.flow(), v.job(), captureEndNanos) : v);
        }
        Vantage capture = captureVantage(verdicts);
        Map<String, List<Vantage>> byServer = new LinkedHashMap<>();
        for (FlowVerdict v : verdicts) {
            byServer.computeIfAbsent(v.server().address(), k -> new ArrayList<>()).add(v.vantage());
        }
        List<FlowVerdict> out = new ArrayList<>(verdicts.size());
        for (FlowVerdict v : verdicts) {
            if (v.vantage() != Vantage.UNKNOWN || v.verdict() == Verdict.OK || !v.detailed() || v.logSize() == 0) {
                out.add(v);
                continue;
            }
            Vantage hint = VantageInference.aggregate(byServer.get(v.server().address()));
            String basis = "the other connections to this " + (v.printer() ? "printer" : "server");
            if (hint == Vantage.UNKNOWN) {
                hint = capture;
                basis = "the other connections in this capture";
            }
            if (hint == Vantage.UNKNOWN) {
                out.add(v);
                continue;
            }
            RuleContext ctx = RuleContext.of(v.flow(), v.job(), v.printer(), thresholds);
            String sentence = "Capture point: " + hint.reportName() + " side, as " + basis + " show (this connection's"
                    + " own packets cannot tell).";
            out.add(decide(ctx, v.findings(), hint, sentence));
        }
        return out;
    }

    /** Per-printer summaries over the judged connections of one capture, ordered by address. */
    public List<PrinterSummary> summarize(List<FlowVerdict> verdicts) {
        return summarize(verdicts, List.of());
    }

    /**
     * Per-printer summaries over the print-job connections of one capture, ordered by address, each with the scans
     * that probed it ({@code probes}: the scans' connections, see {@link ScanDetector}).
     */
    public List<PrinterSummary> summarize(List<FlowVerdict> jobs, List<FlowVerdict> probes) {
        Map<String, List<FlowVerdict>> byPrinter = new LinkedHashMap<>();
        for (FlowVerdict v : jobs) {
            if (v.printer()) {
                byPrinter.computeIfAbsent(v.server().address(), k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, List<FlowVerdict>> probesByPrinter = new LinkedHashMap<>();
        for (FlowVerdict v : probes) {
            if (byPrinter.containsKey(v.server().address())) {
                probesByPrinter.computeIfAbsent(v.server().address(), k -> new ArrayList<>()).add(v);
            }
        }
        List<PrinterSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<FlowVerdict>> e : byPrinter.entrySet()) {
            List<FlowVerdict> scanned = probesByPrinter.get(e.getKey());
            out.add(summary(e.getKey(), e.getValue(), scanned == null ? List.of() : ScanDetector.asSeenBy(scanned)));
        }
        out.sort(Comparator.comparing(PrinterSummary::address, AddressOrder.INSTANCE));
        return List.copyOf(out);
    }

    /** The capture's vantage point, judged over its printer connections (all connections when none is a printer). */
    public Vantage captureVantage(List<FlowVerdict> verdicts) {
        List<Vantage> printerFlows = new ArrayList<>();
        List<Vantage> all = new ArrayList<>();
        for (FlowVerdict v : verdicts) {
            all.add(v.vantage());
            if (v.printer()) {
                printerFlows.add(v.vantage());
            }
        }
        Vantage fromPrinters = VantageInference.aggregate(printerFlows);
        return fromPrinters != Vantage.UNKNOWN || !printerFlows.isEmpty() ? fromPrinters
                : VantageInference.aggregate(all);
    }

    private FlowVerdict decide(RuleContext ctx, List<Finding> findings, Vantage vantage, String vantageSentence) {
        JobOutcome outcome = JobOutcome.of(ctx.flow(), ctx.job());
        Verdict byFindings = verdictOf(findings);
        Verdict verdict = outcome.verdict(byFindings);
        FaultAttribution.Attribution a = FaultAttribution.attribute(ctx, findings, vantage);
        List<String> reasoning = new ArrayList<>();
        reasoning.add(verdictSentence(verdict, byFindings, outcome, findings));
        reasoning.add(vantageSentence);
        Fault fault = a.fault();
        if (fault == Fault.NONE && verdict == Verdict.FAILED) {
            fault = Fault.UNKNOWN;
            reasoning.add("No rule found what cut the job off, so whom to blame is unknown; the connection's last"
                    + " packets (the ladder) show who closed it.");
        } else {
            reasoning.addAll(a.reasoning());
        }
        // one set of numbers: the header, JSON and HTML show the ACK delays the rules judged by
        AckDelayStats delays = ctx.facts().ackDelays().stats();
        TcpFlow flow = delays.equals(ctx.flow().ackDelay()) ? ctx.flow() : ctx.flow().withAckDelay(delays);
        return new FlowVerdict(flow, ctx.printer(), printers.service(ctx.flow().server()), vantage, verdict,
                fault, findings, reasoning, ctx.job(), outcome, null);
    }

    static Verdict verdictOf(List<Finding> findings) {
        Verdict v = Verdict.OK;
        for (Finding f : findings) {
            if (f.severity() == Severity.FAILURE) {
                return Verdict.FAILED;
            }
            if (f.severity() == Severity.WARNING) {
                v = Verdict.DEGRADED;
            }
        }
        return v;
    }

    private static String verdictSentence(Verdict verdict, Verdict byFindings, JobOutcome outcome,
            List<Finding> findings) {
        if (verdict != byFindings) {
            String rules = decisiveRules(byFindings, findings);
            return "Verdict " + verdict.reportName() + ": " + outcome.sentence()
                    + (rules.isEmpty() ? "." : " (findings: " + rules + ").");
        }
        if (verdict == Verdict.OK) {
            return "Verdict ok: no rule found a failure or warning"
                    + (findings.isEmpty() ? "." : " (" + findings.size() + " informational finding"
                    + (findings.size() == 1 ? ")." : "s)."));
        }
        Severity decisive = verdict == Verdict.FAILED ? Severity.FAILURE : Severity.WARNING;
        String rules = decisiveRules(verdict, findings);
        return "Verdict " + verdict.reportName() + " because of " + decisive.reportName() + " finding"
                + (rules.contains(",") ? "s " : " ") + rules + ".";
    }

    /** The rules of the findings that make {@code byFindings}, comma-separated; empty for ok. */
    private static String decisiveRules(Verdict byFindings, List<Finding> findings) {
        if (byFindings == Verdict.OK) {
            return "";
        }
        Severity decisive = byFindings == Verdict.FAILED ? Severity.FAILURE : Severity.WARNING;
        List<String> ordered = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == decisive && !ordered.contains(f.rule())) {
                ordered.add(f.rule());
            }
        }
        return String.join(", ", ordered);
    }

    private static String vantageSentence(VantageInference.Result r) {
        if (r.vantage() == Vantage.UNKNOWN) {
            return "Capture point unknown: " + String.join("; ", r.reasons()) + ".";
        }
        return "Capture point: " + r.vantage().reportName() + " side, because " + String.join("; and ", r.reasons())
                + ".";
    }

    private PrinterSummary summary(String address, List<FlowVerdict> flows, List<PrinterScan> scans) {
        List<FlowVerdict> sorted = new ArrayList<>(flows);
        sorted.sort(Comparator.comparingLong(FlowVerdict::startNanos).thenComparingInt(FlowVerdict::stream));
        TreeSet<Integer> ports = new TreeSet<>();
        int ok = 0;
        int degraded = 0;
        int failed = 0;
        int incomplete = 0;
        long firstDegraded = -1;
        long firstFailed = -1;
        List<TimelineEntry> timeline = new ArrayList<>();
        for (FlowVerdict v : sorted) {
            long start = v.startNanos();
            ports.add(v.server().port());
            switch (v.verdict()) {
                case OK -> ok++;
                case DEGRADED -> {
                    degraded++;
                    firstDegraded = firstDegraded < 0 ? start : Math.min(firstDegraded, start);
                }
                case FAILED -> {
                    failed++;
                    firstFailed = firstFailed < 0 ? start : Math.min(firstFailed, start);
                }
                case INCOMPLETE -> incomplete++;
            }
            timeline.add(new TimelineEntry(v.stream(), start, v.verdict(), medianAckDelay(v)));
        }
        return new PrinterSummary(address, List.copyOf(ports), sorted.size(), ok, degraded, failed, incomplete,
                firstDegraded, firstFailed, timeline, synAckVariants(sorted), scans, OnsetAnalysis.of(sorted, scans));
    }

    /** The distinct SYN-ACKs of connections in start order, each with its first stream and how often it came. */
    private static List<SynAckVariant> synAckVariants(List<FlowVerdict> inStartOrder) {
        Map<SynAckOptions, int[]> firstStreamAndCount = new LinkedHashMap<>();
        for (FlowVerdict v : inStartOrder) {
            if (v.synAckParameters() != null) {
                firstStreamAndCount.computeIfAbsent(v.synAckParameters(), k -> new int[] {v.stream(), 0})[1]++;
            }
        }
        List<SynAckVariant> out = new ArrayList<>();
        firstStreamAndCount.forEach((parameters, n) -> out.add(new SynAckVariant(parameters, n[0], n[1])));
        return out;
    }

    private static long medianAckDelay(FlowVerdict v) {
        if (v.measuredAckDelayMedian() != Long.MIN_VALUE) {
            return v.measuredAckDelayMedian();
        }
        if (v.logSize() > 0) {
            AckDelays d = FlowFacts.of(v.flow()).ackDelays();
            return d.present() ? d.medianNanos() : -1;
        }
        return -1;
    }
}

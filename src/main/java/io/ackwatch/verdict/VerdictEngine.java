package io.ackwatch.verdict;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.List;

/** Runs the rules on a connection and turns their findings into verdict and fault. */
public final class VerdictEngine {
    private final Thresholds thresholds;
    private final PrinterSet printers;

    public VerdictEngine(Thresholds thresholds, PrinterSet printers) {
        this.thresholds = thresholds;
        this.printers = printers;
    }

    /** Judges one connection; {@code job} may be null. */
    public FlowVerdict judge(TcpFlow flow, JobInfo job) {
        boolean printer = printers.isPrinter(flow.server());
        return new FlowVerdict(flow, printer, printers.service(flow.server()), Vantage.UNKNOWN, Verdict.OK,
                Fault.NONE, List.of(), List.of(), job);
    }

    /** Per-printer summaries over the judged connections of one capture, by address. */
    public List<PrinterSummary> summarize(List<FlowVerdict> verdicts) {
        return List.of();
    }

    /** The capture's vantage point, judged over its connections. */
    public Vantage captureVantage(List<FlowVerdict> verdicts) {
        return Vantage.UNKNOWN;
    }
}

package io.ackwatch.verdict;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.List;
import java.util.Objects;

/**
 * The judgement on one connection: an immutable value with the accessors of a record.
 *
 * <p>It is not a record because it has two forms. The open form holds its parts as objects, as the verdict
 * engine makes them. The packed form ({@link VerdictPacker}) keeps the few fields every summary reads
 * (printer, service, vantage, verdict, fault) and the rest as a few dozen bytes, decoded on each access into
 * equal objects: a capture with hundreds of thousands of connections must fit a small heap until the report is
 * written, and the open form of a connection takes a few KB. Both forms behave the same to every caller.
 */
public final class FlowVerdict {
    private final boolean printer;
    private final String service;
    private final Vantage vantage;
    private final Verdict verdict;
    private final Fault fault;
    private final JobOutcome outcome;
    private final Confidence confidence;
    /*
     * What refine and the printer summaries read of every connection, kept in both forms: reading it from the
     * flow of a packed verdict would decode the whole connection, once per comparison when sorting.
     */
    private final int stream;
    private final long startNanos;
    private final Endpoint server;
    /** The server's SYN-ACK without its TSval (the printer summaries compare them), null without one. */
    private final SynAckOptions synAckParameters;
    private final int logSize;
    private final boolean detailed;
    /** The median of the flow's own ACK delay statistics, {@link Long#MIN_VALUE} when it has none. */
    private final long measuredAckDelayMedian;
    /**
     * The most severe finding's severity, at least failure for a failed verdict and warning for a degraded one;
     * null without either (the exit code asks every verdict).
     */
    private final Severity worst;
    /** No payload either way: the only connections a scan's probes can be ({@link ScanDetector}). */
    private final boolean payloadless;
    // open form
    private final TcpFlow flow;
    private final List<Finding> findings;
    private final List<String> reasoning;
    private final JobInfo job;
    // packed form
    private final byte[] packed;
    private final VerdictPacker packer;

    /**
     * A judgement whose outcome and confidence follow from its parts ({@link JobOutcome#of},
     * {@link Confidence#of}), for callers that judge by hand.
     */
    public FlowVerdict(TcpFlow flow, boolean printer, String service, Vantage vantage, Verdict verdict, Fault fault,
            List<Finding> findings, List<String> reasoning, JobInfo job) {
        this(flow, printer, service, vantage, verdict, fault, findings, reasoning, job, JobOutcome.of(flow, job),
                null);
    }

    /**
     * @param flow the connection (its per-segment detail may have been dropped for healthy connections)
     * @param printer true when the server is taken to be a printer (by port or by --printer)
     * @param service raw, lpd or ipp; null when unknown
     * @param vantage where the capture point was, for this connection
     * @param verdict ok, degraded or failed
     * @param fault whom the evidence points at
     * @param findings evidence, most severe first
     * @param reasoning sentences that explain how verdict and fault were reached
     * @param job the print job, null when not read
     * @param outcome what became of the job
     * @param confidence how far the capture supports verdict and fault; null: worked out from the other parts
     */
    public FlowVerdict(TcpFlow flow, boolean printer, String service, Vantage vantage, Verdict verdict, Fault fault,
            List<Finding> findings, List<String> reasoning, JobInfo job, JobOutcome outcome, Confidence confidence) {
        this.printer = printer;
        this.service = service;
        this.vantage = vantage;
        this.verdict = verdict;
        this.fault = fault;
        this.outcome = outcome;
        this.confidence = confidence != null ? confidence
                : Confidence.of(verdict, fault, vantage, outcome, flow.handshake().synFrame() > 0,
                        Confidence.missedSegments(findings), JobOutcome.endFromJob(job));
        this.stream = flow.stream();
        this.startNanos = flow.startNanos();
        this.server = flow.server();
        SynAckOptions synAck = flow.handshake().synAckOptions();
        this.synAckParameters = synAck == null ? null : synAck.parameters();
        this.logSize = flow.log().size();
        this.detailed = flow.detailed();
        AckDelayStats delays = flow.ackDelay();
        this.measuredAckDelayMedian = delays != null && delays.present() ? delays.medianNanos() : Long.MIN_VALUE;
        // a failed job is a failure for --fail-on even where no single finding is (see JobOutcome)
        Severity most = verdict == Verdict.FAILED ? Severity.FAILURE : verdict == Verdict.DEGRADED ? Severity.WARNING
                : null;
        for (Finding f : findings) {
            if (most == null || f.severity().atLeast(most)) {
                most = f.severity();
            }
        }
        this.worst = most;
        this.payloadless = flow.clientSide().payloadBytes() == 0 && flow.serverSide().payloadBytes() == 0;
        this.flow = flow;
        this.findings = List.copyOf(findings);
        this.reasoning = List.copyOf(reasoning);
        this.job = job;
        this.packed = null;
        this.packer = null;
    }

    /**
     * The packed form; see {@link VerdictPacker}. {@code server} and {@code synAckParameters} are the open form's,
     * shared across verdicts.
     */
    FlowVerdict(FlowVerdict open, byte[] packed, VerdictPacker packer, Endpoint server,
            SynAckOptions synAckParameters) {
        this.printer = open.printer;
        this.service = open.service;
        this.vantage = open.vantage;
        this.verdict = open.verdict;
        this.fault = open.fault;
        this.outcome = open.outcome;
        this.confidence = open.confidence;
        this.stream = open.stream;
        this.startNanos = open.startNanos;
        this.server = server;
        this.synAckParameters = synAckParameters;
        this.logSize = open.logSize;
        this.detailed = open.detailed;
        this.measuredAckDelayMedian = open.measuredAckDelayMedian;
        this.worst = open.worst;
        this.payloadless = open.payloadless;
        this.flow = null;
        this.findings = null;
        this.reasoning = null;
        this.job = null;
        this.packed = packed;
        this.packer = packer;
    }

    boolean isPacked() {
        return packed != null;
    }

    byte[] packedBytes() {
        return packed;
    }

    /** {@code flow().stream()}, without opening a packed verdict. */
    int stream() {
        return stream;
    }

    /** {@code flow().startNanos()}, without opening a packed verdict. */
    long startNanos() {
        return startNanos;
    }

    /** {@code flow().server()}, without opening a packed verdict. */
    Endpoint server() {
        return server;
    }

    /**
     * {@code flow().handshake().synAckOptions().parameters()} (null when no SYN-ACK was captured), without opening
     * a packed verdict.
     */
    public SynAckOptions synAckParameters() {
        return synAckParameters;
    }

    /** {@code flow().log().size()}, without opening a packed verdict. */
    int logSize() {
        return logSize;
    }

    /** {@code flow().detailed()}, without opening a packed verdict. */
    boolean detailed() {
        return detailed;
    }

    /** {@code flow().ackDelay()}'s median when it has samples, else {@link Long#MIN_VALUE}. */
    long measuredAckDelayMedian() {
        return measuredAckDelayMedian;
    }

    /** True when neither side sent payload, without opening a packed verdict. */
    boolean payloadless() {
        return payloadless;
    }

    public TcpFlow flow() {
        return packed == null ? flow : packer.open(this).flow();
    }

    public boolean printer() {
        return printer;
    }

    public String service() {
        return service;
    }

    public Vantage vantage() {
        return vantage;
    }

    public Verdict verdict() {
        return verdict;
    }

    public Fault fault() {
        return fault;
    }

    /** What became of the job; the verdict follows it first. */
    public JobOutcome outcome() {
        return outcome;
    }

    public Confidence confidence() {
        return confidence;
    }

    /** The same judgement of {@code kept}, the connection with less detail kept (see {@code TcpFlow.withoutDetail}). */
    public FlowVerdict withFlow(TcpFlow kept) {
        return new FlowVerdict(kept, printer, service, vantage, verdict, fault, findings(), reasoning(), job(), outcome,
                confidence);
    }

    /**
     * True when a finding is at least as severe as {@code threshold}, or the verdict is (failed counts as a failure,
     * degraded as a warning); a packed verdict is not opened for it.
     */
    public boolean reachesSeverity(Severity threshold) {
        return worst != null && worst.atLeast(threshold);
    }

    public List<Finding> findings() {
        return packed == null ? findings : packer.open(this).findings();
    }

    public List<String> reasoning() {
        return packed == null ? reasoning : packer.open(this).reasoning();
    }

    public JobInfo job() {
        return packed == null ? job : packer.open(this).job();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FlowVerdict v
                && printer == v.printer
                && Objects.equals(service, v.service)
                && vantage == v.vantage
                && verdict == v.verdict
                && fault == v.fault
                && outcome == v.outcome
                && confidence == v.confidence
                && Objects.equals(flow(), v.flow())
                && findings().equals(v.findings())
                && reasoning().equals(v.reasoning())
                && Objects.equals(job(), v.job());
    }

    @Override
    public int hashCode() {
        return Objects.hash(flow(), printer, service, vantage, verdict, fault, findings(), reasoning(), job());
    }

    @Override
    public String toString() {
        return "FlowVerdict[flow=" + flow() + ", printer=" + printer + ", service=" + service + ", vantage=" + vantage
                + ", verdict=" + verdict + ", fault=" + fault + ", outcome=" + outcome
                + ", confidence=" + confidence + ", findings=" + findings() + ", reasoning="
                + reasoning() + ", job=" + job() + "]";
    }
}

package io.ackwatch.analysis;

import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;

/**
 * What a rule looks at: the connection, its print job (may be null), whether the server is a printer, the
 * thresholds, and the facts computed once from the segment log.
 *
 * <p>Connections are judged as soon as they end, before the capture's end is known; a few rules need it
 * (how long an unanswered SYN or unacknowledged data went without an answer). The context notes when a rule
 * asked for it while it was unknown, so that only those connections are judged again once it is known.
 */
public final class RuleContext {
    private final TcpFlow flow;
    private final JobInfo job;
    private final boolean printer;
    private final Thresholds thresholds;
    private final FlowFacts facts;
    private final long captureEndNanos;
    private boolean askedForUnknownCaptureEnd;
    /** Several rules name the server in their messages; made once. */
    private String serverName;

    private RuleContext(TcpFlow flow, JobInfo job, boolean printer, Thresholds thresholds, FlowFacts facts,
            long captureEndNanos) {
        this.flow = flow;
        this.job = job;
        this.printer = printer;
        this.thresholds = thresholds;
        this.facts = facts;
        this.captureEndNanos = captureEndNanos;
    }

    public static RuleContext of(TcpFlow flow, JobInfo job, boolean printer, Thresholds thresholds) {
        return new RuleContext(flow, job, printer, thresholds, FlowFacts.of(flow), -1);
    }

    /** The same connection with the capture's end known ({@code nanos}, -1 when unknown). */
    public RuleContext withCaptureEnd(long nanos) {
        return new RuleContext(flow, job, printer, thresholds, facts, nanos);
    }

    public TcpFlow flow() { return flow; }

    /** The print job, null when none was recognised. */
    public JobInfo job() { return job; }

    public boolean printer() { return printer; }

    public Thresholds thresholds() { return thresholds; }

    public FlowFacts facts() { return facts; }

    /** Time of the capture's last frame, -1 when unknown. */
    public long captureEndNanos() {
        noteUse();
        return captureEndNanos;
    }

    /**
     * True when a rule asked for the capture's end while it was unknown: judging this connection again with the
     * capture end known may give other findings. When false, it would give the same.
     */
    public boolean askedForUnknownCaptureEnd() {
        return askedForUnknownCaptureEnd;
    }

    private void noteUse() {
        if (captureEndNanos < 0) {
            askedForUnknownCaptureEnd = true;
        }
    }

    /** "printer 10.0.2.9" or "server 192.0.2.1:80", for messages. */
    public String serverName() {
        String name = serverName;
        if (name == null) {
            serverName = name = printer ? "printer " + flow.server().address() : "server " + flow.server();
        }
        return name;
    }

    /** "client 10.0.2.5". */
    public String clientName() {
        return "client " + flow.client().address();
    }

    /** The name of a side, for messages. */
    public String name(boolean client) {
        return client ? clientName() : serverName();
    }

    /** "printer" or "server". */
    public String serverNoun() {
        return printer ? "printer" : "server";
    }

    public String noun(boolean client) {
        return client ? "client" : serverNoun();
    }

    /** Time the capture is known to cover up to: the capture end when known, else the connection's last segment. */
    public long observedUntilNanos() {
        noteUse();
        return Math.max(captureEndNanos, facts.lastNanos());
    }
}

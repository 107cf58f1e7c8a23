package io.ackwatch.analysis;

import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;

/**
 * What a rule looks at: the connection, its print job (may be null), whether the server is a printer, the
 * thresholds, and the facts computed once from the segment log.
 *
 * @param captureEndNanos time of the capture's last frame, -1 when unknown (then a connection's own last
 *     segment stands in for it)
 */
public record RuleContext(TcpFlow flow, JobInfo job, boolean printer, Thresholds thresholds, FlowFacts facts,
        long captureEndNanos) {

    public static RuleContext of(TcpFlow flow, JobInfo job, boolean printer, Thresholds thresholds) {
        return new RuleContext(flow, job, printer, thresholds, FlowFacts.of(flow), -1);
    }

    public RuleContext withCaptureEnd(long nanos) {
        return new RuleContext(flow, job, printer, thresholds, facts, nanos);
    }

    /** "printer 10.0.2.9" or "server 192.0.2.1:80", for messages. */
    public String serverName() {
        return printer ? "printer " + flow.server().address() : "server " + flow.server();
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
        return Math.max(captureEndNanos, facts.lastNanos());
    }

    /** Display filter for the given frames within this connection. */
    public String filter(java.util.Collection<Long> frames) {
        return Evidence.filter(flow.stream(), frames);
    }
}

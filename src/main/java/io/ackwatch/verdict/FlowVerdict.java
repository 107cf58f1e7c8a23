package io.ackwatch.verdict;

import io.ackwatch.analysis.Finding;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.List;

/**
 * The judgement on one connection.
 *
 * @param flow the connection (its per-segment detail may have been dropped for healthy connections)
 * @param printer true when the server is taken to be a printer (by port or by --printer)
 * @param service raw, lpd or ipp; null when unknown
 * @param vantage where the capture point was, for this connection
 * @param verdict ok, degraded or failed
 * @param fault whom the evidence points at
 * @param findings evidence, most severe first
 * @param reasoning sentences that explain how verdict and fault were reached
 * @param job the print job, null when not read
 */
public record FlowVerdict(
        TcpFlow flow,
        boolean printer,
        String service,
        Vantage vantage,
        Verdict verdict,
        Fault fault,
        List<Finding> findings,
        List<String> reasoning,
        JobInfo job) {

    public FlowVerdict {
        findings = List.copyOf(findings);
        reasoning = List.copyOf(reasoning);
    }
}

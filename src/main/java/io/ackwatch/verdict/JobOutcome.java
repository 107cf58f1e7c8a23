package io.ackwatch.verdict;

import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;

/**
 * What became of the print job on a connection, the first thing its verdict follows: a job whose end was never
 * acknowledged did not print, however promptly every byte before it was acknowledged.
 *
 * <p>The job's end is what the job reader saw ({@link JobInfo#complete()}: PJL UEL, {@code %%EOF}, LPD's
 * acknowledgement of the data file, IPP's reply). Where the reader knows nothing of it, the client's FIN after
 * the printer acknowledged everything the client sent counts as the end (or its reset then: many Windows
 * programs close that way).
 */
public enum JobOutcome {
    /** The job's end was delivered and acknowledged: ok or degraded, by its findings. */
    COMPLETED("completed", "the job's end was delivered and acknowledged"),
    /** The connection ended (reset by either side, closed, or given up) before the job's end was acknowledged. */
    FAILED("failed", "the connection ended before the job's end was acknowledged"),
    /** The capture ended first, after the handshake: what became of the job is not in the capture. */
    INCOMPLETE("incomplete", "the capture ended before the job's end was acknowledged, with the connection open"),
    /** No connection was established (refused, or no SYN-ACK captured): judged by its findings alone. */
    NOT_CONNECTED("not-connected", "no connection was established"),
    /** Established and closed with no data from the client: no job to judge, so its findings decide. */
    NO_JOB("no-job", "the client sent no data");

    private final String reportName;
    private final String sentence;

    JobOutcome(String reportName, String sentence) {
        this.reportName = reportName;
        this.sentence = sentence;
    }

    /** The JSON report's {@code outcome}. */
    public String reportName() {
        return reportName;
    }

    /** Lower-case clause for the verdict's reasoning, e.g. "the job's end was delivered and acknowledged". */
    public String sentence() {
        return sentence;
    }

    /**
     * The verdict this outcome gives, {@code byFindings} being what the findings alone say (failed with a failure,
     * degraded with a warning, else ok): a job cut off has failed, a job the capture did not see end is never ok.
     */
    public Verdict verdict(Verdict byFindings) {
        return switch (this) {
            case FAILED -> Verdict.FAILED;
            case INCOMPLETE -> byFindings == Verdict.OK ? Verdict.INCOMPLETE : byFindings;
            case COMPLETED, NOT_CONNECTED, NO_JOB -> byFindings;
        };
    }

    /** The outcome of {@code flow}; {@code job} may be null (nothing recognised). */
    public static JobOutcome of(TcpFlow flow, JobInfo job) {
        Handshake h = flow.handshake();
        if (h.synAckFrame() == 0 && (h.synFrame() > 0 || flow.clientBytes() == 0)) {
            return NOT_CONNECTED;
        }
        boolean closed = flow.clientSide().fin() + flow.clientSide().rst() + flow.serverSide().fin()
                + flow.serverSide().rst() > 0;
        Boolean complete = job == null ? null : job.complete();
        // many Windows programs close with a reset instead of a FIN once everything was acknowledged
        boolean clientFinished = flow.clientSide().fin() + flow.clientSide().rst() > 0
                && flow.deliveredBytes() >= flow.clientBytes();
        if (Boolean.TRUE.equals(complete) || complete == null && clientFinished && flow.clientBytes() > 0) {
            return COMPLETED;
        }
        if (flow.clientBytes() == 0) {
            return closed ? NO_JOB : INCOMPLETE;
        }
        return closed ? FAILED : INCOMPLETE;
    }

    /** True when the job's end was known from the job itself, not inferred from the client's FIN. */
    static boolean endFromJob(JobInfo job) {
        return job != null && job.complete() != null;
    }
}

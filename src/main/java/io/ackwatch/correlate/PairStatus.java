package io.ackwatch.correlate;

/** What two captures have in common. */
public enum PairStatus {
    CORRELATED("correlated"),
    /** The same file (same SHA-256) given twice: it says nothing a second time. */
    SAME_CAPTURE("same-capture"),
    /** No connection is in both (other 4-tuples, other handshakes, other times). */
    NOTHING_IN_COMMON("nothing-in-common");

    private final String reportName;

    PairStatus(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}

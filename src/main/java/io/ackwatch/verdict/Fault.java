package io.ackwatch.verdict;

/** Whom the evidence points at; SERVER is the printer when the connection goes to a printer. */
public enum Fault {
    NONE("none"),
    SERVER("server"),
    NETWORK("network"),
    CLIENT("client"),
    UNKNOWN("unknown");

    private final String reportName;

    Fault(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}

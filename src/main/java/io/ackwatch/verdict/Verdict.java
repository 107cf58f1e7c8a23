package io.ackwatch.verdict;

/** Outcome of one connection. */
public enum Verdict {
    OK("ok"),
    DEGRADED("degraded"),
    FAILED("failed");

    private final String reportName;

    Verdict(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}

package io.ackwatch.verdict;

/** Where the capture was taken, as far as the packets show. */
public enum Vantage {
    CLIENT("client"),
    SERVER("server"),
    MIDDLE("middle"),
    UNKNOWN("unknown");

    private final String reportName;

    Vantage(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}

package io.ackwatch.verdict;

/**
 * Outcome of one connection, as the reports name it. {@code incomplete} is the fourth word: the capture ended
 * while the job was under way and nothing wrong was seen, so neither ok nor failed can be said. The JSON report's
 * {@code verdict} stays within the three words of schema version 1 ({@link #schemaName()}); its {@code outcome}
 * says exactly what happened.
 */
public enum Verdict {
    OK("ok", "ok"),
    /** Degraded in schema v1's {@code verdict}: not ok (the job's end is not in the capture), not failed. */
    INCOMPLETE("incomplete", "degraded"),
    DEGRADED("degraded", "degraded"),
    FAILED("failed", "failed");

    private final String reportName;
    private final String schemaName;

    Verdict(String reportName, String schemaName) {
        this.reportName = reportName;
        this.schemaName = schemaName;
    }

    public String reportName() {
        return reportName;
    }

    /** The word of the report schema v1's {@code verdict} enum (ok, degraded, failed). */
    public String schemaName() {
        return schemaName;
    }
}

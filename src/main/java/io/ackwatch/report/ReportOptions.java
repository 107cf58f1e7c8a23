package io.ackwatch.report;

import io.ackwatch.analysis.Severity;

/**
 * Presentation choices shared by the writers.
 *
 * @param failOn findings at or above this severity count as failures (JUnit failure elements, exit code 1)
 * @param verbose list healthy connections one by one in text/markdown
 * @param color ANSI colour in the text report (only on a terminal, never with NO_COLOR)
 */
public record ReportOptions(Severity failOn, boolean verbose, boolean color) {

    public static ReportOptions defaults() {
        return new ReportOptions(Severity.FAILURE, false, false);
    }
}

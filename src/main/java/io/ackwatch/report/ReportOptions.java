package io.ackwatch.report;

import io.ackwatch.analysis.Severity;
import io.ackwatch.job.JobPrivacy.KeySource;

/**
 * Presentation choices shared by the writers.
 *
 * @param failOn findings at or above this severity count as failures (JUnit failure elements, exit code 1)
 * @param verbose list healthy connections one by one in text/markdown
 * @param color ANSI colour in the text report (only on a terminal, never with NO_COLOR)
 * @param privacy where the key of the {@code --privacy} pseudonyms came from, which every report states; null
 *     when names are shown as they are
 */
public record ReportOptions(Severity failOn, boolean verbose, boolean color, KeySource privacy) {

    /** Options of a report that shows names as they are. */
    public ReportOptions(Severity failOn, boolean verbose, boolean color) {
        this(failOn, verbose, color, null);
    }

    public static ReportOptions defaults() {
        return new ReportOptions(Severity.FAILURE, false, false);
    }
}

package io.ackwatch.report;

import io.ackwatch.correlate.Correlations;
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
 * @param correlations the captures compared with each other ({@code --correlate}), NONE when not
 */
public record ReportOptions(Severity failOn, boolean verbose, boolean color, KeySource privacy,
        Correlations correlations) {

    public ReportOptions(Severity failOn, boolean verbose, boolean color, KeySource privacy) {
        this(failOn, verbose, color, privacy, Correlations.NONE);
    }

    /** Options of a report that shows names as they are. */
    public ReportOptions(Severity failOn, boolean verbose, boolean color) {
        this(failOn, verbose, color, null);
    }

    /** The same options with the run's correlations, known once the captures were analyzed. */
    public ReportOptions withCorrelations(Correlations found) {
        return new ReportOptions(failOn, verbose, color, privacy, found);
    }

    public static ReportOptions defaults() {
        return new ReportOptions(Severity.FAILURE, false, false);
    }
}

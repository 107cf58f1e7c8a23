package io.ackwatch.cli;

import io.ackwatch.analysis.Severity;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;

/** The exit code a report earns: an unreadable input outranks findings, findings outrank a clean run. */
final class Outcome {
    private Outcome() {}

    static int exitCode(Report report, Severity failOn) {
        boolean findings = false;
        for (CaptureResult capture : report.captures()) {
            if (capture.unreadable()) {
                return ExitCodes.UNUSABLE_INPUT;
            }
            for (FlowVerdict flow : capture.flows()) {
                findings |= flow.reachesSeverity(failOn);
            }
        }
        return findings ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}

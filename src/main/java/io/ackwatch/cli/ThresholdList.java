package io.ackwatch.cli;

import io.ackwatch.analysis.Thresholds;
import java.io.PrintWriter;

/** Prints the rule thresholds with defaults and sources for --list-thresholds. */
final class ThresholdList {
    private ThresholdList() {}

    static void print(PrintWriter out) {
        for (var t : Thresholds.describe()) {
            out.println(t);
        }
        out.flush();
    }
}

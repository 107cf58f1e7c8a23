package io.ackwatch.cli;

import io.ackwatch.analysis.ThresholdInfo;
import io.ackwatch.analysis.Thresholds;
import java.io.PrintWriter;

/** Prints the rule thresholds with defaults and sources for --list-thresholds. */
final class ThresholdList {
    private ThresholdList() {}

    static void print(PrintWriter out) {
        out.println("Thresholds (change one with --threshold NAME=VALUE):");
        for (ThresholdInfo t : Thresholds.describe()) {
            out.printf("  %-40s %8d %s%n      %s%n", t.name(), t.defaultValue(), t.unit(), t.source());
        }
        out.flush();
    }
}

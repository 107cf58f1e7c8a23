package io.ackwatch.verdict;

import java.util.List;

/** One run of ackwatch over one or more captures, in the order the files were given or found. */
public record Report(String toolVersion, List<CaptureResult> captures) {

    public Report {
        captures = List.copyOf(captures);
    }

    /** Totals over all captures, as the report's summary object. */
    public Summary summary() {
        int unreadable = 0;
        int flows = 0;
        int ok = 0;
        int degraded = 0;
        int failed = 0;
        int incomplete = 0;
        for (CaptureResult c : captures) {
            if (c.unreadable()) {
                unreadable++;
            }
            for (FlowVerdict f : c.flows()) {
                flows++;
                switch (f.verdict()) {
                    case OK -> ok++;
                    case DEGRADED -> degraded++;
                    case FAILED -> failed++;
                    case INCOMPLETE -> incomplete++;
                }
            }
        }
        return new Summary(captures.size(), unreadable, flows, ok, degraded, failed, incomplete);
    }

    /** Connections by verdict; {@code incomplete} ones are in none of ok, degraded, failed. */
    public record Summary(int captures, int unreadable, int flows, int ok, int degraded, int failed,
            int incomplete) {}
}

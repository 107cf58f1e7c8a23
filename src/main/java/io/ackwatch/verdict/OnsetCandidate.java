package io.ackwatch.verdict;

import java.util.List;

/**
 * One possible trigger of a printer's onset: a connection to the printer, or a scan of it, that brought something
 * the printer had not seen before in the capture.
 *
 * @param rank 1 for the most likely
 * @param kind what it is
 * @param client the client's address (the scanning source for a scan)
 * @param stream the connection's {@code tcp.stream}; for a scan its first probe's
 * @param startNanos when it started
 * @param frames the frames that carry what is unusual (a scan: none listed, its filter selects its probes)
 * @param filter a display filter selecting exactly those frames (a scan: its probes to this printer)
 * @param score the sum of its features' weights ({@link OnsetAnalysis})
 * @param unusual what is unusual about it, one phrase per feature, strongest first
 * @param why why it ranks where it does
 */
public record OnsetCandidate(int rank, Kind kind, String client, int stream, long startNanos, List<Long> frames,
        String filter, int score, List<String> unusual, String why) {

    public OnsetCandidate {
        frames = List.copyOf(frames);
        unusual = List.copyOf(unusual);
    }

    /** What a candidate is. */
    public enum Kind {
        CONNECTION, SCAN;

        /** For reports and JSON: "connection", "scan". */
        public String reportName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    OnsetCandidate ranked(int newRank, String newWhy) {
        return new OnsetCandidate(newRank, kind, client, stream, startNanos, frames, filter, score, unusual, newWhy);
    }
}

package io.ackwatch.verdict;

import java.util.List;

/**
 * When a printer's connections went from ok to degraded or failed, what reached it before, and what might have
 * set it off ({@link OnsetAnalysis}).
 *
 * @param atNanos start of the first degraded or failed connection
 * @param stream that connection's {@code tcp.stream}
 * @param verdict its verdict (degraded or failed)
 * @param healthyStartNanos start of the printer's first connection: the healthy period runs from here to the onset
 * @param connectionsBefore connections to the printer that started before the onset (at least one)
 * @param packetsBefore their packets
 * @param scansBefore scans of the printer that started before the onset
 * @param candidates the likely triggers above the evidence bar, most likely first; empty when none
 * @param belowBar connections and scans with something new that stayed below the bar
 * @param clients the printer's clients, by first job
 */
public record Onset(long atNanos, int stream, Verdict verdict, long healthyStartNanos, int connectionsBefore,
        long packetsBefore, int scansBefore, List<OnsetCandidate> candidates, int belowBar,
        List<ClientActivity> clients) {

    /** What the report says when nothing passes the evidence bar. */
    public static final String NO_TRIGGER = "no trigger found in this capture; capture from the printer's last"
            + " healthy minutes";

    public Onset {
        candidates = List.copyOf(candidates);
        clients = List.copyOf(clients);
    }

    public boolean triggerFound() {
        return !candidates.isEmpty();
    }
}

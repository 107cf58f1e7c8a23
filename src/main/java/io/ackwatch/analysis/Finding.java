package io.ackwatch.analysis;

import java.util.List;

/**
 * One piece of evidence about a connection, written for a support ticket.
 *
 * @param rule stable rule id, e.g. {@code missing-ack-after-two-segments}
 * @param severity failure, warning or info
 * @param frames Wireshark frame numbers that show it, ascending
 * @param message one or two sentences a person can act on
 * @param filter Wireshark display filter that shows the evidence
 */
public record Finding(String rule, Severity severity, List<Long> frames, String message, String filter) {
    public Finding {
        frames = List.copyOf(frames);
    }
}

package io.ackwatch.analysis;

import java.util.List;

/**
 * One piece of evidence about a connection, written for a support ticket.
 *
 * @param rule stable rule id, e.g. {@code missing-ack-after-two-segments}
 * @param severity failure, warning or info
 * @param frames Wireshark frame numbers that show it, ascending; at most {@link Evidence#MAX_LISTED_FRAMES}
 * @param frameCount how many frames the finding covers: more than {@code frames} holds when the list was shortened
 * @param message one or two sentences a person can act on
 * @param filter Wireshark display filter that selects exactly the {@code frameCount} frames, or the whole
 *     connection when the finding names none
 */
public record Finding(String rule, Severity severity, List<Long> frames, int frameCount, String message,
        String filter) {
    public Finding {
        frames = List.copyOf(frames);
        if (frameCount < frames.size()) {
            throw new IllegalArgumentException("frame count " + frameCount + " below the " + frames.size()
                    + " frames listed");
        }
    }

    /** A finding that lists all its frames. */
    public Finding(String rule, Severity severity, List<Long> frames, String message, String filter) {
        this(rule, severity, frames, frames.size(), message, filter);
    }

    /** True when the finding covers more frames than {@link #frames()} lists. */
    public boolean shortened() {
        return frameCount > frames.size();
    }
}

package io.ackwatch.verdict;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The evidence file written for one connection ({@code --extract}). It starts again at frame 1, so the
 * capture's filters select nothing in it; {@link #filter(Finding)} gives the one that does.
 *
 * @param stream the connection's {@code tcp.stream} in the capture
 * @param file the path it was written to
 * @param sha256 of the evidence file, lower-case hex
 * @param frames packets in it
 * @param renumbered capture frame number to evidence frame number, for every frame a finding names
 */
public record EvidenceFile(int stream, String file, String sha256, long frames, Map<Long, Long> renumbered) {

    public EvidenceFile {
        renumbered = Map.copyOf(renumbered);
    }

    /** {@code frame.number in {3, 5..8}}: the finding's frames as numbered in this file. */
    public String filter(Finding finding) {
        List<Long> here = new ArrayList<>(finding.frames().size());
        for (Long frame : finding.frames()) {
            Long n = renumbered.get(frame);
            if (n != null) {
                here.add(n);
            }
        }
        return Evidence.frameFilter(here);
    }
}

package io.ackwatch.verdict;

import io.ackwatch.analysis.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * One source's scan of a capture: its probes (connections without payload, see {@link ScanDetector}), which are
 * reported here once instead of as print jobs.
 *
 * @param source the scanning address
 * @param startNanos first frame of its first probe
 * @param endNanos last frame of its last probe
 * @param hosts addresses it probed, in address order
 * @param ports ports it probed, ascending
 * @param streams {@code tcp.stream} of each probe, ascending
 * @param packets frames of all its probes
 * @param firstFrame first frame of its probes
 * @param lastFrame last frame of its probes
 */
public record Scan(String source, long startNanos, long endNanos, List<String> hosts, List<Integer> ports,
        List<Integer> streams, long packets, long firstFrame, long lastFrame) {

    public Scan {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        streams = List.copyOf(streams);
    }

    /** Probes: connections the scan opened (or tried to). */
    public int connections() {
        return streams.size();
    }

    /** Wireshark display filter selecting every frame of the scan's probes and nothing else. */
    public String filter() {
        List<Long> all = new ArrayList<>(streams.size());
        for (int s : streams) {
            all.add((long) s);
        }
        return Evidence.streamFilter(all);
    }
}

package io.ackwatch.correlate;

import java.util.List;

/**
 * Every pair of captures of one run compared (empty when correlation is off or there was one capture).
 *
 * @param automatic true when ackwatch correlated on its own (the batch held captures of the same connections),
 *     false when {@code --correlate} asked for it
 */
public record Correlations(List<CaptureCorrelation> pairs, boolean automatic) {

    public static final Correlations NONE = new Correlations(List.of(), false);

    public Correlations {
        pairs = List.copyOf(pairs);
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The connection correlations that involve stream {@code stream} of capture {@code file}, with their pair. */
    public List<Match> of(String file, int stream) {
        return pairs.stream().flatMap(p -> p.connections().stream()
                .filter(c -> file.equals(p.upstreamFile()) && c.upstreamStream() == stream
                        || file.equals(p.downstreamFile()) && c.downstreamStream() == stream)
                .map(c -> new Match(p, c))).toList();
    }

    /** A connection correlation and the pair of captures it belongs to. */
    public record Match(CaptureCorrelation pair, ConnectionCorrelation connection) {}
}

package io.ackwatch.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every pair of captures of one run compared (none when correlation is off or there was one capture), with an
 * index from each capture's stream to its correlations, since a report asks once per connection.
 */
public final class Correlations {
    public static final Correlations NONE = new Correlations(List.of(), false);

    private final List<CaptureCorrelation> pairs;
    private final boolean automatic;
    private final Map<String, Map<Integer, List<Match>>> byStream = new HashMap<>();

    /**
     * @param automatic true when ackwatch correlated on its own (the batch held captures of the same
     *     connections), false when {@code --correlate} asked for it
     */
    public Correlations(List<CaptureCorrelation> pairs, boolean automatic) {
        this.pairs = List.copyOf(pairs);
        this.automatic = automatic;
        for (CaptureCorrelation p : this.pairs) {
            for (ConnectionCorrelation c : p.connections()) {
                index(p.upstreamFile(), c.upstreamStream(), new Match(p, c));
                index(p.downstreamFile(), c.downstreamStream(), new Match(p, c));
            }
        }
    }

    private void index(String file, int stream, Match match) {
        byStream.computeIfAbsent(file, f -> new HashMap<>()).computeIfAbsent(stream, s -> new ArrayList<>(1))
                .add(match);
    }

    public List<CaptureCorrelation> pairs() {
        return pairs;
    }

    public boolean automatic() {
        return automatic;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The connection correlations that involve stream {@code stream} of capture {@code file}, with their pair. */
    public List<Match> of(String file, int stream) {
        return List.copyOf(byStream.getOrDefault(file, Map.of()).getOrDefault(stream, List.of()));
    }

    /** A connection correlation and the pair of captures it belongs to. */
    public record Match(CaptureCorrelation pair, ConnectionCorrelation connection) {}
}

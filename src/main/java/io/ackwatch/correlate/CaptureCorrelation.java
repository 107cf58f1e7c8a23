package io.ackwatch.correlate;

import io.ackwatch.verdict.Vantage;
import java.util.List;

/**
 * Two captures of the same time compared: which one is nearer the client (upstream), how their clocks relate,
 * and the connections they share.
 *
 * @param upstreamFile the capture nearer the client, as the report names it
 * @param downstreamFile the capture nearer the printer
 * @param upstreamVantage where the upstream capture was taken, by its own analysis
 * @param downstreamVantage where the downstream capture was taken
 * @param orderBasis how upstream and downstream were told apart
 * @param onlyUpstream judged connections of the upstream capture not found in the downstream one
 * @param onlyDownstream the other way round
 */
public record CaptureCorrelation(String upstreamFile, String downstreamFile, Vantage upstreamVantage,
        Vantage downstreamVantage, PairStatus status, String orderBasis, ClockEstimate clock,
        List<ConnectionCorrelation> connections, int onlyUpstream, int onlyDownstream) {

    public CaptureCorrelation {
        connections = List.copyOf(connections);
    }
}

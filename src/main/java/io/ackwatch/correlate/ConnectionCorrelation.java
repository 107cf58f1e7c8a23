package io.ackwatch.correlate;

import io.ackwatch.flow.Direction;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.Verdict;
import java.util.List;

/**
 * One connection seen at two capture points, with the verdict both together give.
 *
 * @param upstreamStream its {@code tcp.stream} in the capture nearer the client
 * @param downstreamStream its {@code tcp.stream} in the capture nearer the printer
 * @param upstreamVerdict the upstream capture's own verdict (still in that capture's report)
 * @param downstreamVerdict the downstream capture's own verdict
 * @param verdict the combined verdict: the worse of the two
 * @param location where the trouble lies, as only both points together can say
 * @param reason the sentence that explains {@code location}
 * @param packets every packet of the connection with its fate, in time order; empty when not compared
 * @param notCompared why the packets were not compared, null when they were
 * @param nat the endpoints a NAT between the points rewrote, null when both points saw the same ones
 */
public record ConnectionCorrelation(Endpoint client, Endpoint server, int upstreamStream, int downstreamStream,
        Verdict upstreamVerdict, Fault upstreamFault, Verdict downstreamVerdict, Fault downstreamFault,
        Verdict verdict, Location location, String reason, List<PacketSighting> packets, String notCompared,
        Translation nat) {

    public ConnectionCorrelation {
        packets = List.copyOf(packets);
    }

    /** Packets of {@code direction} with {@code fate}. */
    public List<PacketSighting> packets(Direction direction, PacketFate fate) {
        return packets.stream().filter(p -> p.direction() == direction && p.fate() == fate).toList();
    }

    public long count(Direction direction, PacketFate fate) {
        return packets.stream().filter(p -> p.direction() == direction && p.fate() == fate).count();
    }

    public long count(PacketFate fate) {
        return packets.stream().filter(p -> p.fate() == fate).count();
    }

    /** Largest one-way delay between the points in {@code direction}, -1 when no packet was seen at both. */
    public long maxDelayNanos(Direction direction) {
        return packets.stream().filter(p -> p.direction() == direction && p.fate() == PacketFate.BOTH)
                .mapToLong(PacketSighting::delayNanos).max().orElse(-1);
    }
}

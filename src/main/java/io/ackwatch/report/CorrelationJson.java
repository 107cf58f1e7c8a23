package io.ackwatch.report;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.correlate.CaptureCorrelation;
import io.ackwatch.correlate.ClockEstimate;
import io.ackwatch.correlate.ConnectionCorrelation;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.correlate.PacketFate;
import io.ackwatch.correlate.PacketSighting;
import io.ackwatch.correlate.Translation;
import io.ackwatch.flow.Direction;
import io.ackwatch.flow.Endpoint;
import java.io.IOException;
import java.util.List;

/** The JSON report's top-level {@code correlations} and each flow's {@code correlation} (issue 17). */
final class CorrelationJson {
    private CorrelationJson() {}

    /** Every pair of captures compared, also those that share nothing (said plainly, nothing changed). */
    static void pairs(JsonEmitter g, Correlations correlations) throws IOException {
        if (correlations.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("correlations");
        for (CaptureCorrelation p : correlations.pairs()) {
            g.writeStartObject();
            g.writeStringField("upstream", p.upstreamFile());
            g.writeStringField("downstream", p.downstreamFile());
            g.writeStringField("status", p.status().reportName());
            g.writeBooleanField("automatic", correlations.automatic());
            g.writeStringField("order_basis", p.orderBasis());
            clock(g, p.clock());
            g.writeNumberField("connections", p.connections().size());
            g.writeNumberField("only_upstream", p.onlyUpstream());
            g.writeNumberField("only_downstream", p.onlyDownstream());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void clock(JsonEmitter g, ClockEstimate clock) throws IOException {
        g.writeObjectFieldStart("clock");
        g.writeBooleanField("estimated", clock.known());
        g.writeNumberField("offset_ns", clock.offsetNanos());
        g.writeDecimalField("drift_ppm", Math.round(clock.driftPpm() * 10), 1);
        g.writeNumberField("min_one_way_delay_ns", clock.minOneWayNanos());
        g.writeNumberField("round_trip_between_points_ns", clock.roundTripNanos());
        g.writeNumberField("samples", clock.samples());
        g.writeEndObject();
    }

    /** The connection as the other capture points saw it, when correlated: nothing when not. */
    static void flow(JsonEmitter g, Correlations correlations, String file, int stream) throws IOException {
        List<Correlations.Match> matches = correlations.isEmpty() ? List.of() : correlations.of(file, stream);
        if (matches.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("correlation");
        g.writeBooleanField("automatic", correlations.automatic());
        g.writeArrayFieldStart("with");
        for (Correlations.Match m : matches) {
            match(g, m.pair(), m.connection(), file.equals(m.pair().upstreamFile()));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void match(JsonEmitter g, CaptureCorrelation pair, ConnectionCorrelation c, boolean upstream)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("capture", upstream ? pair.downstreamFile() : pair.upstreamFile());
        g.writeNumberField("stream", upstream ? c.downstreamStream() : c.upstreamStream());
        g.writeStringField("this_point", upstream ? "upstream" : "downstream");
        g.writeNumberField("clock_offset_ns", pair.clock().offsetNanos());
        g.writeStringField("verdict", c.verdict().reportName());
        g.writeStringField("located", c.location().reportName());
        g.writeStringField("reason", c.reason());
        if (c.notCompared() != null) {
            g.writeStringField("not_compared", c.notCompared());
        } else {
            g.writeNullField("not_compared");
        }
        if (c.nat() != null) {
            nat(g, c.nat());
        }
        g.writeObjectFieldStart("packets");
        g.writeNumberField("both", c.count(PacketFate.BOTH));
        g.writeNumberField("lost_client_to_printer", c.count(Direction.CLIENT_TO_SERVER, PacketFate.LOST_BETWEEN));
        g.writeNumberField("lost_printer_to_client", c.count(Direction.SERVER_TO_CLIENT, PacketFate.LOST_BETWEEN));
        g.writeNumberField("capture_loss", c.count(PacketFate.MISSED_BY_SENDER_CAPTURE));
        g.writeNumberField("not_compared", c.count(PacketFate.NOT_COMPARED));
        g.writeEndObject();
        g.writeArrayFieldStart("lost");
        for (Direction d : Direction.values()) {
            for (PacketFate fate : List.of(PacketFate.LOST_BETWEEN, PacketFate.MISSED_BY_SENDER_CAPTURE)) {
                lost(g, pair, c, d, fate);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Which endpoint became which between the points; the side a NAT left alone is not named. */
    private static void nat(JsonEmitter g, Translation nat) throws IOException {
        g.writeObjectFieldStart("nat");
        if (nat.clientTranslated()) {
            endpoints(g, "client", nat.upstreamClient(), nat.downstreamClient());
        }
        if (nat.serverTranslated()) {
            endpoints(g, "printer", nat.upstreamServer(), nat.downstreamServer());
        }
        g.writeEndObject();
    }

    private static void endpoints(JsonEmitter g, String side, Endpoint upstream, Endpoint downstream)
            throws IOException {
        g.writeObjectFieldStart(side);
        g.writeStringField("upstream", upstream.toString());
        g.writeStringField("downstream", downstream.toString());
        g.writeEndObject();
    }

    /** One kind of lost packet: the capture that has them, their frames there and the filter selecting them. */
    private static void lost(JsonEmitter g, CaptureCorrelation pair, ConnectionCorrelation c, Direction d,
            PacketFate fate) throws IOException {
        List<PacketSighting> packets = c.packets(d, fate);
        if (packets.isEmpty()) {
            return;
        }
        boolean inUpstream = packets.get(0).upstreamFrame() > 0;
        List<Long> frames = packets.stream().map(p -> inUpstream ? p.upstreamFrame() : p.downstreamFrame())
                .sorted().toList();
        int stream = inUpstream ? c.upstreamStream() : c.downstreamStream();
        g.writeStartObject();
        g.writeStringField("fate", fate.reportName());
        g.writeStringField("direction", d == Direction.CLIENT_TO_SERVER ? "client-to-printer" : "printer-to-client");
        g.writeStringField("capture", inUpstream ? pair.upstreamFile() : pair.downstreamFile());
        g.writeNumberField("stream", stream);
        g.writeArrayFieldStart("frames");
        for (long f : frames) {
            g.writeNumber(f);
        }
        g.writeEndArray();
        g.writeStringField("filter", Evidence.filter(stream, frames));
        g.writeEndObject();
    }
}

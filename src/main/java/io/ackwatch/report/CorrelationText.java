package io.ackwatch.report;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.correlate.CaptureCorrelation;
import io.ackwatch.correlate.ClockEstimate;
import io.ackwatch.correlate.ConnectionCorrelation;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.correlate.PacketFate;
import io.ackwatch.correlate.PacketSighting;
import io.ackwatch.correlate.PairStatus;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Direction;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The correlation section of the text and markdown reports: per pair of captures the clocks, per shared
 * connection the combined verdict, where each lost packet was lost with its frames and a display filter in
 * each capture, and both points' timelines side by side.
 */
public final class CorrelationText {
    /** Connections with at most this many packets show every packet; longer ones only those not seen at both. */
    static final int FULL_TIMELINE_PACKETS = 24;
    private static final String I1 = "  ";
    private static final String I2 = "    ";
    private static final String I3 = "      ";

    private CorrelationText() {}

    static List<String> lines(Correlations correlations, int width) {
        List<String> out = new ArrayList<>();
        for (CaptureCorrelation pair : correlations.pairs()) {
            out.add("");
            out.add("correlation " + (correlations.automatic()
                    ? "(automatic: these captures hold the same connections; --no-correlate turns it off)"
                    : "(--correlate)"));
            pair(out, pair, width);
        }
        return out;
    }

    private static void pair(List<String> out, CaptureCorrelation pair, int width) {
        out.add(I1 + "A  " + pair.upstreamFile() + "  (nearer the client; vantage "
                + pair.upstreamVantage().reportName() + ")");
        out.add(I1 + "B  " + pair.downstreamFile() + "  (nearer the printer; vantage "
                + pair.downstreamVantage().reportName() + ")");
        if (pair.status() == PairStatus.SAME_CAPTURE) {
            out.add(I1 + "the same capture twice (same SHA-256): nothing to correlate, nothing changed");
            return;
        }
        if (pair.status() == PairStatus.NOTHING_IN_COMMON) {
            out.add(I1 + "no connection is in both captures (other addresses, ports or times): nothing to correlate,"
                    + " nothing changed");
            return;
        }
        wrap(out, "A is nearer the client: " + pair.orderBasis(), I1 + "order     ", I1 + "          ", width);
        wrap(out, clock(pair.clock()), I1 + "clock     ", I1 + "          ", width);
        out.add(I1 + "shared    " + Labels.plural(pair.connections().size(), "connection", "connections")
                + " in both, " + pair.onlyUpstream() + " only in A, " + pair.onlyDownstream() + " only in B");
        for (ConnectionCorrelation c : pair.connections()) {
            connection(out, c, pair, width);
        }
    }

    /** The clock estimate in one sentence. */
    public static String clock(ClockEstimate clock) {
        if (!clock.known()) {
            return "not estimated (no packet seen once at each point in both directions); the clocks are taken to agree";
        }
        return String.format(Locale.ROOT, "B = A %s %.6f s, drift %+.1f ppm; fastest one-way delay %s (round trip"
                + " between the points %s), from %d packets; the offset assumes the fastest packet takes as long"
                + " each way", clock.offsetNanos() < 0 ? "-" : "+", Math.abs(clock.offsetNanos()) / 1e9,
                clock.driftPpm(), Evidence.duration(clock.minOneWayNanos()), Evidence.duration(clock.roundTripNanos()),
                clock.samples());
    }

    private static void connection(List<String> out, ConnectionCorrelation c, CaptureCorrelation pair, int width) {
        out.add("");
        out.add(I1 + LadderText.pad(c.verdict().reportName().toUpperCase(Locale.ROOT), 12, false) + c.client()
                + " -> " + c.server() + "  stream " + c.upstreamStream() + " in A, " + c.downstreamStream()
                + " in B  located: " + c.location().reportName());
        wrap(out, "A: " + c.upstreamVerdict().reportName() + " (fault " + c.upstreamFault().reportName() + "), B: "
                + c.downstreamVerdict().reportName() + " (fault " + c.downstreamFault().reportName() + ")",
                I2 + "per capture ", I2 + "            ", width);
        wrap(out, c.reason(), I2 + "why: ", I2 + "     ", width);
        if (c.nat() != null) {
            wrap(out, "NAT between the points: " + c.nat().describe() + " (paired by initial sequence numbers)",
                    I2, I2, width);
        }
        if (c.notCompared() != null) {
            wrap(out, "packets not compared: " + c.notCompared(), I2, I2, width);
            return;
        }
        out.add(I2 + "packets: " + c.count(PacketFate.BOTH) + " at both points, "
                + c.count(PacketFate.LOST_BETWEEN) + " lost between them, " + c.count(PacketFate.MISSED_BY_SENDER_CAPTURE)
                + " missed by the sender-side capture, " + c.count(PacketFate.NOT_COMPARED) + " not compared");
        for (Direction d : Direction.values()) {
            lostOrMissed(out, c, d, PacketFate.LOST_BETWEEN);
            lostOrMissed(out, c, d, PacketFate.MISSED_BY_SENDER_CAPTURE);
        }
        boolean allAtBoth = c.count(PacketFate.BOTH) == c.packets().size();
        // a troubled connection whose packets all crossed: the full exchange shows where it stopped, if short
        if (!allAtBoth || c.verdict() != Verdict.OK && c.packets().size() <= FULL_TIMELINE_PACKETS) {
            timeline(out, c, pair);
        }
    }

    /** The frames of one kind of lost packet in the capture that has them, and the filter selecting them there. */
    private static void lostOrMissed(List<String> out, ConnectionCorrelation c, Direction d, PacketFate fate) {
        List<PacketSighting> packets = c.packets(d, fate);
        if (packets.isEmpty()) {
            return;
        }
        boolean inA = packets.get(0).upstreamFrame() > 0;
        List<Long> frames = packets.stream()
                .map(p -> inA ? p.upstreamFrame() : p.downstreamFrame()).sorted().toList();
        int stream = inA ? c.upstreamStream() : c.downstreamStream();
        out.add(I2 + fate.description() + ", " + direction(d) + ": " + Evidence.count(frames.size(), "packet")
                + ", " + Evidence.frameList(frames) + " in " + (inA ? "A" : "B") + ", not in " + (inA ? "B" : "A"));
        out.add(I3 + "filter in " + (inA ? "A" : "B") + ": " + Evidence.filter(stream, frames));
    }

    public static String direction(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? "client → printer" : "printer → client";
    }

    /**
     * Both points' timelines side by side: A's frame, B's frame, time on A's clock, delay, the packet, its fate. A
     * long connection shows only the packets not seen at both points, each with its neighbours.
     */
    private static void timeline(List<String> out, ConnectionCorrelation c, CaptureCorrelation pair) {
        List<PacketSighting> packets = c.packets();
        boolean all = packets.size() <= FULL_TIMELINE_PACKETS;
        boolean[] shown = shown(packets);
        wrap(out, "both points (time in seconds since the first packet, B's clock moved onto A's"
                + (all ? "" : "; packets not seen at both points, with their neighbours") + "):", I2, I2,
                TextReportWriter.WIDTH);
        out.add(I2 + "  A frame  B frame     time s      delay  packet");
        long first = packets.isEmpty() ? 0 : packets.get(0).upstreamClockNanos(pair.clock());
        for (int i = 0; i < shown.length; i++) {
            if (!shown[i]) {
                if (i > 0 && shown[i - 1]) {
                    out.add(I2 + "      ...");
                }
                continue;
            }
            PacketSighting p = packets.get(i);
            String delay = p.fate() == PacketFate.BOTH ? Evidence.duration(p.delayNanos()) : "";
            out.add(I2 + LadderText.pad(p.upstreamFrame() > 0 ? Long.toString(p.upstreamFrame()) : "-", 9, true)
                    + LadderText.pad(p.downstreamFrame() > 0 ? Long.toString(p.downstreamFrame()) : "-", 9, true)
                    + LadderText.pad(String.format(Locale.ROOT, "%.6f",
                            (p.upstreamClockNanos(pair.clock()) - first) / 1e9), 11, true)
                    + LadderText.pad(delay, 11, true) + "  "
                    + (p.direction() == Direction.CLIENT_TO_SERVER ? "-> " : "<- ") + label(p)
                    + (p.fate() == PacketFate.BOTH ? "" : "  " + p.fate().description()));
        }
    }

    /**
     * Which packets a side-by-side timeline shows: all of a short connection, of a long one those not seen at both
     * points with their neighbours.
     */
    public static boolean[] shown(List<PacketSighting> packets) {
        boolean all = packets.size() <= FULL_TIMELINE_PACKETS;
        boolean[] shown = new boolean[packets.size()];
        for (int i = 0; i < shown.length; i++) {
            if (all || packets.get(i).fate() != PacketFate.BOTH) {
                for (int k = Math.max(0, i - 1); k <= Math.min(shown.length - 1, i + 1); k++) {
                    shown[k] = true;
                }
            }
        }
        return shown;
    }

    /** e.g. {@code PSH,ACK seq=1 ack=1 len=1460}. */
    public static String label(PacketSighting p) {
        StringBuilder sb = new StringBuilder(SegmentMarks.tcpFlags(p.tcpFlags())).append(" seq=").append(p.seq());
        if ((p.tcpFlags() & TcpSegment.ACK) != 0) {
            sb.append(" ack=").append(p.ack());
        }
        return sb.append(" len=").append(p.len()).toString();
    }

    private static void wrap(List<String> out, String text, String first, String next, int width) {
        out.addAll(TextWrap.wrap(text, width, first, next));
    }
}

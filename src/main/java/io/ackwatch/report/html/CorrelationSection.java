package io.ackwatch.report.html;

import static io.ackwatch.report.html.Html.esc;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.correlate.CaptureCorrelation;
import io.ackwatch.correlate.ConnectionCorrelation;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.correlate.PacketFate;
import io.ackwatch.correlate.PacketSighting;
import io.ackwatch.correlate.PairStatus;
import io.ackwatch.flow.Direction;
import io.ackwatch.report.CorrelationText;
import java.util.List;
import java.util.Locale;

/**
 * Captures of the same connections at two points: per pair the clocks, per connection the combined verdict and
 * both points' timelines side by side, a column per point and the packet between them, so that the vendor sees
 * where each packet stopped.
 */
final class CorrelationSection {
    private CorrelationSection() {}

    static void render(StringBuilder sb, Correlations correlations) {
        for (CaptureCorrelation pair : correlations.pairs()) {
            sb.append("<section class=\"capture\">\n<h2>Correlated: ").append(esc(pair.upstreamFile()))
                    .append(" &amp; ").append(esc(pair.downstreamFile())).append("</h2>\n");
            fact(sb, "A (nearer the client)", pair.upstreamFile() + ", vantage " + pair.upstreamVantage().reportName());
            fact(sb, "B (nearer the printer)", pair.downstreamFile() + ", vantage "
                    + pair.downstreamVantage().reportName());
            if (pair.status() == PairStatus.SAME_CAPTURE) {
                fact(sb, "result", "the same capture twice: nothing to correlate, nothing changed");
            } else if (pair.status() == PairStatus.NOTHING_IN_COMMON) {
                fact(sb, "result", "no connection is in both captures: nothing to correlate, nothing changed");
            } else {
                fact(sb, "order", pair.orderBasis());
                fact(sb, "clock", CorrelationText.clock(pair.clock()));
                fact(sb, "shared", pair.connections().size() + " in both, " + pair.onlyUpstream() + " only in A, "
                        + pair.onlyDownstream() + " only in B");
            }
            for (ConnectionCorrelation c : pair.connections()) {
                connection(sb, pair, c);
            }
            sb.append("</section>\n");
        }
    }

    private static void connection(StringBuilder sb, CaptureCorrelation pair, ConnectionCorrelation c) {
        sb.append("<h3>").append(VerdictLook.of(c.verdict()).badge()).append(' ').append(esc(c.client().toString()))
                .append(" → ").append(esc(c.server().toString())).append(" <span class=\"muted\">stream ")
                .append(c.upstreamStream()).append(" in A, ").append(c.downstreamStream()).append(" in B; located: ")
                .append(esc(c.location().reportName())).append("</span></h3>\n<p>")
                .append(esc(c.reason())).append("</p>\n");
        if (c.nat() != null) {
            sb.append("<p>NAT between the points: ").append(esc(c.nat().describe()))
                    .append(" (paired by initial sequence numbers).</p>\n");
        }
        if (c.notCompared() != null) {
            sb.append("<p class=\"muted\">Packets not compared: ").append(esc(c.notCompared())).append(".</p>\n");
            return;
        }
        for (Direction d : Direction.values()) {
            for (PacketFate fate : List.of(PacketFate.LOST_BETWEEN, PacketFate.MISSED_BY_SENDER_CAPTURE)) {
                List<PacketSighting> lost = c.packets(d, fate);
                if (!lost.isEmpty()) {
                    boolean inA = lost.get(0).upstreamFrame() > 0;
                    List<Long> frames = lost.stream().map(p -> inA ? p.upstreamFrame() : p.downstreamFrame())
                            .sorted().toList();
                    sb.append("<p>").append(esc(fate.description())).append(", ")
                            .append(esc(CorrelationText.direction(d))).append(": ")
                            .append(esc(Evidence.frameList(frames))).append(" in ").append(inA ? "A" : "B")
                            .append(", not in ").append(inA ? "B" : "A").append("</p>\n");
                    ConnectionSection.filter(sb, Evidence.filter(inA ? c.upstreamStream() : c.downstreamStream(),
                            frames));
                }
            }
        }
        sb.append("<table>\n<thead><tr><th>A frame</th><th>time s (A's clock)</th><th>packet</th><th>B frame</th>")
                .append("<th>delay</th><th></th></tr></thead>\n<tbody>\n");
        List<PacketSighting> packets = c.packets();
        boolean[] shown = CorrelationText.shown(packets);
        long first = packets.isEmpty() ? 0 : packets.get(0).upstreamClockNanos(pair.clock());
        for (int i = 0; i < packets.size(); i++) {
            if (!shown[i]) {
                if (i > 0 && shown[i - 1]) {
                    sb.append("<tr><td colspan=\"6\" class=\"muted\">…</td></tr>\n");
                }
                continue;
            }
            PacketSighting p = packets.get(i);
            boolean lost = p.fate() != PacketFate.BOTH;
            sb.append(lost ? "<tr style=\"background:var(--failed-bg)\">" : "<tr>")
                    .append("<td>").append(p.upstreamFrame() > 0 ? Long.toString(p.upstreamFrame()) : "—")
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.6f",
                            (p.upstreamClockNanos(pair.clock()) - first) / 1e9))
                    .append("</td><td><code>").append(p.direction() == Direction.CLIENT_TO_SERVER ? "→ " : "← ")
                    .append(esc(CorrelationText.label(p))).append("</code></td><td>")
                    .append(p.downstreamFrame() > 0 ? Long.toString(p.downstreamFrame()) : "—").append("</td><td>")
                    .append(lost ? "" : esc(Evidence.duration(p.delayNanos()))).append("</td><td>")
                    .append(lost ? esc(p.fate().description()) : "").append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void fact(StringBuilder sb, String name, String value) {
        sb.append("<p><span class=\"muted\">").append(esc(name)).append(":</span> ").append(esc(value))
                .append("</p>\n");
    }
}

package io.ackwatch.report.html;

import static io.ackwatch.report.html.Html.esc;

import io.ackwatch.report.Labels;
import io.ackwatch.verdict.ClientActivity;
import io.ackwatch.verdict.Onset;
import io.ackwatch.verdict.OnsetCandidate;
import io.ackwatch.verdict.PrinterScan;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A printer's story as two small SVG charts on one time axis: every connection as a mark (shape and colour
 * by verdict, one lane per verdict), and beneath it the median ACK delay of each connection on a log scale
 * with the 500 ms RFC 1122 delayed-ACK bound. Past {@link #MARK_LIMIT} connections the marks become stacked
 * counts per time bin, so a long capture stays readable and small.
 */
final class TimelineChart {
    static final int MARK_LIMIT = 300;
    private static final int BINS = 60;
    private static final double W = 1000;
    private static final double X0 = 104;
    private static final double X1 = 984;
    private static final long LIMIT_NANOS = 500 * Units.NS_PER_MS;
    private static final Verdict[] LANES = {Verdict.OK, Verdict.DEGRADED, Verdict.FAILED};

    /** The lane of a verdict: an incomplete connection shares the ok lane with its own shape (nothing went wrong). */
    private static int lane(Verdict v) {
        return switch (v) {
            case OK, INCOMPLETE -> 0;
            case DEGRADED -> 1;
            case FAILED -> 2;
        };
    }

    private final PrinterSummary printer;
    private final TimeAxis axis;
    private final String idPrefix;
    private final int digits;
    private final IntFunction<String> anchorOfStream;
    private final boolean aggregate;

    /**
     * @param anchorOfStream fragment id of a connection's own section, null when it has none
     * @param aggregate draw time bins instead of one mark per connection
     */
    TimelineChart(PrinterSummary printer, long start, long end, String idPrefix, int digits,
            IntFunction<String> anchorOfStream, boolean aggregate) {
        this.printer = printer;
        this.axis = new TimeAxis(start, end, X0, X1);
        this.idPrefix = idPrefix;
        this.digits = digits;
        this.anchorOfStream = anchorOfStream;
        this.aggregate = aggregate;
    }

    void render(StringBuilder sb) {
        sb.append("<figure class=\"timeline\" id=\"").append(idPrefix).append("\">\n");
        sb.append("<figcaption>Connections to <strong>").append(esc(printer.address()))
                .append("</strong> over time")
                .append(aggregate ? ", counted per time bin (" + Units.count(printer.timeline().size())
                        + " connections are too many to mark one by one)" : ", one mark per connection")
                .append(". Legend: ").append(VerdictLook.OK.badge()).append(' ')
                .append(VerdictLook.DEGRADED.badge()).append(' ').append(VerdictLook.FAILED.badge())
                .append(printer.scans().isEmpty() ? "" : "; shaded: when a port scan probed it")
                .append(printer.onset() == null ? "" : "; dashed line: the onset (first degraded or failed"
                        + " connection)" + (printer.onset().triggerFound() ? ", numbered marks before it: trigger"
                        + " candidates by rank" : ""))
                .append(". All times UTC.</figcaption>\n");
        sb.append("<div class=\"wide\">");
        if (aggregate) {
            binnedConnections(sb);
            binnedAckDelays(sb);
        } else {
            markedConnections(sb);
            markedAckDelays(sb);
        }
        sb.append("</div>");
        onsetText(sb);
        sb.append("</figure>\n");
    }

    /** The onset in words under the chart: the headline, each candidate with what is unusual and its filter. */
    private void onsetText(StringBuilder sb) {
        Onset o = printer.onset();
        if (o == null) {
            return;
        }
        sb.append("<p class=\"onset\">").append(esc(Labels.onsetHeadline(o, Units.utc(o.atNanos(), 0)))).append(". ")
                .append(esc(Labels.onsetBefore(o))).append(".</p>\n");
        if (o.triggerFound()) {
            sb.append("<ol class=\"candidates\">\n");
            for (OnsetCandidate c : o.candidates()) {
                sb.append("<li>").append(esc(Labels.onsetCandidate(c) + ", " + Units.utc(c.startNanos(), digits)
                        + ", score " + c.score() + ": " + String.join("; ", c.unusual()) + ". Why: " + c.why()
                        + "."));
                ConnectionSection.filter(sb, c.filter());
                sb.append("</li>\n");
            }
            sb.append("</ol>\n");
        }
        sb.append("<ul class=\"clients\">");
        for (ClientActivity c : o.clients()) {
            sb.append("<li>").append(esc(Labels.clientActivity(c))).append("</li>");
        }
        sb.append("</ul>\n");
    }

    /**
     * A dashed line at the onset and, before it, one numbered mark per trigger candidate at its start. Styled by
     * attributes, as the scan bands are.
     */
    private void onsetMarks(StringBuilder sb, double top, double bottom) {
        Onset o = printer.onset();
        if (o == null) {
            return;
        }
        double x = axis.x(o.atNanos());
        sb.append("<line class=\"onset\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" x1=\"")
                .append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(f(top)).append("\" y2=\"")
                .append(f(bottom)).append("\"><title>").append(esc(Labels.onsetHeadline(o,
                        Units.utc(o.atNanos(), digits)))).append("</title></line>\n");
        for (OnsetCandidate c : o.candidates()) {
            double cx = axis.x(c.startNanos());
            sb.append("<g class=\"candidate\"><title>").append(esc("candidate " + c.rank() + ": "
                    + Labels.onsetCandidate(c) + ", " + String.join("; ", c.unusual()) + "; filter " + c.filter()))
                    .append("</title><line stroke=\"#b3261e\" x1=\"").append(f(cx)).append("\" x2=\"").append(f(cx))
                    .append("\" y1=\"").append(f(top)).append("\" y2=\"").append(f(bottom))
                    .append("\"/><circle fill=\"#b3261e\" r=\"7\" cx=\"").append(f(cx)).append("\" cy=\"")
                    .append(f(top + 7)).append("\"/><text fill=\"#fff\" font-size=\"10\" text-anchor=\"middle\" x=\"")
                    .append(f(cx)).append("\" y=\"").append(f(top + 10.5)).append("\">").append(c.rank())
                    .append("</text></g>\n");
        }
    }

    // ---- one mark per connection ----

    private void markedConnections(StringBuilder sb) {
        double laneH = 34;
        double top = 8;
        double axisY = top + laneH * LANES.length;
        openSvg(sb, "connections", axisY + 40, "Connections to " + printer.address() + " by start time and verdict",
                connectionsDescription());
        grid(sb, top, axisY);
        scanBands(sb, top, axisY);
        onsetMarks(sb, top, axisY);
        for (int l = 0; l < LANES.length; l++) {
            VerdictLook look = VerdictLook.of(LANES[l]);
            double y = top + laneH * l + laneH / 2;
            sb.append("<line class=\"lane\" x1=\"").append(f(X0)).append("\" x2=\"").append(f(X1))
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
            sb.append("<path class=\"mark ").append(look.cssClass()).append(" key\" d=\"")
                    .append(look.path(14, y, 5)).append("\"></path>");
            sb.append("<text class=\"lane-label\" x=\"26\" y=\"").append(f(y + 4)).append("\">").append(look.word())
                    .append("</text>\n");
        }
        double[][] lastX = new double[LANES.length][3];
        for (double[] row : lastX) {
            Arrays.fill(row, -1e9);
        }
        double[] dodge = {0, -9, 9};
        for (TimelineEntry e : printer.timeline()) {
            VerdictLook look = VerdictLook.of(e.verdict());
            int lane = lane(e.verdict());
            double x = axis.x(e.startNanos());
            int sub = 0;
            for (int k = 0; k < 3; k++) {
                if (x - lastX[lane][k] >= 10) {
                    sub = k;
                    break;
                }
                if (lastX[lane][k] < lastX[lane][sub]) {
                    sub = k;
                }
            }
            lastX[lane][sub] = x;
            double y = top + laneH * lane + laneH / 2 + dodge[sub];
            mark(sb, e, look, x, y, 6, "mark", connectionTitle(e));
        }
        axisLabels(sb, axisY);
        sb.append("</svg>\n");
    }

    /**
     * A band over the time each scan probed the printer (at least 3 units wide, so a scan of a few milliseconds
     * still shows): a vulnerability scan is a known way to hang a printer's network stack. Styled by attributes,
     * not the page's stylesheet, which only pages with a scan need.
     */
    private void scanBands(StringBuilder sb, double top, double bottom) {
        for (PrinterScan s : printer.scans()) {
            double x0 = axis.x(s.startNanos());
            double w = Math.max(3, axis.x(s.endNanos()) - x0);
            sb.append("<rect class=\"scan\" fill=\"#7b5ea7\" fill-opacity=\".18\" stroke=\"#7b5ea7\"")
                    .append(" stroke-dasharray=\"3 2\" x=\"").append(f(x0)).append("\" y=\"").append(f(top))
                    .append("\" width=\"").append(f(w)).append("\" height=\"").append(f(bottom - top))
                    .append("\"><title>").append(esc("scan " + Units.utc(s.startNanos(), digits) + " to "
                            + Units.utc(s.endNanos(), digits) + " " + Labels.printerScan(s)))
                    .append("</title></rect>\n");
        }
    }

    private void markedAckDelays(StringBuilder sb) {
        long[] range = delayRange(printer.timeline().stream().mapToLong(TimelineEntry::ackDelayMedianNanos)
                .filter(v -> v >= 0).toArray());
        LogScale scale = new LogScale(range[0], range[1], 48, 140);
        double noneY = 30;
        double axisY = 140;
        openSvg(sb, "ack-delay", axisY + 40, "Median ACK delay per connection to " + printer.address(),
                delayDescription());
        delayFrame(sb, scale, noneY, axisY);
        StringBuilder trend = new StringBuilder();
        for (TimelineEntry e : printer.timeline()) {
            double x = axis.x(e.startNanos());
            VerdictLook look = VerdictLook.of(e.verdict());
            if (e.ackDelayMedianNanos() < 0) {
                mark(sb, e, look, x, noneY, 4, "pt none", "stream " + e.stream() + ": no ACK delay measured ("
                        + look.word() + "), started " + Units.utc(e.startNanos(), digits));
                continue;
            }
            double y = scale.y(e.ackDelayMedianNanos());
            trend.append(trend.length() == 0 ? "" : " ").append(f(x)).append(',').append(f(y));
            mark(sb, e, look, x, y, 4.5, "pt", "stream " + e.stream() + ": median ACK delay "
                    + Units.duration(e.ackDelayMedianNanos()) + " (" + look.word() + "), started "
                    + Units.utc(e.startNanos(), digits));
        }
        if (trend.length() > 0) {
            sb.append("<polyline class=\"trend\" points=\"").append(trend).append("\"/>\n");
        }
        axisLabels(sb, axisY);
        sb.append("</svg>\n");
    }

    private void mark(StringBuilder sb, TimelineEntry e, VerdictLook look, double x, double y, double r,
            String cls, String title) {
        String anchor = anchorOfStream.apply(e.stream());
        if (anchor != null) {
            // a pointer shortcut only: inside role="img" a focus stop would be invisible to screen readers, and
            // the printer's story above links the same sections in text
            sb.append("<a href=\"#").append(anchor).append("\" tabindex=\"-1\">");
        }
        sb.append("<path class=\"").append(cls).append(' ').append(look.cssClass()).append(' ').append(look.shapeName())
                .append("\" data-stream=\"")
                .append(e.stream()).append("\" d=\"").append(look.path(x, y, r)).append("\"><title>")
                .append(esc(title)).append("</title></path>");
        if (anchor != null) {
            sb.append("</a>");
        }
        sb.append('\n');
    }

    private String connectionTitle(TimelineEntry e) {
        String delay = e.ackDelayMedianNanos() >= 0 ? ", median ACK delay " + Units.duration(e.ackDelayMedianNanos())
                : ", no ACK delay measured";
        return "stream " + e.stream() + ": " + VerdictLook.of(e.verdict()).word() + ", started "
                + Units.utc(e.startNanos(), digits) + delay;
    }

    // ---- time bins ----

    private record Bin(long from, long to, int[] counts, List<Long> delays) {
        int total() {
            return counts[0] + counts[1] + counts[2];
        }
    }

    private List<Bin> bins() {
        long span = axis.end() - axis.start();
        long width = Math.max(1, (span + BINS - 1) / BINS);
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            bins.add(new Bin(axis.start() + i * width, axis.start() + (i + 1) * width, new int[3], new ArrayList<>()));
        }
        for (TimelineEntry e : printer.timeline()) {
            int i = (int) Math.max(0, Math.min(BINS - 1, (e.startNanos() - axis.start()) / width));
            bins.get(i).counts()[lane(e.verdict())]++;
            if (e.ackDelayMedianNanos() >= 0) {
                bins.get(i).delays().add(e.ackDelayMedianNanos());
            }
        }
        return bins;
    }

    private void binnedConnections(StringBuilder sb) {
        double top = 12;
        double bottom = 98;
        List<Bin> bins = bins();
        int max = Math.max(1, bins.stream().mapToInt(Bin::total).max().orElse(1));
        openSvg(sb, "connections binned", bottom + 40, "Connections to " + printer.address()
                + " per time bin, stacked by verdict", connectionsDescription());
        String hatch = idPrefix + "-hatch";
        String cross = idPrefix + "-cross";
        sb.append("<defs><pattern id=\"").append(hatch).append("\" width=\"6\" height=\"6\" ")
                .append("patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect class=\"bar degraded\" width=\"6\" height=\"6\"/>")
                .append("<line class=\"hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern>")
                .append("<pattern id=\"").append(cross).append("\" width=\"6\" height=\"6\" ")
                .append("patternUnits=\"userSpaceOnUse\">")
                .append("<rect class=\"bar failed\" width=\"6\" height=\"6\"/>")
                .append("<path class=\"hatch\" d=\"M0 0L6 6M6 0L0 6\"/></pattern></defs>\n");
        grid(sb, top, bottom);
        scanBands(sb, top, bottom);
        onsetMarks(sb, top, bottom);
        sb.append("<text class=\"lane-label\" x=\"").append(f(X0 - 6)).append("\" y=\"").append(f(top + 8))
                .append("\" text-anchor=\"end\">").append(max).append("</text>");
        sb.append("<text class=\"lane-label\" x=\"").append(f(X0 - 6)).append("\" y=\"").append(f(bottom))
                .append("\" text-anchor=\"end\">0</text>");
        sb.append("<text class=\"axis-caption\" x=\"8\" y=\"").append(f(top + 30)).append("\">connections</text>")
                .append("<text class=\"axis-caption\" x=\"8\" y=\"").append(f(top + 44)).append("\">per ")
                .append(esc(Units.duration(bins.get(0).to() - bins.get(0).from()))).append("</text>\n");
        double bw = (X1 - X0) / BINS;
        String[] fills = {"", "url(#" + hatch + ")", "url(#" + cross + ")"};
        for (Bin b : bins) {
            if (b.total() == 0) {
                continue;
            }
            double x = axis.x(b.from());
            sb.append("<g class=\"bin\"><title>").append(esc(binLabel(b))).append(": ").append(binCounts(b))
                    .append("</title>");
            double y = bottom;
            for (int v = 0; v < 3; v++) {
                int n = b.counts()[v];
                if (n == 0) {
                    continue;
                }
                double h = (bottom - top) * n / max;
                y -= h;
                sb.append("<rect class=\"bar ").append(VerdictLook.of(LANES[v]).cssClass()).append("\" x=\"")
                        .append(f(x + 0.5)).append("\" y=\"").append(f(y)).append("\" width=\"")
                        .append(f(Math.max(1, bw - 1))).append("\" height=\"").append(f(h)).append('"');
                if (!fills[v].isEmpty()) {
                    // a style beats the class's fill: the hatching keeps verdicts apart without colour
                    sb.append(" style=\"fill:").append(fills[v]).append('"');
                }
                sb.append("/>");
            }
            sb.append("</g>\n");
        }
        axisLabels(sb, bottom);
        sb.append("</svg>\n");
    }

    private void binnedAckDelays(StringBuilder sb) {
        List<Bin> bins = bins();
        List<Long> all = new ArrayList<>();
        for (Bin b : bins) {
            all.addAll(b.delays());
        }
        long[] range = delayRange(all.stream().mapToLong(Long::longValue).toArray());
        LogScale scale = new LogScale(range[0], range[1], 30, 140);
        double axisY = 140;
        openSvg(sb, "ack-delay binned", axisY + 40, "ACK delay per time bin for " + printer.address()
                + ": median and 10th to 90th percentile of the connections' medians", delayDescription());
        delayFrame(sb, scale, -1, axisY);
        StringBuilder trend = new StringBuilder();
        double half = (X1 - X0) / BINS / 2;
        for (Bin b : bins) {
            if (b.delays().isEmpty()) {
                continue;
            }
            long[] sorted = b.delays().stream().mapToLong(Long::longValue).sorted().toArray();
            long median = percentile(sorted, 50);
            long p10 = percentile(sorted, 10);
            long p90 = percentile(sorted, 90);
            double x = axis.x(b.from()) + half;
            double y = scale.y(median);
            trend.append(trend.length() == 0 ? "" : " ").append(f(x)).append(',').append(f(y));
            VerdictLook look = median > LIMIT_NANOS ? VerdictLook.DEGRADED : VerdictLook.OK;
            sb.append("<g class=\"bin-delay\"><title>").append(esc(binLabel(b))).append(": median ACK delay ")
                    .append(esc(Units.duration(median))).append(", 10th to 90th percentile ")
                    .append(esc(Units.duration(p10))).append(" to ").append(esc(Units.duration(p90)))
                    .append(", over ").append(sorted.length).append(" connections</title>");
            if (p90 > p10) {
                sb.append("<line class=\"whisker\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
                        .append("\" y1=\"").append(f(scale.y(p10))).append("\" y2=\"").append(f(scale.y(p90)))
                        .append("\"/>");
            }
            sb.append("<path class=\"pt ").append(look.cssClass()).append(' ').append(look.shapeName())
                    .append("\" d=\"").append(look.path(x, y, 4)).append("\"></path></g>\n");
        }
        if (trend.length() > 0) {
            sb.append("<polyline class=\"trend\" points=\"").append(trend).append("\"/>\n");
        }
        axisLabels(sb, axisY);
        sb.append("</svg>\n");
    }

    private static long percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private String binLabel(Bin b) {
        return Units.utc(b.from(), 0) + " to " + Units.clock(b.to(), 0) + " UTC";
    }

    private static String binCounts(Bin b) {
        return b.counts()[0] + " ok, " + b.counts()[1] + " degraded, " + b.counts()[2] + " failed";
    }

    // ---- shared pieces ----

    private void openSvg(StringBuilder sb, String cls, double height, String title, String desc) {
        String t = idPrefix + "-" + cls.split(" ")[0] + "-t";
        String d = idPrefix + "-" + cls.split(" ")[0] + "-d";
        sb.append("<svg class=\"chart ").append(cls).append("\" viewBox=\"0 0 ").append(f(W)).append(' ')
                .append(f(height)).append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").append(t).append(' ')
                .append(d).append("\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"").append(t).append("\">").append(esc(title)).append("</title>")
                .append("<desc id=\"").append(d).append("\">").append(esc(desc)).append("</desc>\n");
    }

    private void grid(StringBuilder sb, double top, double bottom) {
        for (TimeAxis.Tick tick : axis.ticks()) {
            sb.append("<line class=\"grid\" x1=\"").append(f(tick.x())).append("\" x2=\"").append(f(tick.x()))
                    .append("\" y1=\"").append(f(top)).append("\" y2=\"").append(f(bottom)).append("\"/>");
        }
        sb.append('\n');
    }

    private void axisLabels(StringBuilder sb, double axisY) {
        sb.append("<line class=\"axis\" x1=\"").append(f(X0)).append("\" x2=\"").append(f(X1)).append("\" y1=\"")
                .append(f(axisY)).append("\" y2=\"").append(f(axisY)).append("\"/>");
        for (TimeAxis.Tick tick : axis.ticks()) {
            sb.append("<line class=\"axis\" x1=\"").append(f(tick.x())).append("\" x2=\"").append(f(tick.x()))
                    .append("\" y1=\"").append(f(axisY)).append("\" y2=\"").append(f(axisY + 5)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(f(tick.x())).append("\" y=\"").append(f(axisY + 18))
                    .append("\" text-anchor=\"middle\"><title>").append(esc(Units.utc(tick.nanos(), 3)))
                    .append("</title>").append(esc(tick.label())).append("</text>");
        }
        sb.append("<text class=\"axis-caption\" x=\"").append(f(X1)).append("\" y=\"").append(f(axisY + 34))
                .append("\" text-anchor=\"end\">").append(esc(axis.caption())).append("</text>\n");
    }

    private void delayFrame(StringBuilder sb, LogScale scale, double noneY, double axisY) {
        grid(sb, noneY >= 0 ? noneY - 8 : scale.top(), axisY);
        if (noneY >= 0) {
            sb.append("<text class=\"lane-label\" x=\"").append(f(X0 - 8)).append("\" y=\"").append(f(noneY + 4))
                    .append("\" text-anchor=\"end\">not measured</text>");
            sb.append("<line class=\"lane\" x1=\"").append(f(X0)).append("\" x2=\"").append(f(X1))
                    .append("\" y1=\"").append(f(noneY)).append("\" y2=\"").append(f(noneY)).append("\"/>\n");
        }
        sb.append("<text class=\"chart-title\" x=\"").append(f(X0)).append("\" y=\"12\">")
                .append(aggregate ? "ACK delay per time bin: median, whisker 10th\u201390th percentile"
                        : "Median ACK delay per connection")
                .append(" (log scale)</text>\n");
        for (long decade = scale.lo(); decade <= scale.hi(); decade *= 10) {
            double y = scale.y(decade);
            sb.append("<line class=\"grid\" x1=\"").append(f(X0)).append("\" x2=\"").append(f(X1)).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/><text class=\"tick\" x=\"")
                    .append(f(X0 - 8)).append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">")
                    .append(decadeLabel(decade)).append("</text>");
        }
        double ly = scale.y(LIMIT_NANOS);
        sb.append("\n<line class=\"limit\" x1=\"").append(f(X0)).append("\" x2=\"").append(f(X1)).append("\" y1=\"")
                .append(f(ly)).append("\" y2=\"").append(f(ly)).append("\"><title>500 ms: RFC 1122 \u00a74.2.3.2 says ")
                .append("an ACK must not be delayed longer</title></line><text class=\"limit-label\" x=\"")
                .append(f(X0 + 6)).append("\" y=\"").append(f(ly - 5)).append("\">")
                .append("500 ms RFC 1122 delayed-ACK limit</text>\n");
    }

    private static String decadeLabel(long nanos) {
        String[] units = {"ns", "µs", "ms", "s"};
        long v = nanos;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return v + " " + units[u];
    }

    /** Decade-aligned bounds that always include 1 ms to 1 s, so the 500 ms line has context. */
    private static long[] delayRange(long[] values) {
        long lo = Units.NS_PER_MS;
        long hi = Units.NS_PER_S;
        for (long v : values) {
            while (v < lo && lo > 1_000) {
                lo /= 10;
            }
            while (v > hi && hi < 1000 * Units.NS_PER_S) {
                hi *= 10;
            }
        }
        return new long[] {lo, hi};
    }

    private record LogScale(long lo, long hi, double top, double bottom) {
        double y(long nanos) {
            double v = Math.max(lo, Math.min(hi, Math.max(1, nanos)));
            double f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            return bottom - f * (bottom - top);
        }
    }

    private String connectionsDescription() {
        StringBuilder d = new StringBuilder();
        d.append(Units.plural(printer.flows(), "connection", "connections")).append(" to ").append(printer.address())
                .append(": ").append(printer.ok()).append(" ok, ").append(printer.degraded()).append(" degraded, ")
                .append(printer.failed()).append(" failed.");
        List<TimelineEntry> t = printer.timeline();
        if (!t.isEmpty()) {
            d.append(" First connection ").append(Units.utc(t.get(0).startNanos(), digits)).append(", last ")
                    .append(Units.utc(t.get(t.size() - 1).startNanos(), digits)).append('.');
        }
        if (printer.firstDegradedNanos() >= 0) {
            d.append(" First degraded ").append(Units.utc(printer.firstDegradedNanos(), digits)).append('.');
        }
        if (printer.firstFailedNanos() >= 0) {
            d.append(" First failed ").append(Units.utc(printer.firstFailedNanos(), digits)).append('.');
        }
        return d.toString();
    }

    private String delayDescription() {
        long[] delays = printer.timeline().stream().mapToLong(TimelineEntry::ackDelayMedianNanos)
                .filter(v -> v >= 0).toArray();
        int none = printer.timeline().size() - delays.length;
        if (delays.length == 0) {
            return "No connection to " + printer.address() + " has a measured ACK delay (" + none
                    + " without a sample).";
        }
        long min = Arrays.stream(delays).min().orElse(0);
        long max = Arrays.stream(delays).max().orElse(0);
        long over = Arrays.stream(delays).filter(v -> v > LIMIT_NANOS).count();
        return String.format(Locale.ROOT, "Median ACK delay per connection from %s to %s; %d above the 500 ms "
                + "RFC 1122 limit; %d without a measured ACK delay.", Units.duration(min), Units.duration(max),
                over, none);
    }

    private static String f(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", v);
    }
}

package io.ackwatch.report.html;

import static io.ackwatch.report.html.Html.esc;

import io.ackwatch.analysis.Finding;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.report.Labels;
import io.ackwatch.verdict.FlowVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A connection's segments as a ladder: client and printer as vertical lines, one arrow per segment with its
 * flags, relative seq/ack/len and relative time. Retransmissions and RSTs are drawn heavier and named in the
 * label, and a dashed "no ACK" marker follows the data the printer never acknowledged. Long connections are
 * cut to about {@link #CAP} segments around the evidence, with a row saying how many were left out.
 */
final class LadderDiagram {
    static final int CAP = 40;
    /** Evidence segments at most this far apart are shown as one stretch. */
    private static final int CLUSTER_GAP = 4;
    private static final double W = 820;
    private static final double CLIENT_X = 230;
    private static final double SERVER_X = 640;
    private static final double ROW = 28;
    private static final double HEAD = 52;
    private static final int RETRANSMISSIONS = TcpAnalysisFlag.RETRANSMISSION.bit()
            | TcpAnalysisFlag.FAST_RETRANSMISSION.bit() | TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.bit();

    private sealed interface Row permits SegmentRow, GapRow, NoAckRow {}

    private record SegmentRow(int index) implements Row {}

    /** Segments left out: {@code shown} by this diagram's cut, {@code unlogged} never kept by the flow stage. */
    private record GapRow(long shown, long unlogged) implements Row {}

    private record NoAckRow(long fromSeq, long toSeq, long sinceNanos) implements Row {}

    private final FlowVerdict verdict;
    private final TcpFlow flow;
    private final SegmentLog log;
    private final String id;
    private final int digits;
    private final String serverRole;
    private final Set<Long> evidence;

    LadderDiagram(FlowVerdict verdict, String id, int digits) {
        this.verdict = verdict;
        this.flow = verdict.flow();
        this.log = flow.log();
        this.id = id;
        this.digits = digits;
        this.serverRole = verdict.printer() ? "printer" : "server";
        this.evidence = evidenceFrames();
    }

    void render(StringBuilder sb) {
        if (log.size() == 0) {
            sb.append("<p class=\"note\">").append(esc(Labels.NO_LADDER)).append("</p>\n");
            return;
        }
        List<Row> rows = rows();
        double height = HEAD + rows.size() * ROW + 10;
        sb.append("<figure class=\"ladder\">\n<div class=\"wide\"><svg class=\"ladder\" viewBox=\"0 0 ").append(f(W)).append(' ')
                .append(f(height)).append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").append(id)
                .append("-t ").append(id).append("-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"").append(id)
                .append("-t\">").append(esc("Ladder diagram of stream " + flow.stream())).append("</title><desc id=\"")
                .append(id).append("-d\">").append(esc(description(rows))).append("</desc>\n");
        header(sb, height);
        double top = HEAD;
        for (Row row : rows) {
            if (row instanceof SegmentRow s) {
                segment(sb, s.index(), top);
            } else if (row instanceof GapRow g) {
                gap(sb, g, top);
            } else if (row instanceof NoAckRow n) {
                noAck(sb, n, top);
            }
            top += ROW;
        }
        sb.append("</svg></div>\n<figcaption>Ladder diagram: time runs downwards; times are relative to the first "
                + "frame of the connection; seq and ack are relative as in Wireshark.</figcaption>\n</figure>\n");
    }

    // ---- which rows ----

    private List<Row> rows() {
        int n = log.size();
        boolean[] keep = chooseKept(n);
        int unacked = indexOfFrame(flow.firstUnackedFrame());
        int noAckAfter = -1;
        if (unacked >= 0 && log.fromClient(unacked)) {
            noAckAfter = unacked;
            while (noAckAfter + 1 < n && log.fromClient(noAckAfter + 1) && log.len(noAckAfter + 1) > 0
                    && (log.analysis(noAckAfter + 1) & RETRANSMISSIONS) == 0 && keep[noAckAfter + 1]) {
                noAckAfter++;
            }
            if (!keep[noAckAfter]) {
                noAckAfter = -1;
            }
        }
        List<Row> rows = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            addGap(rows, last, i);
            rows.add(new SegmentRow(i));
            if (i == noAckAfter) {
                rows.add(new NoAckRow(log.seq(unacked), log.seq(i) + log.len(i), log.timeNanos(i)));
            }
            last = i;
        }
        addGap(rows, last, n);
        return rows;
    }

    /** Adds a gap row for the segments between kept indices {@code from} and {@code to} (exclusive). */
    private void addGap(List<Row> rows, int from, int to) {
        long shown = to - from - 1;
        long unlogged = log.omittedAt() > from && log.omittedAt() <= to ? log.omitted() : 0;
        if (shown > 0 || unlogged > 0) {
            rows.add(new GapRow(shown, unlogged));
        }
    }

    /**
     * Picks at most {@link #CAP} segments as a few contiguous stretches, so the cut reads like a story rather
     * than scattered rows: the handshake and the last segment first (how it began and ended), then the evidence
     * (the findings' frames, the first unacknowledged segment, RSTs) grouped into clusters and shown whole with
     * a segment of context either side, then more context around them, then tiny gaps filled.
     */
    private boolean[] chooseKept(int n) {
        boolean[] keep = new boolean[n];
        if (n <= CAP) {
            Arrays.fill(keep, true);
            return keep;
        }
        Budget budget = new Budget(keep);
        for (int i = 0; i < Math.min(3, n); i++) {
            budget.take(i);
        }
        budget.take(n - 1);
        List<int[]> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (evidence.contains(log.frame(i)) || (log.tcpFlags(i) & TcpSegment.RST) != 0) {
                int[] last = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
                if (last != null && i - last[1] <= CLUSTER_GAP) {
                    last[1] = i;
                } else {
                    clusters.add(new int[] {i, i});
                }
            }
        }
        for (int[] c : clusters) {
            for (int i = Math.max(0, c[0] - 1); i <= Math.min(n - 1, c[1] + 1); i++) {
                budget.take(i);
            }
        }
        if (clusters.isEmpty()) {
            // nothing to centre on: show how the connection began and how it ended
            clusters.add(new int[] {0, Math.min(2, n - 1)});
            clusters.add(new int[] {n - 1, n - 1});
        }
        for (int r = 2; !budget.full() && r < n; r++) {
            for (int[] c : clusters) {
                budget.take(c[0] - r);
                budget.take(c[1] + r);
            }
        }
        // a gap of one or two segments takes about as much room as its "omitted" row: show them if room is left
        for (int i = 1; i < n - 1 && !budget.full(); i++) {
            if (!keep[i] && keep[i - 1]) {
                int j = i;
                while (j < n && !keep[j]) {
                    j++;
                }
                if (j < n && j - i <= 2) {
                    for (int k = i; k < j; k++) {
                        budget.take(k);
                    }
                }
                i = j;
            }
        }
        return keep;
    }

    /** Marks indices as kept until {@link #CAP} are; ignores indices out of range. */
    private static final class Budget {
        private final boolean[] keep;
        private int kept;

        Budget(boolean[] keep) {
            this.keep = keep;
        }

        void take(int i) {
            if (kept < CAP && i >= 0 && i < keep.length && !keep[i]) {
                keep[i] = true;
                kept++;
            }
        }

        boolean full() {
            return kept >= CAP;
        }
    }

    private Set<Long> evidenceFrames() {
        Set<Long> frames = new HashSet<>();
        for (Finding finding : verdict.findings()) {
            frames.addAll(finding.frames());
        }
        if (flow.firstUnackedFrame() > 0) {
            frames.add(flow.firstUnackedFrame());
        }
        return frames;
    }

    private int indexOfFrame(long frame) {
        if (frame <= 0) {
            return -1;
        }
        for (int i = 0; i < log.size(); i++) {
            if (log.frame(i) == frame) {
                return i;
            }
        }
        return -1;
    }

    // ---- drawing ----

    private void header(StringBuilder sb, double height) {
        sb.append("<text class=\"col-head\" x=\"8\" y=\"18\">frame</text>")
                .append("<text class=\"col-head\" x=\"64\" y=\"18\">time</text>")
                .append("<text class=\"end-name\" x=\"").append(f(CLIENT_X)).append("\" y=\"18\" text-anchor=\"middle\">")
                .append("client</text><text class=\"end-addr\" x=\"").append(f(CLIENT_X))
                .append("\" y=\"34\" text-anchor=\"middle\">").append(esc(flow.client().toString())).append("</text>")
                .append("<text class=\"end-name\" x=\"").append(f(SERVER_X)).append("\" y=\"18\" text-anchor=\"middle\">")
                .append(serverRole).append("</text><text class=\"end-addr\" x=\"").append(f(SERVER_X))
                .append("\" y=\"34\" text-anchor=\"middle\">").append(esc(flow.server().toString())).append("</text>\n");
        for (double x : new double[] {CLIENT_X, SERVER_X}) {
            sb.append("<line class=\"life\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(f(HEAD - 10)).append("\" y2=\"").append(f(height - 6)).append("\"/>");
        }
        sb.append('\n');
    }

    private void segment(StringBuilder sb, int i, double top) {
        boolean c2s = log.fromClient(i);
        int flags = log.tcpFlags(i);
        int analysis = log.analysis(i);
        boolean rst = (flags & TcpSegment.RST) != 0;
        boolean relayCopy = log.relayCopy(i);
        boolean rtx = !relayCopy && (analysis & RETRANSMISSIONS) != 0;
        boolean evidence = this.evidence.contains(log.frame(i));
        StringBuilder cls = new StringBuilder("seg ").append(c2s ? "c2s" : "s2c");
        if (rst) {
            cls.append(" rst");
        }
        if (rtx) {
            cls.append(" rtx");
        }
        if (log.len(i) > 0) {
            cls.append(" data");
        }
        if (analysis != 0 && !rtx && !relayCopy) {
            cls.append(" flagged");
        }
        if (evidence) {
            cls.append(" evidence");
        }
        double xa = c2s ? CLIENT_X : SERVER_X;
        double xb = c2s ? SERVER_X - 2 : CLIENT_X + 2;
        double ya = top + 13;
        double yb = top + 22;
        long rel = log.timeNanos(i) - flow.startNanos();
        // Wireshark's words for a relay's copy (retransmission, dup ACK) would say the sender sent it twice
        String words = relayCopy ? "[relay copy]" : analysisWords(analysis);
        String what = flagText(flags) + " " + seqText(i);
        sb.append("<g class=\"").append(cls).append("\" data-frame=\"").append(log.frame(i)).append("\"><title>")
                .append(esc("frame " + log.frame(i) + ", " + Units.offset(rel) + " (" + Units.utc(log.timeNanos(i),
                        digits) + "), " + (c2s ? "client → " + serverRole : serverRole + " → client") + ": " + what
                        + " win=" + log.window(i) + (words.isEmpty() ? "" : ", " + words.replace("[", "")
                        .replace("]", ""))))
                .append("</title>");
        sb.append("<text class=\"frame").append(evidence ? " ev" : "").append("\" x=\"8\" y=\"").append(f(yb))
                .append("\">").append(log.frame(i)).append("</text><text class=\"time\" x=\"64\" y=\"")
                .append(f(yb)).append("\">").append(esc(Units.offset(rel))).append("</text>");
        sb.append("<line class=\"arrow\" x1=\"").append(f(xa)).append("\" y1=\"").append(f(ya)).append("\" x2=\"")
                .append(f(xb)).append("\" y2=\"").append(f(yb)).append("\"/>");
        arrowHead(sb, xa, ya, xb, yb);
        sb.append("<text class=\"label\" x=\"").append(f((CLIENT_X + SERVER_X) / 2)).append("\" y=\"")
                .append(f(top + 10)).append("\" text-anchor=\"middle\">");
        if (!words.isEmpty()) {
            sb.append("<tspan class=\"word\">").append(esc(words)).append("</tspan> ");
        }
        sb.append(esc(what)).append("</text></g>\n");
    }

    private void arrowHead(StringBuilder sb, double xa, double ya, double xb, double yb) {
        double len = Math.hypot(xb - xa, yb - ya);
        double ux = (xb - xa) / len;
        double uy = (yb - ya) / len;
        double size = 9;
        double bx = xb - ux * size;
        double by = yb - uy * size;
        sb.append("<path class=\"head\" d=\"M").append(f(xb)).append(' ').append(f(yb)).append('L')
                .append(f(bx - uy * 4)).append(' ').append(f(by + ux * 4)).append('L').append(f(bx + uy * 4))
                .append(' ').append(f(by - ux * 4)).append("Z\"/>");
    }

    private void gap(StringBuilder sb, GapRow g, double top) {
        String text;
        if (g.unlogged() == 0) {
            text = Units.plural(g.shown(), "segment", "segments") + " omitted";
        } else if (g.shown() == 0) {
            text = Units.plural(g.unlogged(), "segment", "segments") + " not kept by the capture summary";
        } else {
            text = Units.plural(g.shown() + g.unlogged(), "segment", "segments") + " omitted";
        }
        sb.append("<g class=\"gap\"><rect x=\"4\" y=\"").append(f(top + 4)).append("\" width=\"").append(f(W - 8))
                .append("\" height=\"").append(f(ROW - 8)).append("\" rx=\"4\"/><text x=\"")
                .append(f((CLIENT_X + SERVER_X) / 2)).append("\" y=\"").append(f(top + 18))
                .append("\" text-anchor=\"middle\">\u22EE ").append(esc(text)).append(" \u22EE</text></g>\n");
    }

    private void noAck(StringBuilder sb, NoAckRow n, double top) {
        double y = top + 14;
        sb.append("<g class=\"no-ack\"><title>").append(esc("The " + serverRole + " never acknowledged seq "
                        + n.fromSeq() + " to " + n.toSeq() + " (no ACK covers this data)")).append("</title>")
                .append("<line x1=\"").append(f(SERVER_X)).append("\" y1=\"").append(f(y)).append("\" x2=\"")
                .append(f(CLIENT_X + 30)).append("\" y2=\"").append(f(y)).append("\"/>")
                .append("<path class=\"x\" d=\"M").append(f(CLIENT_X + 24)).append(' ').append(f(y - 6)).append('l')
                .append("12 12m0 -12l-12 12\"/><text x=\"").append(f((CLIENT_X + SERVER_X) / 2)).append("\" y=\"")
                .append(f(y - 4)).append("\" text-anchor=\"middle\">no ACK for seq ").append(n.fromSeq())
                .append("\u2013").append(n.toSeq()).append("</text></g>\n");
    }

    private String description(List<Row> rows) {
        long shown = rows.stream().filter(r -> r instanceof SegmentRow).count();
        long total = log.size() + log.omitted();
        int rtx = 0;
        List<Long> rsts = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            if ((log.analysis(i) & RETRANSMISSIONS) != 0 && !log.relayCopy(i)) {
                rtx++;
            }
            if ((log.tcpFlags(i) & TcpSegment.RST) != 0) {
                rsts.add(log.frame(i));
            }
        }
        StringBuilder d = new StringBuilder();
        d.append(shown == total ? "All " + Units.plural(total, "segment", "segments")
                        : shown + " of " + Units.plural(total, "segment", "segments"))
                .append(" between client ").append(flow.client()).append(" and ").append(serverRole).append(' ')
                .append(flow.server()).append(". ").append(Units.plural(rtx, "retransmission", "retransmissions"))
                .append(" in the log.");
        if (!rsts.isEmpty()) {
            d.append(" RST in frame ").append(rsts.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("")).append('.');
        }
        rows.stream().filter(r -> r instanceof NoAckRow).map(r -> (NoAckRow) r).findFirst().ifPresent(r ->
                d.append(" No ACK for seq ").append(r.fromSeq()).append(" to ").append(r.toSeq()).append('.'));
        return d.toString();
    }

    private String seqText(int i) {
        StringBuilder s = new StringBuilder("seq=").append(log.seq(i));
        if ((log.tcpFlags(i) & TcpSegment.ACK) != 0) {
            s.append(" ack=").append(log.ack(i));
        }
        if (log.len(i) > 0) {
            s.append(" len=").append(log.len(i));
        }
        return s.toString();
    }

    static String flagText(int flags) {
        StringBuilder s = new StringBuilder();
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        int[] bits = {TcpSegment.FIN, TcpSegment.SYN, TcpSegment.RST, TcpSegment.PSH, TcpSegment.ACK,
            TcpSegment.URG, TcpSegment.ECE, TcpSegment.CWR};
        for (int k = 0; k < names.length; k++) {
            if ((flags & bits[k]) != 0) {
                s.append(s.length() == 0 ? "" : ", ").append(names[k]);
            }
        }
        return s.length() == 0 ? "[none]" : "[" + s + "]";
    }

    /** Wireshark's expert words for the frame, e.g. {@code [TCP Retransmission]}. */
    static String analysisWords(int mask) {
        StringBuilder s = new StringBuilder();
        for (TcpAnalysisFlag flag : TcpAnalysisFlag.values()) {
            if (!flag.in(mask)) {
                continue;
            }
            String word = flag.expertSummary();
            // fast/spurious retransmissions also carry the plain flag; name the specific one only
            if (flag == TcpAnalysisFlag.RETRANSMISSION && (TcpAnalysisFlag.FAST_RETRANSMISSION.in(mask)
                    || TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.in(mask))) {
                continue;
            }
            s.append(s.length() == 0 ? "" : " ").append('[').append(word).append(']');
        }
        return s.toString();
    }

    private static String f(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", v);
    }
}

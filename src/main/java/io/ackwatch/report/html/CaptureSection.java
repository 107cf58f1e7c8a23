package io.ackwatch.report.html;

import static io.ackwatch.report.html.Html.esc;

import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.Compression;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Verdict;
import io.ackwatch.report.Labels;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Everything about one capture file: what was read, the printers' stories, the troubled connections. */
final class CaptureSection {
    /** Connections that get a full section with a ladder; the rest are listed in a table. */
    static final int DETAILED_LIMIT = 50;
    /** Printers drawn as timelines; more are listed only in the summary table. */
    static final int CHART_LIMIT = 24;
    /** Above this many connections in a capture every timeline is binned, to bound the page size. */
    static final int CAPTURE_MARK_LIMIT = 2_000;
    static final int HEALTHY_ROWS = 1_000;
    /**
     * Page text held back before it goes to the writer. A capture with tens of thousands of troubled connections
     * lists them all; built whole, that list outgrew a 256 MB heap on 10 M packets.
     */
    private static final int SPILL_CHARS = 1 << 16;

    private final CaptureResult capture;
    private final int index;
    private final int digits;
    private final boolean verbose;
    private final LadderBudget ladders;
    private final Map<Integer, String> anchors = new HashMap<>();

    CaptureSection(CaptureResult capture, int index, boolean verbose, LadderBudget ladders) {
        this.capture = capture;
        this.index = index;
        this.digits = capture.precisionDigits() > 0 ? Math.min(9, capture.precisionDigits()) : 6;
        this.verbose = verbose;
        this.ladders = ladders;
        for (FlowVerdict f : capture.flows()) {
            if (f.verdict() != Verdict.OK) {
                anchors.put(f.flow().stream(), connectionId(f));
            }
        }
    }

    static String id(int index) {
        return "cap" + index;
    }

    private String connectionId(FlowVerdict f) {
        return "c" + index + "-s" + f.flow().stream();
    }

    /**
     * Appends this capture's section to {@code sb}, handing what {@code sb} holds to {@code out} whenever it
     * grows long; the caller writes the rest.
     */
    void render(StringBuilder sb, Writer out) throws IOException {
        String sid = id(index);
        sb.append("<section class=\"capture\" id=\"").append(sid).append("\" aria-labelledby=\"").append(sid)
                .append("-h\">\n<h2 id=\"").append(sid).append("-h\"><span class=\"file\">").append(esc(capture.file()))
                .append("</span>");
        if (capture.unreadable()) {
            sb.append(" <span class=\"badge unreadable\">unreadable</span>");
        }
        sb.append("</h2>\n");
        if (capture.unreadable()) {
            error(sb, capture.error());
            sb.append("</section>\n");
            return;
        }
        meta(sb);
        if (capture.error() != null) {
            error(sb, capture.error());
        }
        for (String w : capture.warnings()) {
            sb.append("<p class=\"alert warn\">").append(esc(w)).append("</p>\n");
        }
        printers(sb);
        scans(sb);
        troubled(sb, out);
        healthy(sb, out);
        sb.append("</section>\n");
    }

    private static void spill(StringBuilder sb, Writer out) throws IOException {
        if (sb.length() >= SPILL_CHARS) {
            out.append(sb);
            sb.setLength(0);
        }
    }

    private void error(StringBuilder sb, CaptureError e) {
        sb.append("<div class=\"alert\" role=\"alert\"><p><strong>")
                .append(e.fatal() ? "This capture could not be read" : "This capture was not read to its end")
                .append("</strong> (").append(esc(e.kind().reportName())).append("): ").append(esc(e.message()))
                .append("</p>");
        if (e.offset() >= 0 || e.afterFrame() >= 0) {
            sb.append("<p>");
            if (e.offset() >= 0) {
                sb.append("At byte offset ").append(Units.count(e.offset())).append(". ");
            }
            if (e.afterFrame() >= 0) {
                sb.append("Last good frame: ").append(Units.count(e.afterFrame())).append('.');
            }
            sb.append("</p>");
        }
        if (!e.fatal()) {
            sb.append("<p>Everything below comes from the frames read before the damage.</p>");
        }
        sb.append("</div>\n");
    }

    private void meta(StringBuilder sb) {
        sb.append("<dl class=\"meta\">");
        String format = capture.format().reportName()
                + (capture.compression() == Compression.NONE ? "" : ", " + capture.compression().reportName()
                        + " compressed")
                + (capture.linkTypes().isEmpty() ? "" : ", link " + String.join(", ", capture.linkTypes()));
        dd(sb, "format", esc(format));
        fileIdentity(sb);
        dd(sb, "frames", esc(Units.count(capture.packets()) + " (" + Units.count(capture.tcpPackets()) + " TCP)"));
        if (capture.startNanos() >= 0) {
            dd(sb, "time span", "<time datetime=\"" + Units.instant(capture.startNanos()) + "\">"
                    + esc(Units.utc(capture.startNanos(), digits)) + "</time> to <time datetime=\""
                    + Units.instant(capture.endNanos()) + "\">" + esc(Units.utc(capture.endNanos(), digits))
                    + "</time> (" + esc(Units.duration(capture.endNanos() - capture.startNanos())) + ")");
        }
        dd(sb, "capture point", esc(ConnectionSection.vantageWord(capture.vantage())));
        int ok = 0;
        int degraded = 0;
        int failed = 0;
        int incomplete = 0;
        for (FlowVerdict f : capture.flows()) {
            switch (f.verdict()) {
                case OK -> ok++;
                case DEGRADED -> degraded++;
                case FAILED -> failed++;
                case INCOMPLETE -> incomplete++;
            }
        }
        dd(sb, "connections", Units.count(capture.flows().size()) + " judged: " + Units.count(ok) + " "
                + VerdictLook.OK.badge() + " " + Units.count(degraded) + " " + VerdictLook.DEGRADED.badge() + " "
                + Units.count(failed) + " "
                + VerdictLook.FAILED.badge()
                + (incomplete > 0 ? " " + Units.count(incomplete) + " " + VerdictLook.INCOMPLETE.badge() : "")
                + (capture.otherTcpFlows() > 0 ? " \u00b7 "
                        + Units.count(capture.otherTcpFlows()) + " other TCP connections not judged" : ""));
        sb.append("</dl>\n");
    }

    private void fileIdentity(StringBuilder sb) {
        String identity = Labels.fileIdentity(capture);
        if (identity != null) {
            dd(sb, "file", esc(identity));
        }
    }

    private static void dd(StringBuilder sb, String name, String html) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(html).append("</dd>");
    }

    // ---- printers ----

    private void printers(StringBuilder sb) {
        List<PrinterSummary> printers = capture.printers();
        sb.append("<h3>Printers</h3>\n");
        if (printers.isEmpty()) {
            sb.append("<p>No printer connections in this capture")
                    .append(capture.flows().isEmpty() ? "." : "; the connections judged below go to other servers.")
                    .append("</p>\n");
            return;
        }
        sb.append("<div class=\"scroll\"><table class=\"printers\"><thead><tr><th scope=\"col\">printer</th>")
                .append("<th scope=\"col\">ports</th><th scope=\"col\" class=\"num\">connections</th>")
                .append("<th scope=\"col\" class=\"num\">ok</th><th scope=\"col\" class=\"num\">degraded</th>")
                .append("<th scope=\"col\" class=\"num\">failed</th><th scope=\"col\">first degraded (UTC)</th>")
                .append("<th scope=\"col\">first failed (UTC)</th><th scope=\"col\">SYN-ACK</th></tr></thead>")
                .append("<tbody>\n");
        for (PrinterSummary p : printers) {
            sb.append("<tr><th scope=\"row\" class=\"addr\">").append(esc(p.address())).append("</th><td>")
                    .append(esc(p.ports().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")))
                    .append("</td><td class=\"num\">").append(Units.count(p.flows())).append("</td><td class=\"num\">")
                    .append(Units.count(p.ok())).append("</td><td class=\"num\">").append(Units.count(p.degraded()))
                    .append("</td><td class=\"num\">").append(Units.count(p.failed())).append("</td><td>")
                    .append(time(p.firstDegradedNanos())).append("</td><td>").append(time(p.firstFailedNanos()))
                    .append("</td>");
            synAckCell(sb, p);
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        Set<PrinterSummary> charted = Collections.newSetFromMap(new IdentityHashMap<>());
        printers.stream()
                .sorted(Comparator.comparingInt(PrinterSummary::failed).thenComparingInt(PrinterSummary::degraded)
                        .thenComparingInt(PrinterSummary::flows).reversed())
                .limit(CHART_LIMIT).forEach(charted::add);
        if (printers.size() > CHART_LIMIT) {
            sb.append("<p class=\"note\">Timelines are drawn for the ").append(CHART_LIMIT)
                    .append(" printers with the most trouble; the table above lists all ")
                    .append(printers.size()).append(".</p>\n");
        }
        long start = capture.startNanos();
        long end = capture.endNanos();
        if (start < 0 || end < start) {
            start = printers.stream().flatMap(p -> p.timeline().stream()).mapToLong(TimelineEntry::startNanos)
                    .min().orElse(0);
            end = printers.stream().flatMap(p -> p.timeline().stream()).mapToLong(TimelineEntry::startNanos)
                    .max().orElse(0);
        }
        boolean bigCapture = capture.flows().size() > CAPTURE_MARK_LIMIT;
        int n = 0;
        for (PrinterSummary p : printers) {
            if (!charted.contains(p)) {
                continue;
            }
            sb.append("<h4>Printer <span class=\"file\">").append(esc(p.address())).append("</span></h4>\n<p>")
                    .append(story(p)).append("</p>\n");
            boolean aggregate = bigCapture || p.timeline().size() > TimelineChart.MARK_LIMIT;
            new TimelineChart(p, start, end, id(index) + "-p" + (n++), digits, anchors::get, aggregate).render(sb);
        }
    }

    /** Port scans, one per scanning source, with the filter that shows their probes. */
    private void scans(StringBuilder sb) {
        if (capture.scans().isEmpty()) {
            return;
        }
        sb.append("<h3>Scans</h3>\n<p>Connections without payload from a source that probed many hosts or ports:"
                + " a port scan, not print jobs, so not judged, counted or in the exit code.</p>\n");
        for (Scan s : capture.scans()) {
            sb.append("<p><strong class=\"addr\">").append(esc(s.source())).append("</strong>, <time datetime=\"")
                    .append(Units.instant(s.startNanos())).append("\">").append(esc(Units.utc(s.startNanos(), digits)))
                    .append("</time> to <time datetime=\"").append(Units.instant(s.endNanos())).append("\">")
                    .append(esc(Units.utc(s.endNanos(), digits))).append("</time>: ").append(esc(Labels.scan(s)))
                    .append(".</p>\n");
            ConnectionSection.filter(sb, s.filter());
        }
    }

    /** The printer's TCP parameters, what a vendor asks for first. */
    private static void synAckCell(StringBuilder sb, PrinterSummary p) {
        sb.append("<td>").append(esc(Labels.synAckVariants(p.synAcks()))).append("</td>");
    }

    private String time(long nanos) {
        if (nanos < 0) {
            return "<span class=\"muted\">never</span>";
        }
        return "<time datetime=\"" + Units.instant(nanos) + "\" title=\"" + esc(Units.utc(nanos, digits)) + "\">"
                + esc(Units.date(nanos) + " " + Units.clock(nanos, Math.min(3, digits))) + "</time>";
    }

    /** One sentence that tells the printer's story in words, for readers who do not see the chart. */
    private String story(PrinterSummary p) {
        StringBuilder s = new StringBuilder();
        s.append(esc(Units.plural(p.flows(), "connection", "connections"))).append(": ").append(Units.count(p.ok()))
                .append(" ok, ").append(Units.count(p.degraded())).append(" degraded, ").append(Units.count(p.failed()))
                .append(" failed.");
        if (p.degraded() == 0 && p.failed() == 0) {
            return s.append(" All connections were healthy.").toString();
        }
        if (p.firstDegradedNanos() >= 0) {
            s.append(" First degraded connection").append(streamLink(p, Verdict.DEGRADED)).append(" at ")
                    .append(time(p.firstDegradedNanos())).append(" UTC.");
        }
        if (p.firstFailedNanos() >= 0) {
            s.append(" First failed connection").append(streamLink(p, Verdict.FAILED)).append(" at ")
                    .append(time(p.firstFailedNanos())).append(" UTC.");
        }
        long okAfterTrouble = okAfterFirstTrouble(p);
        if (okAfterTrouble == 0) {
            s.append(" No connection was ok after the first problem.");
        } else {
            s.append(' ').append(Units.plural(okAfterTrouble, "connection was", "connections were"))
                    .append(" ok after the first problem.");
        }
        return s.toString();
    }

    /** " (stream 26)" linked to that connection's section, for the first connection with this verdict. */
    private String streamLink(PrinterSummary p, Verdict verdict) {
        for (TimelineEntry e : p.timeline()) {
            if (e.verdict() == verdict) {
                String anchor = anchors.get(e.stream());
                return anchor == null ? " (stream " + e.stream() + ")"
                        : " (<a href=\"#" + anchor + "\">stream " + e.stream() + "</a>)";
            }
        }
        return "";
    }

    private static long okAfterFirstTrouble(PrinterSummary p) {
        boolean trouble = false;
        long ok = 0;
        for (TimelineEntry e : p.timeline()) {
            if (e.verdict() != Verdict.OK) {
                trouble = true;
            } else if (trouble) {
                ok++;
            }
        }
        return ok;
    }

    // ---- connections ----

    private void troubled(StringBuilder sb, Writer out) throws IOException {
        // failed first: they are what the reader came for; each group in stream (= time) order
        List<FlowVerdict> bad = Stream.of(Verdict.FAILED, Verdict.DEGRADED, Verdict.INCOMPLETE)
                .flatMap(verdict -> capture.flows().stream().filter(f -> f.verdict() == verdict)).toList();
        boolean incomplete = bad.stream().anyMatch(f -> f.verdict() == Verdict.INCOMPLETE);
        sb.append(incomplete ? "<h3>Failed, degraded and incomplete connections (" : "<h3>Failed and degraded connections (")
                .append(bad.size()).append(")</h3>\n");
        if (bad.isEmpty()) {
            sb.append("<p>None: every judged connection was ok.</p>\n");
            return;
        }
        int n = 0;
        for (FlowVerdict f : bad) {
            if (n++ >= DETAILED_LIMIT) {
                break;
            }
            new ConnectionSection(f, connectionId(f), digits, ladders.take(),
                    capture.evidenceFor(f.flow().stream()), capture.setFiles()).render(sb);
            spill(sb, out);
        }
        if (bad.size() > DETAILED_LIMIT) {
            sb.append("<p class=\"note\" id=\"").append(id(index)).append("-more\">Only the first ")
                    .append(DETAILED_LIMIT).append(" failed or degraded connections are shown in detail with a ladder ")
                    .append("diagram; the other ").append(Units.count(bad.size() - DETAILED_LIMIT))
                    .append(" follow in short.</p>\n");
            sb.append("<div class=\"scroll\"><table class=\"more\"><thead><tr><th scope=\"col\" class=\"num\">stream</th>")
                    .append("<th scope=\"col\">verdict</th><th scope=\"col\">fault</th><th scope=\"col\">start (UTC)</th>")
                    .append("<th scope=\"col\">client \u2192 server</th><th scope=\"col\">main finding</th>")
                    .append("<th scope=\"col\">filter</th></tr></thead><tbody>\n");
            for (FlowVerdict f : bad.subList(DETAILED_LIMIT, bad.size())) {
                Finding main = f.findings().isEmpty() ? null : f.findings().get(0);
                sb.append("<tr id=\"").append(connectionId(f)).append("\"><td class=\"num\">").append(f.flow().stream())
                        .append("</td><td>").append(VerdictLook.of(f.verdict()).badge()).append("</td><td>")
                        .append(esc(Labels.fault(f))).append("</td>").append(clockCell(f.flow().startNanos()))
                        .append("<td class=\"addr\">")
                        .append(esc(f.flow().client().toString())).append(" \u2192 ")
                        .append(esc(f.flow().server().toString())).append("</td><td>")
                        .append(main == null ? "" : esc(main.message())).append("</td><td><code>")
                        .append(esc(main == null || main.filter() == null ? f.flow().displayFilter() : main.filter()))
                        .append("</code></td></tr>\n");
                spill(sb, out);
            }
            sb.append("</tbody></table></div>\n");
        }
    }

    /** A table cell with the time of day; the full UTC timestamp as its tooltip. */
    private String clockCell(long nanos) {
        return "<td title=\"" + esc(Units.utc(nanos, digits)) + "\">" + esc(Units.clock(nanos, Math.min(3, digits)))
                + "</td>";
    }

    private void healthy(StringBuilder sb, Writer out) throws IOException {
        List<FlowVerdict> ok = capture.flows().stream().filter(f -> f.verdict() == Verdict.OK).toList();
        if (ok.isEmpty()) {
            return;
        }
        sb.append("<details class=\"healthy\"><summary>Healthy connections (").append(Units.count(ok.size()))
                .append(")</summary>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\" class=\"num\">stream</th>")
                .append("<th scope=\"col\">start (UTC)</th><th scope=\"col\">client</th><th scope=\"col\">server</th>")
                .append("<th scope=\"col\" class=\"num\">duration</th><th scope=\"col\" class=\"num\">bytes sent</th>")
                .append("<th scope=\"col\" class=\"num\">ACK delay (median)</th></tr></thead><tbody>\n");
        int limit = verbose ? Integer.MAX_VALUE : HEALTHY_ROWS;
        int n = 0;
        for (FlowVerdict f : ok) {
            if (n++ >= limit) {
                break;
            }
            TcpFlow flow = f.flow();
            sb.append("<tr><td class=\"num\">").append(flow.stream()).append("</td>").append(clockCell(flow.startNanos()))
                    .append("<td class=\"addr\">")
                    .append(esc(flow.client().toString())).append("</td><td class=\"addr\">")
                    .append(esc(flow.server().toString())).append("</td><td class=\"num\">")
                    .append(esc(Units.duration(flow.endNanos() - flow.startNanos()))).append("</td><td class=\"num\">")
                    .append(Units.count(flow.clientBytes())).append("</td><td class=\"num\">")
                    .append(flow.ackDelay().present() ? esc(Units.duration(flow.ackDelay().medianNanos())) : "\u2013")
                    .append("</td></tr>\n");
            spill(sb, out);
        }
        sb.append("</tbody></table></div>\n");
        if (ok.size() > limit) {
            sb.append("<p class=\"note\">The first ").append(Units.count(limit)).append(" of ")
                    .append(Units.count(ok.size()))
                    .append(" healthy connections are listed; --verbose lists all, and the JSON report has all.</p>\n");
        }
        sb.append("</details>\n");
    }
}

package io.ackwatch.report;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.capture.FileFrames;
import io.ackwatch.capture.FileSpan;
import io.ackwatch.capture.SetMember;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.ClientActivity;
import io.ackwatch.verdict.Onset;
import io.ackwatch.verdict.OnsetCandidate;
import io.ackwatch.verdict.PrinterScan;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default report, for a support engineer with two minutes: per capture its facts, per printer a timeline
 * of its connections, per failed or degraded connection the verdict, why, the evidence (frames and Wireshark
 * filters) and a ladder of the failing exchange. Lines fit {@link #WIDTH} columns, except a word that cannot
 * be broken (a long path) and display filters, which stay on one line so that they paste into Wireshark.
 */
public final class TextReportWriter implements ReportWriter {
    public static final int WIDTH = 100;
    private static final String I1 = "  ";
    private static final String I2 = "    ";
    private static final String I3 = "      ";
    private static final char NBSP = TextWrap.NBSP;
    /** The timeline legend with its entries' two-space gaps kept together. */
    private static final String TIMELINE_LEGEND = PrinterTimeline.LEGEND.replace("  ", NBSP + "" + NBSP);

    /**
     * Troubled connections per capture shown in full; the rest get one line each unless verbose. A printer that
     * refuses a retrying client makes hundreds of identical failures, and the first few tell the story.
     */
    static final int DETAIL_LIMIT = 10;

    private final ReportOptions options;
    private final Style style;

    public TextReportWriter(ReportOptions options) {
        this.options = options;
        this.style = Style.of(options.color());
    }

    @Override
    public void write(Report report, OutputStream stream) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("ackwatch " + report.toolVersion()));
        if (options.privacy() != null) {
            wrapped(lines, "privacy: " + options.privacy().note(), "", I1);
        }
        if (report.captures().size() > 1) {
            lines.add("");
            index(lines, RunDigest.of(report));
        }
        for (CaptureResult c : report.captures()) {
            lines.add("");
            capture(lines, c);
        }
        lines.addAll(CorrelationText.lines(options.correlations(), WIDTH));
        lines.add("");
        lines.add(summary(report.summary()));
        Writer out = ReportWriter.utf8(stream);
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    /** A folder's report runs to thousands of lines: first, which captures and printers need a look. */
    private void index(List<String> lines, RunDigest digest) {
        int clean = digest.totals().captures() - digest.captures().size();
        lines.add(style.bold("index") + ": " + Labels.plural(digest.captures().size(), "capture", "captures")
                + " with trouble, worst first" + (clean > 0 ? "; " + clean + " without" : ""));
        for (RunDigest.CaptureLine line : digest.captures()) {
            List<String> printers = new ArrayList<>();
            for (PrinterSummary p : line.troubledPrinters()) {
                printers.add("printer " + p.address() + ": " + RunDigest.counts(p));
            }
            String what = line.capture().unreadable() ? style.bad("unreadable") : String.join("; ", printers);
            wrapped(lines, line.capture().file() + "  " + what, I1, I2);
        }
    }

    private String summary(Report.Summary s) {
        String unreadable = s.unreadable() > 0 ? " (" + s.unreadable() + " unreadable)" : "";
        String verdicts = ": " + style.good(s.ok() + " ok") + ", "
                + (s.degraded() > 0 ? style.warn(s.degraded() + " degraded") : "0 degraded") + ", "
                + (s.failed() > 0 ? style.bad(s.failed() + " failed") : "0 failed")
                + (s.incomplete() > 0 ? ", " + s.incomplete() + " incomplete" : "");
        return "summary: " + Labels.plural(s.captures(), "capture", "captures")
                + (s.unreadable() > 0 ? style.bad(unreadable) : "") + ", "
                + Labels.plural(s.flows(), "connection", "connections") + verdicts;
    }

    private void capture(List<String> lines, CaptureResult c) {
        lines.add(style.bold("capture " + c.file()));
        if (c.unreadable()) {
            wrapped(lines, style.bad(Labels.error(c)), I1 + "error     ", I1 + "          ");
            return;
        }
        Clock clock = new Clock(c);
        fact(lines, "format", Labels.format(c)
                + (c.linkTypes().isEmpty() ? "" : ", link type " + String.join(", ", c.linkTypes())));
        fileIdentity(lines, c);
        List<SetMember> files = c.setFiles();
        for (int i = 0; i < files.size(); i++) {
            fact(lines, i == 0 ? "files" : "", Labels.setFile(files.get(i)));
        }
        fact(lines, "packets", c.packets() + " (" + c.tcpPackets() + " TCP)");
        if (c.startNanos() >= 0 && c.endNanos() >= 0) {
            // first and last frame, as Wireshark says; a clock stepped back between them has no duration
            fact(lines, "time", clock.span(c.startNanos(), c.endNanos()) + (c.endNanos() >= c.startNanos()
                    ? " (" + Timestamps.duration(c.endNanos() - c.startNanos()) + ")"
                    : " (the last frame is stamped before the first)"));
        }
        if (c.vantage() != null) {
            fact(lines, "vantage", c.vantage().reportName());
        }
        if (c.error() != null) {
            wrapped(lines, style.warn(Labels.error(c)), I1 + "error     ", I1 + "          ");
        }
        for (String w : c.warnings()) {
            // a warning's display filter gets a line of its own, never wrapped, as a finding's does
            int filter = w.lastIndexOf(" Display filter: ");
            wrapped(lines, filter < 0 ? w : w.substring(0, filter), I1 + "warning   ", I1 + "          ");
            if (filter >= 0) {
                lines.add(I1 + "          " + w.substring(filter + 1));
            }
        }
        if (c.otherTcpFlows() > 0) {
            fact(lines, "other", Labels.plural(c.otherTcpFlows(), "TCP connection", "TCP connections")
                    + " not to a printer, not judged");
        }
        for (Scan scan : c.scans()) {
            scan(lines, scan, clock);
        }
        for (PrinterSummary p : c.printers()) {
            lines.add("");
            printer(lines, p, clock);
        }
        List<FlowVerdict> healthy = new ArrayList<>();
        List<FlowVerdict> brief = new ArrayList<>();
        int detailed = 0;
        for (FlowVerdict v : c.flows()) {
            if (v.verdict() == Verdict.OK) {
                healthy.add(v);
            } else if (options.verbose() || detailed < DETAIL_LIMIT) {
                lines.add("");
                troubled(lines, v, c, clock);
                detailed++;
            } else {
                brief.add(v);
            }
        }
        if (!brief.isEmpty()) {
            lines.add("");
            wrapped(lines, Labels.plural(brief.size(), "more failed or degraded connection",
                    "more failed or degraded connections") + " in brief (--verbose shows each in full):", I1, I1);
            for (FlowVerdict v : brief) {
                briefLine(lines, v);
            }
        }
        if (c.flows().isEmpty()) {
            lines.add("");
            lines.add(I1 + "no printer connections found");
        } else if (!healthy.isEmpty()) {
            lines.add("");
            if (options.verbose()) {
                for (FlowVerdict v : healthy) {
                    wrapped(lines, healthyLine(v, clock), I1 + style.good("ok") + "        ", I1 + "          ");
                }
            } else {
                lines.add(I1 + style.good("ok") + "        " + Labels.plural(healthy.size(), "connection", "connections")
                        + " without trouble; --verbose lists each");
            }
        }
    }

    /** A scan, once for all its probes: what it touched, when, and the filter that shows it. */
    private void scan(List<String> lines, Scan s, Clock clock) {
        fact(lines, "scan", clock.at(s.startNanos()) + " .. " + clock.at(s.endNanos()) + ": " + Labels.scan(s));
        // never wrapped: a display filter must paste into Wireshark as one line
        lines.add(I1 + "          filter: " + s.filter());
    }

    /** A troubled connection beyond the detail limit, in brief: verdict, fault, its first finding and frames. */
    private void briefLine(List<String> lines, FlowVerdict v) {
        String word = verdictWord(v);
        StringBuilder sb = new StringBuilder(Labels.connection(v)).append("  fault: ").append(Labels.fault(v));
        if (!v.findings().isEmpty()) {
            Finding first = v.findings().get(0);
            sb.append("  ").append(first.rule());
            if (first.frameCount() > 0) {
                sb.append(" frames ").append(Labels.frames(first));
            }
        }
        wrapped(lines, sb.toString(), I1 + style.verdict(v.verdict(), word) + "  ", I1 + "                ");
    }

    private void fileIdentity(List<String> lines, CaptureResult c) {
        String identity = Labels.fileIdentity(c);
        if (identity != null) {
            fact(lines, "file", identity);
        }
    }

    private void fact(List<String> lines, String name, String value) {
        wrapped(lines, value, I1 + LadderText.pad(name, 10, false), I1 + "          ");
    }

    private static void wrapped(List<String> lines, String text, String first, String next) {
        lines.addAll(TextWrap.wrap(text, WIDTH, first, next));
    }

    private void printer(List<String> lines, PrinterSummary p, Clock clock) {
        String ports = p.ports().isEmpty() ? "" : "  port" + (p.ports().size() > 1 ? "s " : " ")
                + String.join(",", p.ports().stream().map(String::valueOf).toList());
        String counts = Labels.plural(p.flows(), "connection", "connections") + ": " + p.ok() + " ok, "
                + (p.degraded() > 0 ? style.warn(p.degraded() + " degraded") : "0 degraded") + ", "
                + (p.failed() > 0 ? style.bad(p.failed() + " failed") : "0 failed")
                + (p.incomplete() > 0 ? ", " + p.incomplete() + " incomplete" : "");
        wrapped(lines, counts, I1 + style.bold("printer " + p.address()) + ports + "  ", I2);
        if (!p.timeline().isEmpty()) {
            PrinterTimeline t = PrinterTimeline.of(p.timeline(), WIDTH - I2.length() - 2);
            List<TimelineEntry> tl = p.timeline();
            long first = tl.get(0).startNanos();
            long last = tl.get(tl.size() - 1).startNanos();
            String span = tl.size() == 1 ? "starting " + Timestamps.clock(first, 0)
                    : Timestamps.clock(first, 0) + " .. " + Timestamps.clock(last, 0);
            String per = t.perCell() > 1 ? ", one symbol per " + t.perCell() + " connections, worst shown" : "";
            wrapped(lines, (tl.size() == 1 ? "one connection, " : "connections in time order, ") + span + " ("
                    + TIMELINE_LEGEND + per + "):", I2, I2);
            lines.add(I2 + "[" + t.symbols(style) + "]");
        }
        List<String> firsts = new ArrayList<>();
        if (p.firstDegradedNanos() >= 0) {
            firsts.add("first degraded " + clock.at(p.firstDegradedNanos())
                    + stream(p, p.firstDegradedNanos(), Verdict.DEGRADED));
        }
        if (p.firstFailedNanos() >= 0) {
            firsts.add("first failed " + clock.at(p.firstFailedNanos())
                    + stream(p, p.firstFailedNanos(), Verdict.FAILED));
        }
        if (!firsts.isEmpty()) {
            wrapped(lines, String.join(", ", firsts), I2, I2);
        }
        for (PrinterScan s : p.scans()) {
            wrapped(lines, clock.at(s.startNanos()) + " .. " + clock.at(s.endNanos()) + " " + Labels.printerScan(s)
                    + " (" + PrinterTimeline.placeOf(p.timeline(), s.startNanos()) + "), not counted above",
                    I2 + "scan      ", I2 + "          ");
        }
        printerSynAck(lines, p);
        if (p.onset() != null) {
            onset(lines, p.onset(), clock);
        }
    }

    /** When the printer went bad and what reached it before: the trigger candidates, and its clients. */
    private void onset(List<String> lines, Onset o, Clock clock) {
        wrapped(lines, Labels.onsetHeadline(o, Timestamps.clock(o.atNanos(), 0)), I2, I2 + "  ");
        wrapped(lines, Labels.onsetBefore(o), I2 + "before    ", I2 + "          ");
        for (OnsetCandidate c : o.candidates()) {
            wrapped(lines, Labels.onsetCandidate(c) + ", " + clock.at(c.startNanos()) + ", score " + c.score(),
                    I2 + "candidate " + c.rank() + " ", I3 + "  ");
            for (String u : c.unusual()) {
                wrapped(lines, u, I3 + "  unusual: ", I3 + "           ");
            }
            wrapped(lines, c.why(), I3 + "  why: ", I3 + "       ");
            wrapped(lines, c.filter(), I3 + "  filter: ", I3 + "          ");
        }
        for (ClientActivity c : o.clients()) {
            wrapped(lines, Labels.clientActivity(c), I2 + "client    ", I2 + "          ");
        }
    }

    /** The printer's TCP parameters, what a vendor asks for first. */
    private static void printerSynAck(List<String> lines, PrinterSummary p) {
        wrapped(lines, Labels.synAckVariants(p.synAcks()), I2 + "SYN-ACK   ", I2 + "          ");
    }

    /** The connection's own SYN-ACK, with its TSval. */
    private static void synAck(List<String> lines, TcpFlow f) {
        Handshake h = f.handshake();
        if (h.synAckOptions() != null) {
            wrapped(lines, "SYN-ACK frame " + h.synAckFrame() + ": " + Labels.synAck(h.synAckOptions(), true), I2, I3);
        }
    }

    private static String stream(PrinterSummary p, long startNanos, Verdict verdict) {
        for (TimelineEntry e : p.timeline()) {
            if (e.startNanos() == startNanos && e.verdict() == verdict) {
                return " (stream " + e.stream() + ")";
            }
        }
        return "";
    }

    private String healthyLine(FlowVerdict v, Clock clock) {
        TcpFlow f = v.flow();
        return Labels.connection(v) + "  " + clock.at(f.startNanos()) + ", "
                + Timestamps.duration(f.endNanos() - f.startNanos()).replace(' ', NBSP) + ", " + f.packets() + NBSP
                + "packets, state" + NBSP + f.state();
    }

    private void troubled(List<String> lines, FlowVerdict v, CaptureResult c, Clock clock) {
        TcpFlow f = v.flow();
        String word = verdictWord(v);
        wrapped(lines, Labels.connection(v) + "  fault: " + Labels.fault(v),
                I1 + style.verdict(v.verdict(), word) + "  ", I2);
        wrapped(lines, "frames " + f.firstFrame() + "-" + f.lastFrame() + ", " + clock.at(f.startNanos()) + " .. "
                + clock.at(f.endNanos()) + " (" + Timestamps.duration(f.endNanos() - f.startNanos()) + "), "
                + Labels.plural(f.packets(), "packet", "packets") + ", state" + NBSP + f.state() + ", history" + NBSP
                + f.history(), I2, I2);
        if (c.isSet()) {
            wrapped(lines, Labels.fileSpans(FileSpan.of(c.setFiles(), f.firstFrame(), f.lastFrame())), I2 + "in ", I3);
        }
        synAck(lines, f);
        wrapped(lines, delivery(v), I2, I2);
        if (v.job() != null) {
            wrapped(lines, v.job().describe(), I2, I3);
        }
        if (!v.reasoning().isEmpty()) {
            wrapped(lines, String.join(" ", v.reasoning()), I2 + "why: ", I3);
        }
        wrapped(lines, "confidence " + v.confidence().level().reportName() + ": " + v.confidence().reason() + ".", I2,
                I3);
        EvidenceFile evidence = c.evidenceFor(f.stream());
        if (evidence != null) {
            wrapped(lines, Labels.evidenceFile(evidence), I2 + "evidence ", I3);
        }
        for (Finding finding : v.findings()) {
            String sev = finding.severity().reportName();
            String head = (finding.severity() == Severity.FAILURE ? style.bad(sev)
                    : finding.severity() == Severity.WARNING ? style.warn(sev) : sev)
                    + "  " + style.bold(finding.rule());
            String frames = finding.frameCount() == 0 ? "" : "  frames " + Labels.frames(finding);
            wrapped(lines, head + frames, I2, I3);
            wrapped(lines, finding.message(), I3, I3);
            // never wrapped: a display filter must paste into Wireshark as one line
            lines.add(I3 + "filter: " + Labels.filter(v, finding));
            for (FileFrames part : FileFrames.of(c.setFiles(), finding.frames())) {
                lines.add(I3 + "in " + part.file() + ": " + Evidence.frameFilter(part.frames()));
            }
            if (evidence != null) {
                lines.add(I3 + "in evidence file: " + evidence.filter(finding));
            }
        }
        if (f.log().size() > 0) {
            lines.add(I2 + "ladder (" + LadderText.LEGEND + "):");
            for (String row : LadderText.render(Ladder.of(v, c.precisionDigits()), style, I2)) {
                lines.add(row);
            }
        } else {
            wrapped(lines, Labels.NO_LADDER, I2, I2);
        }
    }

    /** What the client sent, what arrived, and how fast the server acknowledged it. */
    private static String delivery(FlowVerdict v) {
        TcpFlow f = v.flow();
        String sent = f.clientSide().payloadBytes() == 0
                ? "client sent no data (" + Labels.plural(f.clientSide().packets(), "packet", "packets") + ")"
                : "client sent " + Labels.clientPayload(f) + ", "
                        + (v.printer() ? "printer" : "server") + " acknowledged " + f.deliveredBytes() + " of "
                        + f.clientBytes();
        if (f.ackDelay() == null || !f.ackDelay().present()) {
            return sent;
        }
        if (f.ackDelay().count() == 1) {
            return sent + "; ACK delay " + Timestamps.millis(f.ackDelay().medianNanos()).replace(' ', NBSP);
        }
        return sent + "; ACK delay median " + Timestamps.millis(f.ackDelay().medianNanos()).replace(' ', NBSP)
                + ", p95 " + Timestamps.millis(f.ackDelay().p95Nanos()).replace(' ', NBSP) + ", max "
                + Timestamps.millis(f.ackDelay().maxNanos()).replace(' ', NBSP);
    }

    /**
     * {@code FAILED high     }, {@code INCOMPLETE high}: the verdict in capitals and its confidence, padded to one
     * column.
     */
    private static String verdictWord(FlowVerdict v) {
        return LadderText.pad(v.verdict().reportName().toUpperCase(Locale.ROOT) + " "
                + v.confidence().level().reportName(), 15, false);
    }

    /** Absolute times within one capture: time of day when the capture stays within one UTC day. */
    private static final class Clock {
        private final int digits;
        private final boolean oneDay;

        Clock(CaptureResult c) {
            this.digits = c.precisionDigits();
            this.oneDay = c.startNanos() >= 0 && c.endNanos() >= 0 && Timestamps.sameDay(c.startNanos(), c.endNanos());
        }

        String at(long nanos) {
            return oneDay ? Timestamps.clock(nanos, digits) : Timestamps.iso(nanos, digits);
        }

        /** {@code 2026-11-23 08:15:02.123456 .. 08:21:03.123456 UTC}, or two ISO times across midnight. */
        String span(long from, long to) {
            if (oneDay) {
                return Timestamps.iso(from, digits).substring(0, 10) + NBSP + Timestamps.clock(from, digits) + " .. "
                        + Timestamps.clock(to, digits) + NBSP + "UTC";
            }
            return Timestamps.iso(from, digits) + " .. " + Timestamps.iso(to, digits);
        }
    }
}

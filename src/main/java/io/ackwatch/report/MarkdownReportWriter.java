package io.ackwatch.report;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.FileFrames;
import io.ackwatch.capture.FileSpan;
import io.ackwatch.capture.SetMember;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.ClientActivity;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Onset;
import io.ackwatch.verdict.OnsetCandidate;
import io.ackwatch.verdict.PrinterScan;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub-flavoured Markdown for tickets and pull-request comments: tables of captures, printers and
 * connections, then per failed or degraded connection its evidence and the ladder in a fenced code block
 * (which every ticket system shows in a fixed-width font). Healthy connections are listed only with
 * {@code --verbose}.
 */
public final class MarkdownReportWriter implements ReportWriter {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");
    private final ReportOptions options;

    public MarkdownReportWriter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report report, OutputStream stream) throws IOException {
        List<String> md = new ArrayList<>();
        Report.Summary s = report.summary();
        md.add("# ackwatch report");
        md.add("");
        md.add("**" + Labels.plural(s.captures(), "capture", "captures")
                + (s.unreadable() > 0 ? " (" + s.unreadable() + " unreadable)" : "") + ", "
                + Labels.plural(s.flows(), "connection", "connections") + ": " + s.ok() + " ok, " + s.degraded()
                + " degraded, " + s.failed() + " failed"
                + (s.incomplete() > 0 ? ", " + s.incomplete() + " incomplete" : "")
                + "** (ackwatch " + cell(report.toolVersion()) + ")");
        if (options.privacy() != null) {
            md.add("");
            md.add("**Privacy:** " + cell(options.privacy().note()) + ".");
        }
        captures(md, report);
        printers(md, report);
        scans(md, report);
        onsets(md, report);
        connections(md, report);
        details(md, report);
        correlation(md);
        Writer out = ReportWriter.utf8(stream);
        for (String line : md) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    /** The text report's correlation section in a code block: its side-by-side columns need a fixed font. */
    private void correlation(List<String> md) {
        if (options.correlations().isEmpty()) {
            return;
        }
        md.add("");
        md.add("## Correlated captures");
        md.add("");
        md.add("```");
        List<String> lines = CorrelationText.lines(options.correlations(), TextReportWriter.WIDTH);
        md.addAll(lines.subList(1, lines.size()));
        md.add("```");
    }

    private static void captures(List<String> md, Report report) {
        md.add("");
        md.add("## Captures");
        md.add("");
        md.add("| file | format | link types | packets | start (UTC) | duration | vantage | connections | read |");
        md.add("|---|---|---|--:|---|--:|---|---|---|");
        for (CaptureResult c : report.captures()) {
            boolean times = c.startNanos() >= 0 && c.endNanos() >= 0;
            long ok = count(c, Verdict.OK);
            long degraded = count(c, Verdict.DEGRADED);
            long failed = count(c, Verdict.FAILED);
            long incomplete = count(c, Verdict.INCOMPLETE);
            String read = c.error() == null ? "complete" : (c.error().fatal() ? "**unreadable**: " : "partly: ")
                    + cell(Labels.error(c));
            md.add("| " + code(c.file()) + " | " + cell(Labels.format(c)) + " | " + cell(String.join(", ", c.linkTypes()))
                    + " | " + c.packets() + " (" + c.tcpPackets() + " TCP) | "
                    + (times ? Timestamps.iso(c.startNanos(), c.precisionDigits()) : "") + " | "
                    + (times && c.endNanos() >= c.startNanos() ? Timestamps.duration(c.endNanos() - c.startNanos())
                            : "") + " | "
                    + (c.vantage() == null ? "" : c.vantage().reportName()) + " | "
                    + (c.unreadable() ? "" : ok + " ok, " + degraded + " degraded, " + failed + " failed"
                            + (incomplete > 0 ? ", " + incomplete + " incomplete" : "")) + " | "
                    + read + " |");
        }
        fileIdentities(md, report);
    }

    /**
     * Size and SHA-256 of each capture, and its warnings, below the table (a hash does not fit in a cell of a
     * readable width, nor does a warning).
     */
    private static void fileIdentities(List<String> md, Report report) {
        List<String> items = new ArrayList<>();
        for (CaptureResult c : report.captures()) {
            String identity = Labels.fileIdentity(c);
            if (identity != null) {
                items.add("- " + code(c.file()) + ": " + cell(identity));
            }
            for (SetMember m : c.setFiles()) {
                items.add("- " + code(c.file()) + ": file " + cell(Labels.setFile(m)));
            }
            for (String w : c.warnings()) {
                items.add("- " + code(c.file()) + ": warning: " + cell(w));
            }
        }
        if (!items.isEmpty()) {
            md.add("");
            md.addAll(items);
        }
    }

    /** In a capture set, per finding and file, the filter that selects the finding's frames in that file alone. */
    private static void fileFilters(List<String> md, CaptureResult c, List<Finding> findings) {
        if (!c.isSet() || findings.isEmpty()) {
            return;
        }
        md.add("");
        md.add("Filters per file of the set, for each file opened alone:");
        md.add("");
        for (Finding finding : findings) {
            for (FileFrames part : FileFrames.of(c.setFiles(), finding.frames())) {
                md.add("- " + code(finding.rule()) + " in " + code(part.file()) + ": "
                        + code(Evidence.frameFilter(part.frames())));
            }
        }
    }

    /** The connection's evidence file and, per finding, the filter that works in it. */
    private static void evidence(List<String> md, EvidenceFile e, List<Finding> findings) {
        md.add("");
        md.add("Evidence file " + code(e.file()) + " (" + Labels.plural(e.frames(), "frame", "frames") + ", SHA-256 "
                + code(e.sha256()) + "), filters that work in it:");
        md.add("");
        for (Finding finding : findings) {
            md.add("- " + code(finding.rule()) + ": " + code(e.filter(finding)));
        }
    }

    private static void printers(List<String> md, Report report) {
        List<String> rows = new ArrayList<>();
        for (CaptureResult c : report.captures()) {
            for (PrinterSummary p : c.printers()) {
                PrinterTimeline t = PrinterTimeline.of(p.timeline(), 60);
                rows.add("| " + code(c.file()) + " | " + code(p.address()) + " | "
                        + String.join(", ", p.ports().stream().map(String::valueOf).toList()) + " | " + p.flows()
                        + " | " + p.ok() + " | " + p.degraded() + " | " + p.failed() + " | "
                        + (p.firstDegradedNanos() >= 0 ? Timestamps.iso(p.firstDegradedNanos(), c.precisionDigits()) : "")
                        + " | " + (p.firstFailedNanos() >= 0 ? Timestamps.iso(p.firstFailedNanos(), c.precisionDigits()) : "")
                        + " | " + (t.cells().isEmpty() ? "" : code(t.symbols(Style.PLAIN)))
                        + (t.perCell() > 1 ? " (" + t.perCell() + " connections per symbol, worst shown)" : "") + " | "
                        + cell(Labels.synAckVariants(p.synAcks())) + " |");
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.add("");
        md.add("## Printers");
        md.add("");
        md.add("Timeline: the printer's connections in time order, one symbol each: `.` ok, `~` degraded,"
                + " `X` failed.");
        md.add("");
        md.add("| capture | printer | ports | connections | ok | degraded | failed | first degraded | first failed"
                + " | timeline | SYN-ACK |");
        md.add("|---|---|---|--:|--:|--:|--:|---|---|---|---|");
        md.addAll(rows);
        List<String> scanned = new ArrayList<>();
        for (CaptureResult c : report.captures()) {
            for (PrinterSummary p : c.printers()) {
                for (PrinterScan scan : p.scans()) {
                    scanned.add("- " + code(p.address()) + " scanned " + Timestamps.iso(scan.startNanos(),
                            c.precisionDigits()) + " .. " + Timestamps.iso(scan.endNanos(), c.precisionDigits()) + " "
                            + cell(Labels.printerScan(scan)) + " ("
                            + cell(PrinterTimeline.placeOf(p.timeline(), scan.startNanos())) + "), not counted above");
                }
            }
        }
        if (!scanned.isEmpty()) {
            md.add("");
            md.addAll(scanned);
        }
    }

    /** Per printer that went from ok to bad: when, the trigger candidates, and its clients. */
    private static void onsets(List<String> md, Report report) {
        List<String> out = new ArrayList<>();
        for (CaptureResult c : report.captures()) {
            int digits = c.precisionDigits();
            for (PrinterSummary p : c.printers()) {
                Onset o = p.onset();
                if (o == null) {
                    continue;
                }
                out.add("");
                out.add("### " + code(p.address()) + " in " + code(c.file()));
                out.add("");
                out.add(cell(Labels.onsetHeadline(o, Timestamps.clock(o.atNanos(), 0))) + ". "
                        + cell(Labels.onsetBefore(o)) + ".");
                if (o.triggerFound()) {
                    out.add("");
                    out.add("| rank | candidate | start (UTC) | score | unusual | why | filter |");
                    out.add("|--:|---|---|--:|---|---|---|");
                    for (OnsetCandidate k : o.candidates()) {
                        out.add("| " + k.rank() + " | " + cell(Labels.onsetCandidate(k)) + " | "
                                + Timestamps.iso(k.startNanos(), digits) + " | " + k.score() + " | "
                                + cell(String.join("; ", k.unusual())) + " | " + cell(k.why()) + " | "
                                + code(k.filter()) + " |");
                    }
                }
                out.add("");
                out.add("| client | jobs, and its first against the onset |");
                out.add("|---|---|");
                for (ClientActivity a : o.clients()) {
                    String line = Labels.clientActivity(a);
                    int colon = line.indexOf(": ");
                    out.add("| " + code(a.address()) + " | " + cell(line.substring(colon + 2)) + " |");
                }
            }
        }
        if (out.isEmpty()) {
            return;
        }
        md.add("");
        md.add("## Onset");
        md.addAll(out);
    }

    /** Port scans, one row per scanning source: not print jobs, so not in the connection counts. */
    private static void scans(List<String> md, Report report) {
        List<String> rows = new ArrayList<>();
        for (CaptureResult c : report.captures()) {
            for (Scan scan : c.scans()) {
                rows.add("| " + code(c.file()) + " | " + code(scan.source()) + " | "
                        + Timestamps.iso(scan.startNanos(), c.precisionDigits()) + " .. "
                        + Timestamps.iso(scan.endNanos(), c.precisionDigits()) + " | " + cell(Labels.scan(scan))
                        + " | " + code(scan.filter()) + " |");
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.add("");
        md.add("## Scans");
        md.add("");
        md.add("| capture | source | time (UTC) | what it probed | filter |");
        md.add("|---|---|---|---|---|");
        md.addAll(rows);
    }

    private void connections(List<String> md, Report report) {
        List<String> rows = new ArrayList<>();
        long hidden = 0;
        for (CaptureResult c : report.captures()) {
            for (FlowVerdict v : c.flows()) {
                if (v.verdict() == Verdict.OK && !options.verbose()) {
                    hidden++;
                    continue;
                }
                TcpFlow f = v.flow();
                String rules = String.join(", ", v.findings().stream().map(Finding::rule).distinct().toList());
                rows.add("| " + code(c.file()) + " | " + f.stream() + " | " + code(f.client().toString())
                        + " | " + code(f.server().toString()) + " | " + (v.service() == null ? "" : v.service())
                        + " | " + verdict(v.verdict()) + " | " + cell(Labels.fault(v)) + " | " + f.firstFrame() + "–"
                        + f.lastFrame() + " | " + f.state() + " | " + cell(v.job() == null ? "" : v.job().describe()) + " | " + cell(rules) + " |");
            }
        }
        if (rows.isEmpty() && hidden == 0) {
            return;
        }
        md.add("");
        md.add("## Connections");
        md.add("");
        if (!rows.isEmpty()) {
            md.add("| capture | stream | client | server | service | verdict | fault | frames | state | job | findings |");
            md.add("|---|--:|---|---|---|---|---|---|---|---|---|");
            md.addAll(rows);
        }
        if (hidden > 0) {
            if (!rows.isEmpty()) {
                md.add("");
            }
            md.add(Labels.plural(hidden, "connection", "connections") + " without trouble not listed (--verbose lists them).");
        }
    }

    private void details(List<String> md, Report report) {
        boolean heading = false;
        long left = 0;
        for (CaptureResult c : report.captures()) {
            int detailed = 0;
            for (FlowVerdict v : c.flows()) {
                if (v.verdict() == Verdict.OK) {
                    continue;
                }
                if (!options.verbose() && detailed >= TextReportWriter.DETAIL_LIMIT) {
                    left++;
                    continue;
                }
                if (!heading) {
                    md.add("");
                    md.add("## Failed and degraded connections");
                    heading = true;
                }
                detail(md, c, v);
                detailed++;
            }
        }
        if (left > 0) {
            md.add("");
            md.add(Labels.plural(left, "more failed or degraded connection is",
                    "more failed or degraded connections are") + " in the connections table only (at most " + TextReportWriter.DETAIL_LIMIT
                    + " per capture in detail; --verbose shows all).");
        }
    }

    private static void detail(List<String> md, CaptureResult c, FlowVerdict v) {
        TcpFlow f = v.flow();
        int digits = c.precisionDigits();
        md.add("");
        String word = v.verdict().reportName();
        md.add("### " + Character.toUpperCase(word.charAt(0)) + word.substring(1) + ": stream " + f.stream() + " " + code(f.client() + " -> " + f.server())
                + (v.service() == null ? "" : " (" + cell(v.service()) + ")") + " in " + code(c.file()));
        md.add("");
        md.add("- **Fault:** " + cell(Labels.fault(v)));
        md.add("- **Confidence:** " + v.confidence().level().reportName() + ": " + cell(v.confidence().reason()));
        md.add("- **Frames:** " + f.firstFrame() + "–" + f.lastFrame() + ", " + f.packets() + " packets, filter "
                + code(f.displayFilter()));
        if (c.isSet()) {
            md.add("- **In files:** " + cell(Labels.fileSpans(FileSpan.of(c.setFiles(), f.firstFrame(), f.lastFrame()))));
        }
        md.add("- **Time:** " + Timestamps.iso(f.startNanos(), digits) + " .. " + Timestamps.iso(f.endNanos(), digits)
                + " (" + Timestamps.duration(f.endNanos() - f.startNanos()) + ")");
        if (f.handshake().synAckOptions() != null) {
            md.add("- **SYN-ACK:** frame " + f.handshake().synAckFrame() + ": "
                    + cell(Labels.synAck(f.handshake().synAckOptions(), true)));
        }
        md.add("- **State:** " + f.state() + ", history " + code(f.history()) + "; " + (f.clientBytes() == 0
                ? "no client data" : f.deliveredBytes() + " of " + f.clientBytes() + " client bytes acknowledged"));
        if (v.job() != null) {
            md.add("- **Job:** " + cell(v.job().describe()));
        }
        if (!v.reasoning().isEmpty()) {
            md.add("- **Why:** " + cell(String.join(" ", v.reasoning())));
        }
        if (!v.findings().isEmpty()) {
            md.add("");
            md.add("| severity | rule | frames | message | Wireshark filter |");
            md.add("|---|---|---|---|---|");
            for (Finding finding : v.findings()) {
                md.add("| " + finding.severity().reportName() + " | " + code(finding.rule()) + " | "
                        + cell(Labels.frames(finding)) + " | " + cell(finding.message()) + " | "
                        + code(Labels.filter(v, finding)) + " |");
            }
        }
        fileFilters(md, c, v.findings());
        EvidenceFile evidence = c.evidenceFor(f.stream());
        if (evidence != null) {
            evidence(md, evidence, v.findings());
        }
        if (f.log().size() > 0) {
            md.add("");
            md.add("Ladder (" + cell(LadderText.LEGEND) + "):");
            md.add("");
            md.add("```text");
            md.addAll(LadderText.render(Ladder.of(v, digits), Style.PLAIN));
            md.add("```");
        } else {
            md.add("");
            md.add(cell(Labels.NO_LADDER));
        }
    }

    private static long count(CaptureResult c, Verdict verdict) {
        return c.flows().stream().filter(v -> v.verdict() == verdict).count();
    }

    private static String verdict(Verdict v) {
        return v == Verdict.OK ? "ok" : "**" + v.reportName() + "**";
    }

    /** Table-cell text: no line breaks, pipes escaped, Markdown specials that would change meaning escaped. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return oneLine(s).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")
                .replace("_", "\\_").replace("`", "\\`").replace("<", "&lt;");
    }

    /** Inline code; GFM still needs pipes escaped inside table cells. */
    static String code(String s) {
        String t = s == null ? "" : oneLine(s).replace("|", "\\|");
        String fence = t.contains("`") ? "`` " : "`";
        String close = t.contains("`") ? " ``" : "`";
        return fence + t + close;
    }

    /** Line breaks as one space each run; most text has none, and the pattern is only run when it does. */
    private static String oneLine(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : LINE_BREAKS.matcher(s).replaceAll(" ");
    }
}

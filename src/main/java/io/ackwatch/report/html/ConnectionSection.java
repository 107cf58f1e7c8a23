package io.ackwatch.report.html;

import static io.ackwatch.report.html.Html.esc;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.FileFrames;
import io.ackwatch.capture.SetMember;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.report.Labels;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Vantage;
import java.util.List;
import java.util.stream.Collectors;

/** One failed or degraded connection: verdict, job, reasoning, findings with filters, ladder and key facts. */
final class ConnectionSection {
    private final FlowVerdict verdict;
    private final TcpFlow flow;
    private final String id;
    private final int digits;
    private final boolean ladder;
    /** The connection's evidence file ({@code --extract}), or null. */
    private final EvidenceFile evidence;
    /** The files of the capture set the connection was read from; empty for one capture file. */
    private final List<SetMember> setFiles;

    ConnectionSection(FlowVerdict verdict, String id, int digits, boolean ladder, EvidenceFile evidence,
            List<SetMember> setFiles) {
        this.verdict = verdict;
        this.evidence = evidence;
        this.setFiles = setFiles;
        this.flow = verdict.flow();
        this.id = id;
        this.digits = digits;
        this.ladder = ladder;
    }

    void render(StringBuilder sb) {
        VerdictLook look = VerdictLook.of(verdict.verdict());
        sb.append("<article class=\"conn ").append(look.cssClass()).append("\" id=\"").append(id)
                .append("\" aria-labelledby=\"").append(id).append("-h\">\n<h4 id=\"").append(id)
                .append("-h\">Stream ").append(flow.stream()).append(' ').append(look.badge())
                .append(" <span class=\"fault\">fault: ").append(esc(Labels.fault(verdict))).append("</span>")
                .append(" <span class=\"fault\" title=\"").append(esc(verdict.confidence().reason()))
                .append("\">confidence: ")
                .append(verdict.confidence().level().reportName()).append("</span></h4>\n");
        sb.append("<p class=\"endpoints\">client <span class=\"addr\">").append(esc(flow.client().toString()))
                .append("</span> \u2192 ").append(verdict.printer() ? "printer" : "server")
                .append(" <span class=\"addr\">").append(esc(flow.server().toString())).append("</span>");
        if (verdict.service() != null) {
            sb.append(" (").append(esc(verdict.service())).append(')');
        }
        sb.append(" \u00b7 started <time datetime=\"").append(Units.instant(flow.startNanos())).append("\">")
                .append(esc(Units.utc(flow.startNanos(), digits))).append("</time> \u00b7 lasted ")
                .append(esc(Units.duration(flow.endNanos() - flow.startNanos()))).append(" \u00b7 frames ")
                .append(flow.firstFrame()).append("\u2013").append(flow.lastFrame()).append(" \u00b7 capture point: ")
                .append(esc(vantageWord(verdict.vantage()))).append("</p>\n");
        if (verdict.job() != null) {
            job(sb, verdict.job());
        }
        if (!verdict.reasoning().isEmpty()) {
            sb.append("<h5>Why</h5>\n<ul class=\"why\">");
            for (String sentence : verdict.reasoning()) {
                sb.append("<li>").append(esc(sentence)).append("</li>");
            }
            sb.append("</ul>\n");
        }
        sb.append("<h5>Evidence</h5>\n");
        if (verdict.findings().isEmpty()) {
            sb.append("<p class=\"note\">No findings were recorded.</p>\n");
        } else {
            sb.append("<ol class=\"findings\">\n");
            for (Finding finding : verdict.findings()) {
                finding(sb, finding);
            }
            sb.append("</ol>\n");
        }
        sb.append("<p class=\"frames\">The whole connection in Wireshark:</p>");
        filter(sb, flow.displayFilter());
        if (evidence != null) {
            sb.append("<p class=\"frames\">Evidence file <code>").append(esc(evidence.file())).append("</code> (")
                    .append(Units.count(evidence.frames())).append(evidence.frames() == 1 ? " frame" : " frames")
                    .append(", SHA-256 <code>").append(evidence.sha256()).append("</code>)</p>\n");
        }
        sb.append("<h5>Ladder</h5>\n");
        if (ladder) {
            new LadderDiagram(verdict, id + "-ladder", digits).render(sb);
        } else {
            sb.append("<p class=\"note\">Left out: this report already holds ").append(LadderBudget.REPORT_LIMIT)
                    .append(" ladder diagrams. Open the connection in Wireshark with the filter above.</p>\n");
        }
        facts(sb);
        sb.append("</article>\n");
    }

    private void job(StringBuilder sb, JobInfo job) {
        sb.append("<p class=\"job\"><strong>").append(esc(jobLine(job))).append("</strong></p>\n");
    }

    /** The same job line as every other format: {@link JobInfo#describe()}. */
    static String jobLine(JobInfo job) {
        return job.describe();
    }

    private void finding(StringBuilder sb, Finding finding) {
        sb.append("<li class=\"finding ").append(finding.severity().reportName()).append("\"><p><span class=\"sev\">")
                .append(finding.severity().reportName()).append("</span> ").append(esc(finding.message()))
                .append(" <code class=\"rule\">").append(esc(finding.rule())).append("</code></p>");
        if (finding.frameCount() > 0) {
            sb.append("<p class=\"frames\">").append(finding.frameCount() == 1 ? "Frame " : "Frames ")
                    .append(frameList(finding)).append("</p>");
        }
        if (finding.filter() != null && !finding.filter().isBlank()) {
            filter(sb, finding.filter());
        }
        for (FileFrames part : FileFrames.of(setFiles, finding.frames())) {
            sb.append("<p class=\"frames\">In ").append(esc(part.file())).append(" opened alone:</p>");
            filter(sb, Evidence.frameFilter(part.frames()));
        }
        if (evidence != null) {
            sb.append("<p class=\"frames\">In the evidence file:</p>");
            filter(sb, evidence.filter(finding));
        }
        sb.append("</li>\n");
    }

    /** "4, 5, 10", or the first 30 "and 63 more (the filter selects all)" when the finding covers more. */
    static String frameList(Finding finding) {
        int cap = 30;
        String shown = finding.frames().stream().limit(cap).map(String::valueOf).collect(Collectors.joining(", "));
        int more = finding.frameCount() - Math.min(cap, finding.frames().size());
        return more == 0 ? shown : shown.isEmpty() ? finding.frameCount() + ", not listed (the filter selects them)"
                : shown + " and " + more + " more (the filter selects all)";
    }

    static void filter(StringBuilder sb, String filter) {
        sb.append("<div class=\"filter-row\"><pre class=\"filter\"><code>").append(esc(filter))
                .append("</code></pre></div>\n");
    }

    private void facts(StringBuilder sb) {
        sb.append("<h5>Facts</h5>\n<dl class=\"facts\">");
        fact(sb, "packets", Units.count(flow.packets()));
        long segments = Labels.clientDataSegments(flow);
        fact(sb, "client payload", Units.count(flow.clientSide().payloadBytes()) + " B"
                + (segments > 0 ? " in " + Units.count(segments) + (segments == 1 ? " data segment" : " data segments")
                        : ""));
        fact(sb, (verdict.printer() ? "printer" : "server") + " payload",
                Units.count(flow.serverSide().payloadBytes()) + " B");
        fact(sb, "client bytes acknowledged", Units.count(flow.deliveredBytes()) + " of "
                + Units.count(flow.clientBytes()));
        Handshake h = flow.handshake();
        fact(sb, "handshake", h.complete() ? "complete, SYN\u2192SYN-ACK " + Units.duration(h.synAckNanos()
                - h.synNanos()) : h.synFrame() > 0 ? "incomplete" : "not captured");
        if (h.synAckOptions() != null) {
            fact(sb, "SYN-ACK (frame " + h.synAckFrame() + ")", Labels.synAck(h.synAckOptions(), true));
        }
        AckDelayStats d = flow.ackDelay();
        if (d.present()) {
            fact(sb, "ACK delay median / p95 / max", Units.duration(d.medianNanos()) + " / "
                    + Units.duration(d.p95Nanos()) + " / " + Units.duration(d.maxNanos()));
        }
        fact(sb, "retransmissions", Units.count(flow.analysis().count(TcpAnalysisFlag.RETRANSMISSION)));
        int zw = flow.analysis().count(TcpAnalysisFlag.ZERO_WINDOW);
        if (zw > 0) {
            fact(sb, "zero windows", Units.count(zw));
        }
        fact(sb, "RST from client / " + (verdict.printer() ? "printer" : "server"),
                flow.clientSide().rst() + " / " + flow.serverSide().rst());
        fact(sb, "state (Zeek)", flow.state().name() + (flow.history() == null ? "" : " " + flow.history()));
        sb.append("</dl>\n");
    }

    private static void fact(StringBuilder sb, String name, String value) {
        sb.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
    }

    static String vantageWord(Vantage v) {
        return switch (v) {
            case CLIENT -> "client side";
            case SERVER -> "printer/server side";
            case MIDDLE -> "between client and printer";
            case UNKNOWN -> "unknown";
        };
    }
}

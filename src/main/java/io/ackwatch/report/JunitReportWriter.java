package io.ackwatch.report;

import io.ackwatch.analysis.Finding;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the subset that Jenkins, GitLab and the GitHub Actions reporters all read: one
 * {@code <testsuite>} per capture file, one {@code <testcase>} per judged connection. A connection with findings
 * at or above {@link ReportOptions#failOn()} gets one {@code <failure>} whose {@code type} is the rule of the
 * most severe of them, whose {@code message} is the verdict in one line, and whose body lists the evidence
 * (frames, Wireshark filters). Other troubled connections pass but carry their findings in
 * {@code <system-out>}.
 *
 * <p>Capture errors become an extra testcase named {@value #READ_CAPTURE}: an {@code <error>} when the capture
 * could not be analyzed at all (fatal), so that CI does not pass on a file nobody looked at; a passing testcase
 * with the damage in {@code <system-out>} when only the tail was damaged (non-fatal), because a capture cut
 * short by stopping tcpdump is common and the connections before the damage were judged normally.
 *
 * <p>The classname is {@code ackwatch.<file name>} with the file name's dots replaced by underscores: Jenkins
 * splits a classname at its last dot into package and class, which would make {@code pcapng} a class.
 * Times are seconds: a connection's duration; for a suite, the time span the capture covers.
 */
public final class JunitReportWriter implements ReportWriter {
    public static final String READ_CAPTURE = "read capture";

    private final ReportOptions options;

    public JunitReportWriter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report report, OutputStream stream) throws IOException {
        Writer out = ReportWriter.utf8(stream);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<Suite> suites = new ArrayList<>();
            for (CaptureResult c : report.captures()) {
                suites.add(new Suite(c));
            }
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "ackwatch " + XmlText.attribute(report.toolVersion()));
            x.writeAttribute("tests", Integer.toString(suites.stream().mapToInt(Suite::tests).sum()));
            x.writeAttribute("failures", Integer.toString(suites.stream().mapToInt(Suite::failures).sum()));
            x.writeAttribute("errors", Integer.toString(suites.stream().mapToInt(Suite::errors).sum()));
            x.writeAttribute("skipped", "0");
            for (Suite s : suites) {
                suite(x, s);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** Counts of one suite, known before its element is written. */
    private final class Suite {
        final CaptureResult capture;
        final String classname;

        Suite(CaptureResult capture) {
            this.capture = capture;
            this.classname = "ackwatch." + Labels.baseName(capture.file()).replace('.', '_');
        }

        int tests() {
            return capture.flows().size() + (capture.error() != null ? 1 : 0);
        }

        int failures() {
            return (int) capture.flows().stream().filter(v -> !failing(v).isEmpty()).count();
        }

        int errors() {
            return capture.unreadable() ? 1 : 0;
        }
    }

    private List<Finding> failing(FlowVerdict v) {
        List<Finding> failing = new ArrayList<>(v.findings().size());
        for (Finding f : v.findings()) {
            if (f.severity().atLeast(options.failOn())) {
                failing.add(f);
            }
        }
        return failing;
    }

    private void suite(XMLStreamWriter x, Suite s) throws XMLStreamException {
        CaptureResult c = s.capture;
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", XmlText.attribute(c.file()));
        x.writeAttribute("tests", Integer.toString(s.tests()));
        x.writeAttribute("failures", Integer.toString(s.failures()));
        x.writeAttribute("errors", Integer.toString(s.errors()));
        x.writeAttribute("skipped", "0");
        long span = c.startNanos() >= 0 && c.endNanos() >= 0 ? c.endNanos() - c.startNanos() : 0;
        x.writeAttribute("time", Timestamps.junitSeconds(span));
        if (c.error() != null) {
            readCapture(x, s.classname, c);
        }
        for (FlowVerdict v : c.flows()) {
            testcase(x, s.classname, v);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void readCapture(XMLStreamWriter x, String classname, CaptureResult c) throws XMLStreamException {
        CaptureError e = c.error();
        String text = Labels.error(c);
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", XmlText.attribute(classname));
        x.writeAttribute("name", READ_CAPTURE);
        x.writeAttribute("time", "0.000");
        x.writeCharacters("\n      ");
        if (e.fatal()) {
            x.writeStartElement("error");
            x.writeAttribute("message", XmlText.attribute(text));
            x.writeAttribute("type", e.kind().reportName());
            x.writeCharacters(XmlText.legal(text));
        } else {
            x.writeStartElement("system-out");
            x.writeCharacters(XmlText.legal("not fatal: " + text));
        }
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private void testcase(XMLStreamWriter x, String classname, FlowVerdict v) throws XMLStreamException {
        TcpFlow f = v.flow();
        List<Finding> failing = failing(v);
        boolean empty = failing.isEmpty() && v.findings().isEmpty();
        x.writeCharacters("\n    ");
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("classname", XmlText.attribute(classname));
        x.writeAttribute("name", XmlText.attribute(Labels.connection(v)));
        x.writeAttribute("time", Timestamps.junitSeconds(f.endNanos() - f.startNanos()));
        if (empty) {
            return;
        }
        x.writeCharacters("\n      ");
        if (!failing.isEmpty()) {
            Finding first = failing.get(0);
            x.writeStartElement("failure");
            String job = v.job() == null ? "" : " Job: " + v.job().describe();
            x.writeAttribute("message", XmlText.attribute(verdictLine(v) + ": " + first.message() + job));
            x.writeAttribute("type", XmlText.attribute(first.rule()));
        } else {
            x.writeStartElement("system-out");
        }
        x.writeCharacters(XmlText.legal(evidence(v)));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static String verdictLine(FlowVerdict v) {
        return v.verdict().reportName() + " (fault: " + Labels.fault(v) + ")";
    }

    /** Body text: verdict, reasoning, then each finding with its frames and filter. */
    private static String evidence(FlowVerdict v) {
        TcpFlow f = v.flow();
        StringBuilder sb = new StringBuilder(512);
        sb.append('\n').append(verdictLine(v)).append('\n');
        sb.append(Labels.connection(v)).append(", frames ").append(f.firstFrame()).append('-')
                .append(f.lastFrame()).append(", filter: ").append(f.displayFilter()).append('\n');
        if (v.job() != null) {
            sb.append(v.job().describe()).append('\n');
        }
        if (!v.reasoning().isEmpty()) {
            sb.append("why: ").append(String.join(" ", v.reasoning())).append('\n');
        }
        for (Finding finding : v.findings()) {
            sb.append('[').append(finding.severity().reportName()).append("] ").append(finding.rule()).append(": ")
                    .append(finding.message()).append('\n');
            if (!finding.frames().isEmpty()) {
                sb.append("  frames: ").append(Labels.frames(finding.frames())).append('\n');
            }
            sb.append("  filter: ").append(Labels.filter(v, finding)).append('\n');
        }
        return sb.append("      ").toString();
    }
}

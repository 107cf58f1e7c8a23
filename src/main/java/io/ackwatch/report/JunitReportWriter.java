package io.ackwatch.report;

import io.ackwatch.analysis.Finding;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.job.JobInfo;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the subset that Jenkins, GitLab and the GitHub Actions reporters all read: one
 * {@code <testsuite>} per capture file, one {@code <testcase>} per judged connection. A connection with findings
 * at or above {@link ReportOptions#failOn()} gets one {@code <failure>} whose {@code type} is the rule of the
 * most severe of them, whose {@code message} is the verdict in one line, and whose body lists the evidence
 * (frames, Wireshark filters). Other troubled connections pass but carry their findings in
 * {@code <system-out>}. An incomplete connection (the capture ended before the job did, nothing at or above
 * --fail-on seen) is {@code <skipped>} with the reason: CI servers show skipped tests as "not decided", neither
 * passed nor failed, which is what one capture can say of it.
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
    /** Connections per chunk rendered on a worker (see {@link JsonReportWriter#FLOWS_PER_CHUNK}). */
    static final int FLOWS_PER_CHUNK = 256;

    private final ReportOptions options;
    private final int threads;
    private final int flowsPerChunk;

    public JunitReportWriter(ReportOptions options) {
        this(options, ParallelChunks.defaultThreads(), FLOWS_PER_CHUNK);
    }

    /**
     * @param threads threads that render connections; 1 renders everything on the calling thread
     * @param flowsPerChunk connections rendered as one piece
     */
    JunitReportWriter(ReportOptions options, int threads, int flowsPerChunk) {
        if (threads < 1 || flowsPerChunk < 1) {
            throw new IllegalArgumentException(threads + " threads, " + flowsPerChunk + " flows per chunk");
        }
        this.options = options;
        this.threads = threads;
        this.flowsPerChunk = flowsPerChunk;
    }

    @Override
    public void write(Report report, OutputStream stream) throws IOException {
        try (ParallelChunks chunks = new ParallelChunks(threads)) {
            write(report, stream, chunks);
        }
    }

    private void write(Report report, OutputStream stream, ParallelChunks chunks) throws IOException {
        Writer out = ReportWriter.utf8(stream);
        try {
            XMLOutputFactory factory = XMLOutputFactory.newFactory();
            XMLStreamWriter x = factory.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<Suite> suites = new ArrayList<>();
            for (CaptureResult c : report.captures()) {
                suites.add(new Suite(c, failures(c.flows()), skipped(c.flows())));
            }
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "ackwatch " + XmlText.attribute(report.toolVersion()));
            x.writeAttribute("tests", Integer.toString(suites.stream().mapToInt(Suite::tests).sum()));
            x.writeAttribute("failures", Integer.toString(suites.stream().mapToInt(Suite::failures).sum()));
            x.writeAttribute("errors", Integer.toString(suites.stream().mapToInt(Suite::errors).sum()));
            x.writeAttribute("skipped", Integer.toString(suites.stream().mapToInt(s -> s.skipped).sum()));
            for (Suite s : suites) {
                suite(x, s, new Testcases(factory, out, stream, chunks));
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
    private static final class Suite {
        final CaptureResult capture;
        /** The classname as it goes into an attribute (made once: every testcase of the suite repeats it). */
        final String classname;
        final int failures;
        final int skipped;

        Suite(CaptureResult capture, int failures, int skipped) {
            this.capture = capture;
            this.classname = XmlText.attribute("ackwatch." + Labels.baseName(capture.file()).replace('.', '_'));
            this.failures = failures;
            this.skipped = skipped;
        }

        int tests() {
            return capture.flows().size() + capture.scans().size() + (capture.error() != null ? 1 : 0);
        }

        int failures() {
            return failures;
        }

        int errors() {
            return capture.unreadable() ? 1 : 0;
        }
    }

    /** Connections with a finding at or above --fail-on (read without opening packed verdicts). */
    private int failures(List<FlowVerdict> flows) {
        int n = 0;
        for (FlowVerdict v : flows) {
            n += v.reachesSeverity(options.failOn()) ? 1 : 0;
        }
        return n;
    }

    /** Incomplete connections without a finding at or above --fail-on: their testcases are skipped. */
    private int skipped(List<FlowVerdict> flows) {
        int n = 0;
        for (FlowVerdict v : flows) {
            n += skips(v) ? 1 : 0;
        }
        return n;
    }

    private boolean skips(FlowVerdict v) {
        return v.verdict() == Verdict.INCOMPLETE && !v.reachesSeverity(options.failOn());
    }

    private List<Finding> failing(List<Finding> findings) {
        List<Finding> failing = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.severity().atLeast(options.failOn())) {
                failing.add(f);
            }
        }
        return failing;
    }

    private void suite(XMLStreamWriter x, Suite s, Testcases testcases) throws XMLStreamException, IOException {
        CaptureResult c = s.capture;
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", XmlText.attribute(c.file()));
        x.writeAttribute("tests", Integer.toString(s.tests()));
        x.writeAttribute("failures", Integer.toString(s.failures()));
        x.writeAttribute("errors", Integer.toString(s.errors()));
        x.writeAttribute("skipped", Integer.toString(s.skipped));
        long span = c.startNanos() >= 0 && c.endNanos() >= 0 ? c.endNanos() - c.startNanos() : 0;
        x.writeAttribute("time", Timestamps.junitSeconds(span));
        properties(x, c);
        if (c.error() != null) {
            readCapture(x, s.classname, c);
        }
        testcases.write(x, s.classname, c);
        for (Scan scan : c.scans()) {
            scan(x, s.classname, scan);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    /**
     * The suite's properties, in one element as the JUnit format allows: the capture file's size and SHA-256 when
     * known, and with --privacy that the names in it are pseudonyms, and whose (CI servers show these).
     */
    private void properties(XMLStreamWriter x, CaptureResult c) throws XMLStreamException {
        List<String[]> props = new ArrayList<>();
        FileIdentity id = c.identity();
        if (id != null) {
            props.add(new String[] {"size_bytes", Long.toString(id.sizeBytes())});
            props.add(new String[] {"sha256", id.sha256()});
        }
        if (options.privacy() != null) {
            props.add(new String[] {"ackwatch.privacy.key", options.privacy().reportName()});
            props.add(new String[] {"ackwatch.privacy", options.privacy().note()});
        }
        if (props.isEmpty()) {
            return;
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        for (String[] p : props) {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", p[0]);
            x.writeAttribute("value", p[1]);
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static void readCapture(XMLStreamWriter x, String classname, CaptureResult c) throws XMLStreamException {
        CaptureError e = c.error();
        String text = Labels.error(c);
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
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

    /**
     * The testcases of one suite, rendered in chunks on worker threads, each by an XML writer of its own into
     * memory, and copied in order into the stream behind the report's writer. Reading the verdicts from several
     * threads is safe once judging is over; see {@code JsonReportWriter.flows}.
     */
    private final class Testcases {
        private final XMLOutputFactory factory;
        private final Writer out;
        private final OutputStream stream;
        private final ParallelChunks chunks;
        private final Queue<Chunk> spare = new ConcurrentLinkedQueue<>();

        Testcases(XMLOutputFactory factory, Writer out, OutputStream stream, ParallelChunks chunks) {
            this.factory = factory;
            this.out = out;
            this.stream = stream;
            this.chunks = chunks;
        }

        void write(XMLStreamWriter x, String classname, CaptureResult c)
                throws XMLStreamException, IOException {
            List<FlowVerdict> flows = c.flows();
            if (!chunks.parallel(flows.size(), flowsPerChunk)) {
                for (FlowVerdict v : flows) {
                    testcase(x, classname, v, c);
                }
                return;
            }
            x.writeCharacters(""); // closes the suite's start tag: the chunks go after it
            x.flush();
            out.flush();
            chunks.render(flows.size(), flowsPerChunk, (from, to) -> render(classname, c, from, to), chunk -> {
                chunk.writeTo(stream);
                chunk.reset();
                spare.offer(chunk);
            });
        }

        private Chunk render(String classname, CaptureResult c, int from, int to) throws IOException {
            List<FlowVerdict> flows = c.flows();
            Chunk chunk = spare.poll();
            if (chunk == null) {
                chunk = new Chunk();
            }
            Writer w = ReportWriter.utf8(chunk);
            try {
                XMLStreamWriter x;
                synchronized (factory) { // a factory remembers the last writer it made
                    x = factory.createXMLStreamWriter(w);
                }
                for (int i = from; i < to; i++) {
                    testcase(x, classname, flows.get(i), c);
                }
                x.writeCharacters(""); // closes an empty testcase as the report's writer would with what follows
                x.flush();
                w.flush();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
            }
            return chunk;
        }
    }

    /** The bytes of rendered testcases. */
    private static final class Chunk extends ByteArrayOutputStream {
        Chunk() {
            super(1 << 16);
        }
    }

    /** One connection. A packed verdict decodes a part on each call to its accessor: each is called once. */
    private void testcase(XMLStreamWriter x, String classname, FlowVerdict v, CaptureResult c)
            throws XMLStreamException {
        TcpFlow f = v.flow();
        List<Finding> findings = v.findings();
        JobInfo job = v.job();
        List<Finding> failing = failing(findings);
        boolean skipped = skips(v);
        boolean empty = failing.isEmpty() && findings.isEmpty() && !skipped;
        x.writeCharacters("\n    ");
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", XmlText.attribute(Labels.connection(v, f)));
        x.writeAttribute("time", Timestamps.junitSeconds(f.endNanos() - f.startNanos()));
        if (empty) {
            return;
        }
        x.writeCharacters("\n      ");
        if (failing.isEmpty() && v.reachesSeverity(options.failOn())) {
            // failed by its outcome (the job was cut off) with no single finding at --fail-on
            x.writeStartElement("failure");
            x.writeAttribute("message", XmlText.attribute(verdictLine(v) + ": "
                    + (v.reasoning().isEmpty() ? v.outcome().sentence() : v.reasoning().get(0))));
            x.writeAttribute("type", XmlText.attribute(findings.isEmpty() ? "outcome" : findings.get(0).rule()));
        } else if (!failing.isEmpty()) {
            Finding first = failing.get(0);
            x.writeStartElement("failure");
            String jobText = job == null ? "" : " Job: " + job.describe();
            x.writeAttribute("message", XmlText.attribute(verdictLine(v) + ": " + first.message() + jobText));
            x.writeAttribute("type", XmlText.attribute(first.rule()));
        } else if (skipped) {
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", XmlText.attribute("incomplete: " + v.outcome().sentence()));
            x.writeCharacters("\n      ");
            x.writeStartElement("system-out");
        } else {
            x.writeStartElement("system-out");
        }
        x.writeCharacters(XmlText.legal(evidence(v, f, findings, job, c.evidenceFor(f.stream()))));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    /** A scan passes: it is reported, not judged (its probes are no print jobs). */
    private static void scan(XMLStreamWriter x, String classname, Scan scan) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", XmlText.attribute("scan from " + scan.source()));
        x.writeAttribute("time", Timestamps.junitSeconds(scan.endNanos() - scan.startNanos()));
        x.writeCharacters("\n      ");
        x.writeStartElement("system-out");
        x.writeCharacters(XmlText.legal("\n" + Labels.scan(scan) + "\nfilter: " + scan.filter() + "\n      "));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static String verdictLine(FlowVerdict v) {
        return v.verdict().reportName() + " (fault: " + Labels.fault(v) + ")";
    }

    /**
     * Body text: verdict, reasoning, the evidence file when one was written, then each finding with its frames and
     * filter (and the filter in the evidence file).
     */
    private static String evidence(FlowVerdict v, TcpFlow f, List<Finding> findings, JobInfo job,
            EvidenceFile file) {
        StringBuilder sb = new StringBuilder(512);
        sb.append('\n').append(verdictLine(v)).append('\n');
        sb.append(Labels.connection(v, f)).append(", frames ").append(f.firstFrame()).append('-')
                .append(f.lastFrame()).append(", filter: ").append(f.displayFilter()).append('\n');
        if (job != null) {
            sb.append(job.describe()).append('\n');
        }
        List<String> reasoning = v.reasoning();
        if (!reasoning.isEmpty()) {
            sb.append("why: ").append(String.join(" ", reasoning)).append('\n');
        }
        if (file != null) {
            sb.append("evidence file: ").append(Labels.evidenceFile(file)).append('\n');
        }
        for (Finding finding : findings) {
            sb.append('[').append(finding.severity().reportName()).append("] ").append(finding.rule()).append(": ")
                    .append(finding.message()).append('\n');
            if (finding.frameCount() > 0) {
                sb.append("  frames: ").append(Labels.frames(finding)).append('\n');
            }
            sb.append("  filter: ").append(Labels.filter(f, finding)).append('\n');
            if (file != null) {
                sb.append("  in evidence file: ").append(file.filter(finding)).append('\n');
            }
        }
        return sb.append("      ").toString();
    }
}

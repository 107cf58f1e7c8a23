package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML parsed back with the JDK's DOM parser, as a CI server would read it. */
class JunitXmlTest {

    private static Document parse(Report report, ReportOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitReportWriter(options).write(report, out);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static Element testcase(Document doc, String namePrefix) {
        return elements(doc.getDocumentElement(), "testcase").stream()
                .filter(e -> e.getAttribute("name").startsWith(namePrefix)).findFirst().orElseThrow();
    }

    @Test
    void oneSuitePerCaptureOneCasePerConnection() throws Exception {
        Document doc = parse(ReportFixtures.report(), ReportOptions.defaults());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).extracting(e -> e.getAttribute("name")).containsExactly("captures/office.pcapng",
                "captures/ipv6-ipp.pcap", "captures/cut-short.pcap", "captures/not-a-capture.txt",
                "captures/overnight.pcapng.zst");
        assertThat(root.getAttribute("tests")).isEqualTo("9");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void suiteCountsMatchTheirTestcases() throws Exception {
        for (Severity failOn : Severity.values()) {
            Document doc = parse(ReportFixtures.report(), new ReportOptions(failOn, false, false));
            for (Element suite : elements(doc.getDocumentElement(), "testsuite")) {
                assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(elements(suite, "testcase").size());
                assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(elements(suite, "failure").size());
                assertThat(Integer.parseInt(suite.getAttribute("errors"))).isEqualTo(elements(suite, "error").size());
                assertThat(suite.getAttribute("skipped")).isEqualTo("0");
                assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d{3}");
            }
        }
    }

    @Test
    void seedFailureIsAFailureTypedByItsFirstRule() throws Exception {
        Document doc = parse(ReportFixtures.report(), ReportOptions.defaults());
        Element tc = testcase(doc, "stream 7 ");
        assertThat(tc.getAttribute("classname")).isEqualTo("ackwatch.office_pcapng");
        assertThat(tc.getAttribute("name")).isEqualTo("stream 7 10.0.0.5:50412 -> 192.0.2.7:9100 (raw)");
        assertThat(tc.getAttribute("time")).isEqualTo("4.601");
        Element failure = elements(tc, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("missing-ack-after-two-segments");
        assertThat(failure.getAttribute("message")).startsWith("failed (fault: printer): The printer stopped");
        assertThat(failure.getTextContent()).contains("frames: 225 226", "frames: 228 231 235 240",
                "filter: tcp.stream eq 7 && frame.number in {225, 226}", "[failure] printer-reset");
    }

    @Test
    void warningsFailOnlyWhenAskedTo() throws Exception {
        Element slow = testcase(parse(ReportFixtures.report(), ReportOptions.defaults()), "stream 3 ");
        assertThat(elements(slow, "failure")).isEmpty();
        assertThat(elements(slow, "system-out").get(0).getTextContent()).contains("[warning] slow-ack");
        Element strict = testcase(parse(ReportFixtures.report(), new ReportOptions(Severity.WARNING, false, false)),
                "stream 3 ");
        assertThat(elements(strict, "failure").get(0).getAttribute("type")).isEqualTo("slow-ack");
    }

    @Test
    void unreadableCaptureIsAnErrorAndTruncatedOneIsNot() throws Exception {
        Document doc = parse(ReportFixtures.report(), ReportOptions.defaults());
        List<Element> suites = elements(doc.getDocumentElement(), "testsuite");
        Element unreadable = suites.get(3);
        Element error = elements(unreadable, "error").get(0);
        assertThat(error.getAttribute("type")).isEqualTo("bad-magic");
        assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo(JunitReportWriter.READ_CAPTURE);
        Element truncated = suites.get(2);
        assertThat(elements(truncated, "error")).isEmpty();
        assertThat(elements(truncated, "testcase").get(0).getAttribute("name")).isEqualTo(JunitReportWriter.READ_CAPTURE);
        assertThat(elements(truncated, "system-out").get(0).getTextContent()).contains("truncated", "frames 1-57");
    }

    @Test
    void charactersIllegalInXmlAreStripped() throws Exception {
        FlowVerdict seed = ReportFixtures.seedFailure();
        List<Finding> findings = new ArrayList<>(seed.findings());
        findings.set(0, new Finding("missing-ack-after-two-segments", Severity.FAILURE, List.of(225L),
                "bell\u0007 nul\u0000 ffff\uffff lone\ud800 fine é 🖨", "tcp.stream eq 7"));
        FlowVerdict dirty = new FlowVerdict(seed.flow(), true, "raw\u0001", seed.vantage(), seed.verdict(),
                seed.fault(), findings, seed.reasoning(), seed.job());
        CaptureResult office = ReportFixtures.office();
        CaptureResult c = new CaptureResult("odd\u001bname.pcap", office.format(), office.compression(),
                office.linkTypes(), office.packets(), office.tcpPackets(), office.startNanos(), office.endNanos(),
                office.precisionDigits(), office.vantage(), null, List.of(), List.of(dirty), List.of(), 0, null, Map.of());
        Document doc = parse(new Report("0.1.0", List.of(c)), ReportOptions.defaults());
        Element failure = elements(doc.getDocumentElement(), "failure").get(0);
        assertThat(failure.getAttribute("message")).contains("bell nul ffff lone fine é 🖨");
        assertThat(elements(doc.getDocumentElement(), "testsuite").get(0).getAttribute("name"))
                .isEqualTo("oddname.pcap");
        assertThat(elements(doc.getDocumentElement(), "testcase").get(0).getAttribute("name")).endsWith("(raw)");
    }
}

package io.ackwatch.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random reports, seeded: whatever the data, the page keeps its structure and stays injection-free. */
class HtmlReportPropertyTest {
    private static final String NASTY = "<&>\"' \u0000\uD800é漢🖨";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomReportsKeepTheirStructure(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CaptureResult> captures = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int c = 0; c < n; c++) {
            captures.add(random.nextInt(6) == 0 ? Fixtures.unreadable(name(random)) : capture(random));
        }
        Report report = new Report("0.1.0", captures);
        Document doc = Jsoup.parse(HtmlReportWriterTest.render(report));

        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("img, iframe, object, embed, link")).isEmpty();
        assertThat(doc.select("[id]").eachAttr("id")).doesNotHaveDuplicates();
        for (Element a : doc.select("a[href]")) {
            assertThat(a.attr("href")).startsWith("#");
            assertThat(doc.getElementById(a.attr("href").substring(1))).as(a.attr("href")).isNotNull();
        }
        List<Element> sections = doc.select("section.capture");
        assertThat(sections).hasSize(captures.size());
        for (int c = 0; c < captures.size(); c++) {
            CaptureResult capture = captures.get(c);
            Element section = sections.get(c);
            assertThat(section.select("h2 .file").text()).isEqualTo(Jsoup.parse(Html.esc(capture.file())).text());
            if (capture.unreadable()) {
                assertThat(section.select("svg")).isEmpty();
                continue;
            }
            List<Element> figures = section.select("figure.timeline");
            assertThat(figures).hasSize(capture.printers().size());
            for (PrinterSummary p : capture.printers()) {
                Element figure = figures.stream()
                        .filter(f -> f.selectFirst("figcaption strong").text().equals(p.address())).findFirst()
                        .orElseThrow();
                assertThat(figure.select("svg.connections path.mark[data-stream]")).hasSize(p.timeline().size());
                assertThat(figure.select("svg.ack-delay path.pt[data-stream]")).hasSize(p.timeline().size());
            }
            for (FlowVerdict f : capture.flows()) {
                Element article = section.getElementById("c" + (c + 1) + "-s" + f.flow().stream());
                if (f.verdict() == Verdict.OK) {
                    assertThat(article).isNull();
                    continue;
                }
                assertThat(article.select("ol.findings > li")).hasSize(f.findings().size());
                int segments = article.select("svg.ladder g.seg").size();
                assertThat(segments).isEqualTo(Math.min(LadderDiagram.CAP, f.flow().log().size()));
                long gaps = article.select("svg.ladder g.gap").stream()
                        .mapToLong(g -> Long.parseLong(g.text().replaceAll("[^0-9]", ""))).sum();
                assertThat(segments + gaps).isEqualTo(f.flow().log().size() + f.flow().log().omitted());
                assertThat(article.select("svg.ladder g.seg.rst")).hasSize(rsts(f.flow()));
            }
            long healthy = capture.flows().stream().filter(f -> f.verdict() == Verdict.OK).count();
            assertThat(section.select("details.healthy tbody tr")).hasSize((int) healthy);
        }
    }

    private static int rsts(TcpFlow flow) {
        int n = 0;
        for (int i = 0; i < flow.log().size(); i++) {
            if ((flow.log().tcpFlags(i) & Fixtures.RST) != 0) {
                n++;
            }
        }
        return n;
    }

    private static String name(SplittableRandom random) {
        StringBuilder s = new StringBuilder("cap-");
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            s.append(NASTY.charAt(random.nextInt(NASTY.length())));
        }
        return s.append(".pcap").toString();
    }

    private static CaptureResult capture(SplittableRandom random) {
        int printers = 1 + random.nextInt(3);
        int flows = random.nextInt(40);
        List<FlowVerdict> list = new ArrayList<>();
        long frame = 1;
        long t = Fixtures.T0 + random.nextLong(1000L * Fixtures.S);
        for (int s = 0; s < flows; s++) {
            t += random.nextLong(120 * Fixtures.S);
            FlowVerdict f = randomFlow(random, s, frame, t, "10.0.0." + (1 + random.nextInt(printers)));
            frame = f.flow().lastFrame() + 1;
            list.add(f);
        }
        return Fixtures.capture(name(random), list, Vantage.CLIENT);
    }

    private static FlowVerdict randomFlow(SplittableRandom random, int stream, long frame, long start, String printer) {
        Fixtures.Conversation c = new Fixtures.Conversation(frame, start);
        if (random.nextBoolean()) {
            c.handshake();
        }
        int segments = 1 + random.nextInt(random.nextInt(8) == 0 ? 400 : 30);
        long seq = 1;
        for (int i = 0; i < segments; i++) {
            boolean client = random.nextInt(3) != 0;
            int flags = Fixtures.ACK | (random.nextInt(40) == 0 ? Fixtures.RST : 0);
            int analysis = random.nextInt(10) == 0 ? TcpAnalysisFlag.RETRANSMISSION.bit()
                    : random.nextInt(20) == 0 ? TcpAnalysisFlag.DUPLICATE_ACK.bit() : 0;
            int len = client ? random.nextInt(1461) : 0;
            c.seg(random.nextLong(2 * Fixtures.S), client, flags, client ? seq : 1, client ? 1 : seq, len, analysis);
            seq += len;
        }
        Verdict verdict = Verdict.values()[random.nextInt(Verdict.values().length)];
        long firstUnacked = verdict == Verdict.FAILED && random.nextBoolean()
                ? frame + random.nextInt(segments) : 0;
        AckDelayStats delay = random.nextInt(4) == 0 ? AckDelayStats.NONE
                : new AckDelayStats(3, random.nextLong(3 * Fixtures.S), 0, 0);
        TcpFlow flow = c.flow(stream, new Endpoint(random.nextBoolean() ? "192.0.2.1" : "2001:db8::1", 1024 + stream),
                new Endpoint(printer, 9100), delay, seq - 1, random.nextLong(seq), firstUnacked, ConnState.OTH, "D");
        List<Finding> findings = new ArrayList<>();
        if (verdict != Verdict.OK) {
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                findings.add(new Finding("rule-" + k, Severity.values()[random.nextInt(3)],
                        List.of(frame + random.nextInt(segments)), "message " + NASTY, "tcp.stream eq " + stream));
            }
        }
        return new FlowVerdict(flow, true, "raw", Vantage.CLIENT, verdict, verdict == Verdict.OK ? Fault.NONE
                : Fault.UNKNOWN, findings, List.of(), null);
    }
}

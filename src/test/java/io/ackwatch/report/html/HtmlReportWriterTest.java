package io.ackwatch.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.report.Labels;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
    private static final String SEED_FILE = "captures/printer-stops.pcapng";

    static String render(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new HtmlReportWriter(ReportOptions.defaults()).write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Renders and keeps a copy under target/html-samples for looking at by hand. */
    static String renderAndKeep(Report report, String name) throws IOException {
        String html = render(report);
        Path dir = Path.of("target", "html-samples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8);
        return html;
    }

    private static Document seedDocument() throws IOException {
        return Jsoup.parse(renderAndKeep(Fixtures.seedReport(SEED_FILE), "seed.html"));
    }

    @Test
    void pageHasHeadingStructureAndSummary() throws IOException {
        Document doc = seedDocument();
        assertThat(doc.select("html").attr("lang")).isEqualTo("en");
        assertThat(doc.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("section.capture h2 .file").text()).isEqualTo(SEED_FILE);
        assertThat(doc.select("header .lede").text()).contains("30 connections").contains("18 ● ok")
                .contains("8 ▲ degraded").contains("4 ✖ failed").contains("UTC");
        // every h4 sits under an h3, every h3 under the capture's h2
        assertThat(doc.select("section.capture h3").eachText())
                .contains("Printers", "Failed and degraded connections (12)");
        Element row = doc.selectFirst("table.printers tbody tr");
        assertThat(row.select("th").text()).isEqualTo(Fixtures.PRINTER);
        assertThat(row.select("td").eachText()).containsExactly("9100", "30", "18", "8", "4",
                "2026-03-12 09:16:30.542", "2026-03-12 09:24:30.894",
                "MSS 1460, window 65160, SACK, window scale 7, timestamps");
        // the printer's story in words links to the first degraded and first failed connection
        Element story = doc.selectFirst("section.capture h4 + p");
        assertThat(story.text()).contains("First degraded connection (stream 18) at 2026-03-12 09:16:30.542 UTC")
                .contains("First failed connection (stream 26) at 2026-03-12 09:24:30.894 UTC")
                .contains("No connection was ok after the first problem.");
        assertThat(story.select("a").eachAttr("href")).containsExactly("#c1-s18", "#c1-s26");
    }

    @Test
    void timelineHasOneShapedMarkPerConnection() throws IOException {
        Document doc = seedDocument();
        Report report = Fixtures.seedReport(SEED_FILE);
        PrinterSummary printer = report.captures().get(0).printers().get(0);
        Elements marks = doc.select("figure.timeline svg.connections path.mark[data-stream]");
        assertThat(marks).hasSize(30);
        Map<String, String> shape = Map.of("ok", "circle", "degraded", "triangle", "failed", "cross");
        for (TimelineEntry e : printer.timeline()) {
            Element mark = doc.selectFirst("svg.connections path.mark[data-stream=" + e.stream() + "]");
            String verdict = e.verdict().reportName();
            assertThat(mark.classNames()).contains(verdict, shape.get(verdict));
            assertThat(mark.selectFirst("title").text())
                    .startsWith("stream " + e.stream() + ": " + verdict + ", started " + Units.utc(e.startNanos(), 6));
            // troubled connections link to their own section
            Element link = mark.parent();
            if (e.verdict() == Verdict.OK) {
                assertThat(link.tagName()).isNotEqualTo("a");
            } else {
                assertThat(link.attr("href")).isEqualTo("#c1-s" + e.stream());
                assertThat(doc.getElementById("c1-s" + e.stream())).isNotNull();
            }
        }
        // marks go left to right in time order
        List<Double> xs = marks.stream().map(m -> firstX(m.attr("d"))).toList();
        assertThat(xs).isSorted();
        // tick labels are UTC clock times
        assertThat(doc.select("svg.connections text.tick").stream().map(Element::ownText).toList()).contains("09:00", "09:05", "09:25");
        assertThat(doc.select("svg.connections text.axis-caption").text()).isEqualTo("time (UTC) on 2026-03-12");
    }

    private static double firstX(String d) {
        return Double.parseDouble(d.substring(1, d.indexOf(' ')));
    }

    @Test
    void ackDelayChartHasLimitLineAndOnePointPerConnection() throws IOException {
        Document doc = seedDocument();
        Element svg = doc.selectFirst("svg.ack-delay");
        assertThat(svg.attr("role")).isEqualTo("img");
        // 26 connections with a measured delay (seed failure included), 3 failed ones without
        assertThat(svg.select("path.pt[data-stream]:not(.none)")).hasSize(27);
        assertThat(svg.select("path.pt.none")).hasSize(3);
        assertThat(svg.select("line.limit")).hasSize(1);
        assertThat(svg.select("text.limit-label").text()).contains("500 ms").contains("RFC 1122");
        assertThat(svg.select("text.tick").eachText()).contains("1 ms", "10 ms", "100 ms", "1 s");
        // the 500 ms line lies between the 100 ms and 1 s grid lines
        double limitY = Double.parseDouble(svg.selectFirst("line.limit").attr("y1"));
        assertThat(limitY).isBetween(yOfTick(svg, "1 s"), yOfTick(svg, "100 ms"));
        assertThat(svg.selectFirst("desc").text()).contains("from 2 ms to").contains("3 without");
        // a slow one is drawn higher (smaller y) than a fast one
        double slow = firstY(svg.selectFirst("path.pt[data-stream=25]").attr("d"));
        double fast = firstY(svg.selectFirst("path.pt[data-stream=0]").attr("d"));
        assertThat(slow).isLessThan(fast);
    }

    private static double yOfTick(Element svg, String label) {
        Element t = svg.select("text.tick").stream().filter(e -> e.text().equals(label)).findFirst().orElseThrow();
        return Double.parseDouble(t.attr("y")) - 4;
    }

    private static double firstY(String d) {
        String[] parts = d.substring(1).split("[ A-Za-z]");
        return Double.parseDouble(parts[1]);
    }

    @Test
    void seedLadderHasOneArrowPerSegmentAndHighlightsEvidence() throws IOException {
        Document doc = seedDocument();
        Element article = doc.getElementById("c1-s" + Fixtures.SEED_STREAM);
        assertThat(article.select("h4").text()).contains("Stream 26").contains("failed").contains("fault: printer");
        SegmentLog log = Fixtures.seedFailure(Fixtures.T0).flow().log();
        Element svg = article.selectFirst("svg.ladder");
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.selectFirst("title").text()).isEqualTo("Ladder diagram of stream 26");
        Elements arrows = svg.select("g.seg");
        assertThat(arrows).hasSize(log.size());
        for (int i = 0; i < log.size(); i++) {
            Element g = arrows.get(i);
            assertThat(g.attr("data-frame")).isEqualTo(Long.toString(log.frame(i)));
            assertThat(g.classNames()).contains(log.fromClient(i) ? "c2s" : "s2c");
            assertThat(g.select("line.arrow")).hasSize(1);
            assertThat(g.select("text.label").text()).contains("seq=" + log.seq(i));
        }
        Elements rst = svg.select("g.seg.rst");
        assertThat(rst).hasSize(1);
        assertThat(rst.attr("data-frame")).isEqualTo("1220");
        assertThat(rst.select("text.label").text()).startsWith("[RST, ACK]");
        Elements rtx = svg.select("g.seg.rtx");
        assertThat(rtx.eachAttr("data-frame")).containsExactly("1215", "1216", "1217", "1218", "1219");
        assertThat(rtx.select("tspan.word").eachText()).allMatch(t -> t.equals("[TCP Retransmission]"));
        // the no-ACK marker follows the two unacknowledged segments, before the first retransmission
        Element noAck = svg.selectFirst("g.no-ack");
        assertThat(noAck.select("text").text()).isEqualTo("no ACK for seq 8193–11113");
        assertThat(noAck.previousElementSibling().attr("data-frame")).isEqualTo("1214");
        assertThat(noAck.nextElementSibling().attr("data-frame")).isEqualTo("1215");
        assertThat(svg.select("g.gap")).isEmpty();
        // evidence frames are marked in the frame column
        assertThat(svg.select("text.frame.ev").eachText())
                .containsExactly("1213", "1214", "1215", "1216", "1217", "1218", "1219", "1220");
        assertThat(svg.select("text.time").first().text()).isEqualTo("+0.000 s");
        assertThat(svg.select("text.time").last().text()).isEqualTo("+19.274 s");
    }

    @Test
    void seedSectionHasFindingsFiltersReasoningAndJob() throws IOException {
        Document doc = seedDocument();
        Element article = doc.getElementById("c1-s26");
        FlowVerdict seed = Fixtures.seedFailure(Fixtures.T0);
        Elements findings = article.select("ol.findings > li");
        assertThat(findings).hasSize(seed.findings().size());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = seed.findings().get(i);
            Element li = findings.get(i);
            assertThat(li.classNames()).contains(f.severity().reportName());
            assertThat(li.text()).contains(f.message()).contains(f.rule());
            assertThat(li.select("pre.filter > code").text()).isEqualTo(f.filter());
        }
        assertThat(findings.get(0).select(".frames").text()).isEqualTo("Frames 1213, 1214");
        assertThat(article.select("pre.filter > code").eachText()).contains("tcp.stream eq 26");
        assertThat(article.select("ul.why li").eachText()).isEqualTo(seed.reasoning());
        assertThat(article.select(".job strong").text()).isEqualTo(seed.job().describe())
                .startsWith("PJL job 'Q3-report.pdf' from alice@WS-ALICE: 8,192 of 11,112 bytes acknowledged");
        assertThat(article.select(".endpoints").text()).contains("192.168.10.23:49731").contains("192.168.10.50:9100")
                .contains("2026-03-12 09:24:30.894000 UTC");
    }

    @Test
    void failedConnectionsComeFirstAndHealthyOnesAreFolded() throws IOException {
        Document doc = seedDocument();
        Elements articles = doc.select("article.conn");
        assertThat(articles).hasSize(12);
        assertThat(articles.eachAttr("id").subList(0, 4)).containsExactly("c1-s26", "c1-s27", "c1-s28", "c1-s29");
        assertThat(articles.subList(4, 12)).allMatch(a -> a.hasClass("degraded"));
        Element details = doc.selectFirst("details.healthy");
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary").text()).isEqualTo("Healthy connections (18)");
        assertThat(details.select("tbody tr")).hasSize(18);
    }

    @Test
    void jobLineIsTheSameAsInEveryOtherFormat() {
        JobInfo job = new JobInfo("PDF", "Q3-report.pdf", "alice", null, null, 1_204_224, 8_192, null,
                List.of());
        assertThat(ConnectionSection.jobLine(job))
                .isEqualTo("PDF job 'Q3-report.pdf' from alice: 8,192 of 1,204,224 bytes acknowledged");
        JobInfo anonymous = new JobInfo(null, null, null, null, null, 10, 0, null, List.of());
        assertThat(ConnectionSection.jobLine(anonymous)).isEqualTo("job: 0 of 10 bytes acknowledged");
    }

    @Test
    void everythingFromTheCaptureIsEscaped() throws IOException {
        String nasty = "bad <&>\"'.pcap";
        FlowVerdict seed = Fixtures.seedFailure(Fixtures.T0);
        Finding evil = new Finding("x<y", Severity.WARNING, List.of(1201L), "<script>alert(1)</script> & more",
                "ip.addr == \"a<b>\"");
        FlowVerdict tampered = new FlowVerdict(seed.flow(), true, "raw", Vantage.CLIENT, Verdict.FAILED,
                seed.fault(), List.of(evil), List.of("<img src=x onerror=alert(1)>"),
                new JobInfo("PJL", "</p><b>job", "eve\u0000", null, null, 1, 0, null,
                        List.of("<svg onload=alert(1)>")));
        CaptureResult capture = Fixtures.capture(nasty, List.of(tampered), Vantage.CLIENT);
        String html = renderAndKeep(new Report("0.1.0", List.of(capture)), "escaping.html");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("section.capture h2 .file").text()).isEqualTo(nasty);
        assertThat(doc.title()).isEqualTo("ackwatch: " + nasty);
        assertThat(html).contains("bad &lt;&amp;&gt;&quot;&#39;.pcap").doesNotContain("bad <&>");
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select("[onload], [onerror]")).isEmpty();
        assertThat(doc.select("ol.findings li").text()).contains("<script>alert(1)</script> & more");
        assertThat(doc.select("ol.findings pre.filter code").text()).isEqualTo("ip.addr == \"a<b>\"");
        assertThat(doc.select(".job strong").text()).contains("'</p><b>job' from eve\uFFFD");
        assertThat(html).doesNotContain("\u0000");
    }

    @Test
    void pageIsSelfContained() throws IOException {
        for (Report report : List.of(Fixtures.seedReport(SEED_FILE), Fixtures.large(2_000, 7))) {
            String html = render(report);
            Document doc = Jsoup.parse(html);
            for (Element e : doc.select("[src], [href], [xlink:href], link, img, iframe, object, embed")) {
                assertThat(e.tagName()).isNotIn("link", "img", "iframe", "object", "embed");
                assertThat(e.hasAttr("src")).as("src on %s", e.tagName()).isFalse();
                assertThat(e.attr("href")).as("href on %s", e.tagName()).startsWith("#");
            }
            assertThat(html).doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//")
                    .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)@font-face");
            assertThat(doc.select("style")).hasSize(1);
            assertThat(doc.select("script")).hasSize(1).allMatch(s -> !s.hasAttr("src"));
            // every internal link points at an element that exists
            for (Element a : doc.select("a[href]")) {
                assertThat(doc.getElementById(a.attr("href").substring(1))).as(a.attr("href")).isNotNull();
            }
        }
    }

    @Test
    void svgsAreAccessibleAndScale() throws IOException {
        Document doc = seedDocument();
        Elements svgs = doc.select("svg");
        assertThat(svgs).hasSizeGreaterThan(3);
        for (Element svg : svgs) {
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.attr("width")).isEqualTo("100%");
            assertThat(svg.attr("viewBox")).matches("0 0 [0-9.]+ [0-9.]+");
            String[] labelledBy = svg.attr("aria-labelledby").split(" ");
            assertThat(labelledBy).hasSize(2);
            assertThat(doc.getElementById(labelledBy[0]).tagName()).isEqualTo("title");
            assertThat(doc.getElementById(labelledBy[1]).tagName()).isEqualTo("desc");
            assertThat(doc.getElementById(labelledBy[1]).text()).isNotBlank();
        }
        Elements ids = doc.select("[id]");
        assertThat(ids.eachAttr("id")).doesNotHaveDuplicates();
        assertThat(html(doc)).contains("@media print").contains("@media (max-width");
    }

    private static String html(Document doc) {
        return doc.outerHtml();
    }

    @Test
    void unreadableCaptureSaysWhyAndDrawsNothing() throws IOException {
        Report report = new Report("0.1.0", List.of(Fixtures.unreadable("notes.txt"), Fixtures.ipv6("v6.pcapng")));
        Document doc = Jsoup.parse(renderAndKeep(report, "mixed.html"));
        Elements sections = doc.select("section.capture");
        assertThat(sections).hasSize(2);
        Element bad = sections.get(0);
        assertThat(bad.select("h2 .badge.unreadable").text()).isEqualTo("unreadable");
        assertThat(bad.select(".alert").text()).contains("could not be read").contains("bad-magic")
                .contains("not a pcap or pcapng file");
        assertThat(bad.select("svg, table, article")).isEmpty();
        assertThat(doc.select("nav li")).hasSize(2);
        assertThat(doc.select("nav li").get(0).text()).contains("notes.txt").contains("unreadable");
        assertThat(doc.select("header .lede").text()).contains("2 captures (1 unreadable)");
    }

    @Test
    void ipv6AddressesAreShownInBrackets() throws IOException {
        Report report = new Report("0.1.0", List.of(Fixtures.ipv6("v6.pcapng")));
        Document doc = Jsoup.parse(render(report));
        assertThat(doc.select("table.printers tbody th").text()).isEqualTo("2001:db8:10::50");
        assertThat(doc.select("svg.connections path.mark[data-stream]")).hasSize(2);
        Element article = doc.getElementById("c1-s1");
        assertThat(article.select("svg.ladder text.end-addr").eachText())
                .containsExactly("[2001:db8:10::23]:50313", "[2001:db8:10::50]:631");
        assertThat(article.select(".endpoints").text()).contains("[2001:db8:10::50]:631 (raw)");
        assertThat(article.select("svg.ladder g.seg")).hasSize(Fixtures.ipv6("v6.pcapng").flows().get(1).flow()
                .log().size());
        assertThat(article.select("svg.ladder g.seg.rst")).hasSize(1);
    }

    @Test
    void longConnectionLadderIsCutAroundTheEvidence() throws IOException {
        Fixtures.Conversation c = new Fixtures.Conversation(1, Fixtures.T0).handshake();
        long seq = 1;
        for (int i = 0; i < 150; i++) {
            c.seg(Fixtures.MS, true, Fixtures.ACK, seq, 1, 1000, 0).seg(Fixtures.MS, false, Fixtures.ACK, 1, seq + 1000,
                    0, 0);
            seq += 1000;
        }
        long lost = c.frame;
        c.seg(Fixtures.MS, true, Fixtures.ACK, seq, 1, 1000, 0)
                .seg(Fixtures.S, true, Fixtures.ACK, seq, 1, 1000, Fixtures.RT);
        for (int i = 0; i < 30; i++) {
            c.seg(Fixtures.MS, false, Fixtures.ACK, 1, seq, 0, TcpAnalysisFlag.DUPLICATE_ACK.bit());
        }
        c.seg(Fixtures.S, false, Fixtures.RST, 1, 0, 0, 0);
        TcpFlow flow = c.flow(3, new Endpoint("10.0.0.1", 5000),
                new Endpoint("10.0.0.9", 9100), AckDelayStats.NONE, seq + 999,
                seq - 1, lost, ConnState.RSTR, "ShADadR");
        assertThat(flow.log().omitted()).isPositive();
        FlowVerdict v = new FlowVerdict(flow, true, "raw", Vantage.CLIENT, Verdict.FAILED,
                Fault.SERVER, List.of(new Finding("lost", Severity.FAILURE, List.of(lost),
                        "no ACK", "frame.number == " + lost)), List.of(), null);
        Document doc = Jsoup.parse(render(new Report("0.1.0",
                List.of(Fixtures.capture("long.pcap", List.of(v), Vantage.CLIENT)))));
        Element svg = doc.selectFirst("svg.ladder");
        Elements arrows = svg.select("g.seg");
        assertThat(arrows).hasSize(LadderDiagram.CAP);
        assertThat(arrows.eachAttr("data-frame")).contains(Long.toString(lost), Long.toString(lost + 1), "1", "2",
                "3", Long.toString(c.lastFrame));
        Elements gaps = svg.select("g.gap");
        assertThat(gaps).isNotEmpty();
        long omittedInRows = gaps.stream().mapToLong(g -> Long.parseLong(g.text().replaceAll("[^0-9]", "")))
                .sum();
        assertThat(omittedInRows + arrows.size()).isEqualTo(flow.log().size() + flow.log().omitted());
        assertThat(svg.selectFirst("desc").text()).startsWith("40 of " + (flow.log().size() + flow.log().omitted()));
    }

    @Test
    void tenThousandConnectionsStaySmallAndBinned() throws IOException {
        Report report = Fixtures.large(10_000, 42);
        String html = renderAndKeep(report, "large.html");
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThan(3 * 1024 * 1024);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("svg.connections path.mark[data-stream]")).isEmpty();
        Elements bins = doc.select("svg.connections g.bin");
        assertThat(bins).isNotEmpty().hasSizeLessThanOrEqualTo(60);
        // the bins' counts add up to every connection
        int total = 0;
        for (Element bin : bins) {
            String t = bin.selectFirst("title").text();
            for (String part : t.substring(t.lastIndexOf(": ") + 2).split(", ")) {
                total += Integer.parseInt(part.substring(0, part.indexOf(' ')));
            }
        }
        assertThat(total).isEqualTo(10_000);
        CaptureResult capture = report.captures().get(0);
        long bad = capture.flows().stream().filter(f -> f.verdict() != Verdict.OK).count();
        assertThat(doc.select("article.conn")).hasSize(CaptureSection.DETAILED_LIMIT);
        assertThat(doc.select("article.conn svg.ladder")).hasSize(CaptureSection.DETAILED_LIMIT);
        assertThat(doc.select("table.more tbody tr")).hasSize((int) bad - CaptureSection.DETAILED_LIMIT);
        assertThat(doc.select("p.note").text()).contains("Only the first 50 failed or degraded connections");
        assertThat(doc.select("details.healthy tbody tr")).hasSize(CaptureSection.HEALTHY_ROWS);
        long ok = capture.flows().size() - bad;
        assertThat(doc.select("details.healthy p.note").text()).isEqualTo("The first 1,000 of " + Units.count(ok)
                + " healthy connections are listed; --verbose lists all, and the JSON report has all.");
        assertThat(doc.select("svg.ack-delay path.pt")).isNotEmpty();
    }

    @Test
    void aTroubledConnectionWithoutSegmentsSaysWhyItHasNoLadder() {
        FlowVerdict seed = Fixtures.seedFailure(Fixtures.T0);
        FlowVerdict stripped = new FlowVerdict(seed.flow().withoutDetail(), seed.printer(), seed.service(),
                seed.vantage(), seed.verdict(), seed.fault(), seed.findings(), seed.reasoning(), seed.job());
        Document doc = Jsoup.parse(render(new Report("0.1.0",
                List.of(Fixtures.capture("late.pcapng", List.of(stripped), Vantage.CLIENT)))));
        assertThat(doc.select("article.conn svg.ladder")).isEmpty();
        assertThat(doc.select("article.conn p.note").eachText()).containsExactly(Labels.NO_LADDER);
    }

    @Test
    void printersBeyondTheChartLimitAreNamedInANote() {
        List<FlowVerdict> flows = new ArrayList<>();
        long frame = 1;
        for (int i = 0; i <= CaptureSection.CHART_LIMIT; i++) {
            FlowVerdict f = Fixtures.simple(i, frame, Fixtures.T0 + i * 1_000_000_000L, Verdict.OK, 3_000_000L,
                    new Endpoint("10.0.0.9", 50000 + i), new Endpoint("10.0.1." + (i + 1), 9100));
            flows.add(f);
            frame = f.flow().lastFrame() + 1;
        }
        Document doc = Jsoup.parse(render(new Report("0.1.0",
                List.of(Fixtures.capture("many-printers.pcapng", flows, Vantage.CLIENT)))));
        assertThat(doc.select("figure.timeline")).hasSize(CaptureSection.CHART_LIMIT);
        assertThat(doc.select("p.note").text()).contains("Timelines are drawn for the " + CaptureSection.CHART_LIMIT
                + " printers with the most trouble; the table above lists all " + (CaptureSection.CHART_LIMIT + 1));
    }

    @Test
    void aBatchOfManyCapturesStopsDrawingLaddersAtTheReportLimit() {
        List<CaptureResult> captures = new ArrayList<>();
        Report one = Fixtures.large(1_000, 11);
        for (int i = 0; i < 6; i++) {
            captures.add(one.captures().get(0));
        }
        String html = render(new Report("0.1.0", captures));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("article.conn")).hasSize(6 * CaptureSection.DETAILED_LIMIT);
        assertThat(doc.select("article.conn svg.ladder")).hasSize(LadderBudget.REPORT_LIMIT);
        assertThat(doc.select("article.conn p.note").eachText()).hasSize(6 * CaptureSection.DETAILED_LIMIT
                - LadderBudget.REPORT_LIMIT).allMatch(t -> t.startsWith("Left out"));
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(6 * 1024 * 1024);
    }

    @Test
    void manyConnectionsPerPrinterSwitchToBinsAtTheLimit() {
        assertThat(binned(TimelineChart.MARK_LIMIT)).isFalse();
        assertThat(binned(TimelineChart.MARK_LIMIT + 1)).isTrue();
    }

    private static boolean binned(int n) {
        Report r = Fixtures.large(n, 3);
        Document doc = Jsoup.parse(render(r));
        int marks = doc.select("svg.connections path.mark[data-stream]").size();
        boolean bins = !doc.select("svg.connections g.bin").isEmpty();
        assertThat(bins).isNotEqualTo(marks == n);
        return bins;
    }

    @Test
    void emptyReportStillMakesAPage() {
        Document doc = Jsoup.parse(render(new Report("0.1.0", List.of())));
        assertThat(doc.select("h1").text()).isEqualTo("ackwatch report");
        assertThat(doc.select("header .lede").text()).contains("0 captures");
        List<String> none = new ArrayList<>(doc.select("section").eachText());
        assertThat(none).isEmpty();
        assertThat(doc.select("footer").text()).contains("UTC").contains("0.1.0");
    }
}

package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.ErrorKind;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextReportTest {

    private static String text(Report report, boolean verbose, boolean color) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextReportWriter(new ReportOptions(Severity.FAILURE, verbose, color)).write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String stripAnsi(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @ParameterizedTest(name = "verbose={0}")
    @ValueSource(booleans = {false, true})
    void linesFitOneHundredColumns(boolean verbose) throws IOException {
        for (String line : text(ReportFixtures.report(), verbose, false).split("\n")) {
            assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void noAnsiCodesWithoutColour() throws IOException {
        assertThat(text(ReportFixtures.report(), true, false)).doesNotContain("\u001b");
    }

    @ParameterizedTest(name = "verbose={0}")
    @ValueSource(booleans = {false, true})
    void colourChangesNothingButColour(boolean verbose) throws IOException {
        String colored = text(ReportFixtures.report(), verbose, true);
        assertThat(colored).contains("\u001b[1;31mFAILED");
        assertThat(stripAnsi(colored)).isEqualTo(text(ReportFixtures.report(), verbose, false));
    }

    @Test
    void failedConnectionShowsEvidenceAndLadder() throws IOException {
        String t = text(ReportFixtures.report(), false, false);
        assertThat(t).contains("FAILED high      stream 7 10.0.0.5:50412 -> 192.0.2.7:9100 (raw)  fault: printer",
                "filter: tcp.stream eq 7 && frame.number in {225, 226}",
                "failure  retransmission-storm  frames 228 231 235 240");
        // the reset row is marked, and is the last row of the seed ladder
        List<String> lines = List.of(t.split("\n"));
        int reset = lines.indexOf(lines.stream().filter(l -> l.contains(" 241 ")).findFirst().orElseThrow());
        assertThat(lines.get(reset)).startsWith("    *").contains("RST,ACK").endsWith("RST");
        assertThat(lines.get(reset + 1)).isEmpty();
    }

    @Test
    void unreadableCaptureShowsItsErrorAndSummaryComesLast() throws IOException {
        String t = text(ReportFixtures.report(), false, false);
        assertThat(t).contains("capture captures/not-a-capture.txt\n  error     bad-magic: Not a pcap or pcapng");
        String[] lines = t.split("\n");
        assertThat(lines[lines.length - 1])
                .isEqualTo("summary: 5 captures (1 unreadable), 7 connections: 3 ok, 2 degraded, 2 failed");
    }

    @Test
    void healthyConnectionsAreCountedUnlessVerbose() throws IOException {
        String quiet = text(ReportFixtures.report(), false, false);
        String verbose = text(ReportFixtures.report(), true, false);
        assertThat(quiet).doesNotContain("stream 1 10.0.0.5:50398").contains("1 connection without trouble");
        assertThat(verbose).contains("  ok        stream 1 10.0.0.5:50398 -> 192.0.2.7:9100 (raw)");
    }

    /** A client retrying against a busy printer: 14 refused connections in a row. */
    static Report retryStorm() {
        List<FlowVerdict> flows = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            long frame = 10 + 2L * i;
            TcpFlow f = new FlowFixture(i, new Endpoint("10.0.0.8", 51000 + i), ReportFixtures.PRINTER,
                    ReportFixtures.T0 + i * 1_000_000_000L)
                    .c(frame, 0, FlowFixture.SYN, 0, 0, 0)
                    .s(frame + 1, 300, FlowFixture.RST | FlowFixture.ACK, 1, 1, 0)
                    .state(ConnState.REJ, "Sr").build();
            Finding refused = new Finding("connection-refused", Severity.FAILURE, List.of(frame, frame + 1),
                    "The printer answered the SYN with RST.", "tcp.stream eq " + i);
            flows.add(new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER, List.of(refused),
                    List.of("Refused."), null));
        }
        CaptureResult c = new CaptureResult("retry.pcap", CaptureFormat.PCAP, Compression.NONE, List.of("EN10MB"),
                40, 40, ReportFixtures.T0, ReportFixtures.T0 + 14_000_000_000L, 6, Vantage.CLIENT, null, List.of(),
                flows, List.of(ReportFixtures.summary("192.0.2.7", List.of(9100), flows)), 0, null, Map.of());
        return new Report("0.1.0", List.of(c));
    }

    @Test
    void manyTroubledConnectionsAreDetailedUpToALimit() throws IOException {
        String quiet = text(retryStorm(), false, false);
        assertThat(quiet.split("ladder \\(", -1)).hasSize(TextReportWriter.DETAIL_LIMIT + 1);
        assertThat(quiet).contains("4 more failed or degraded connections in brief")
                .contains("  FAILED high      stream 13 10.0.0.8:51013 -> 192.0.2.7:9100 (raw)  fault: printer\n"
                        + "                  connection-refused frames 36 37\n");
        assertThat(text(retryStorm(), true, false).split("ladder \\(", -1)).hasSize(15);
        ByteArrayOutputStream md = new ByteArrayOutputStream();
        new MarkdownReportWriter(ReportOptions.defaults()).write(retryStorm(), md);
        assertThat(md.toString(StandardCharsets.UTF_8).split("```text", -1)).hasSize(TextReportWriter.DETAIL_LIMIT + 1);
        assertThat(md.toString(StandardCharsets.UTF_8)).contains("4 more failed or degraded connections are in the connections table only");
    }

    /** The office capture with its failed seed connection stripped of its segment log, as the pipeline does past its limit. */
    private static Report seedWithoutLog() {
        CaptureResult o = ReportFixtures.office();
        List<FlowVerdict> flows = new ArrayList<>();
        for (FlowVerdict v : o.flows()) {
            flows.add(v.flow().stream() != 7 ? v
                    : new FlowVerdict(v.flow().withoutDetail(), v.printer(), v.service(), v.vantage(), v.verdict(),
                            v.fault(), v.findings(), v.reasoning(), v.job()));
        }
        CaptureResult c = new CaptureResult(o.file(), o.format(), o.compression(), o.linkTypes(), o.packets(),
                o.tcpPackets(), o.startNanos(), o.endNanos(), o.precisionDigits(), o.vantage(), o.error(),
                o.warnings(), flows, o.printers(), o.otherTcpFlows(), null, Map.of());
        return new Report("0.1.0", List.of(c));
    }

    @Test
    void aMissingLadderIsExplainedInTextAndMarkdown() throws IOException {
        Report report = seedWithoutLog();
        long stripped = report.captures().get(0).flows().stream()
                .filter(v -> v.verdict() != Verdict.OK && v.flow().log().size() == 0).count();
        assertThat(stripped).isPositive();
        String text = text(report, true, false).replaceAll("\\n +", " ").replace(TextWrap.NBSP, ' ');
        assertThat(text.split(java.util.regex.Pattern.quote(Labels.NO_LADDER), -1)).hasSize((int) stripped + 1);
        assertThat(Labels.NO_LADDER).contains(" " + CaptureResult.TROUBLED_LOGS_KEPT + " ");
        ByteArrayOutputStream md = new ByteArrayOutputStream();
        new MarkdownReportWriter(new ReportOptions(Severity.FAILURE, true, false)).write(report, md);
        assertThat(md.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(Labels.NO_LADDER), -1))
                .hasSize((int) stripped + 1);
    }

    @Test
    void errorMessageDoesNotRepeatTheFileName() throws IOException {
        CaptureResult u = ReportFixtures.unreadable();
        CaptureError e = new CaptureError(ErrorKind.UNSUPPORTED, u.file() + ": pcap version 1.4 is not supported.",
                true, 4, -1);
        CaptureResult c = new CaptureResult(u.file(), u.format(), u.compression(), u.linkTypes(), 0, 0, -1, -1, 6,
                u.vantage(), e, List.of(), List.of(), List.of(), 0, null, Map.of());
        assertThat(text(new Report("0.1.0", List.of(c)), false, false))
                .contains("  error     unsupported: pcap version 1.4 is not supported. (nothing analyzed)");
    }

    @Test
    void emptyRunStillEndsWithASummary() throws IOException {
        assertThat(text(new Report("0.1.0", List.of()), false, false))
                .isEqualTo("ackwatch 0.1.0\n\nsummary: 0 captures, 0 connections: 0 ok, 0 degraded, 0 failed\n");
    }
}

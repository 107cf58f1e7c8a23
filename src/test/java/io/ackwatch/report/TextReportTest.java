package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Severity;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextReportTest {

    private static String text(Report report, boolean verbose, boolean color) throws IOException {
        StringWriter out = new StringWriter();
        new TextReportWriter(new ReportOptions(Severity.FAILURE, verbose, color)).write(report, out);
        return out.toString();
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
        assertThat(t).contains("FAILED    stream 7 10.0.0.5:50412 -> 192.0.2.7:9100 (raw)  fault: printer",
                "filter: tcp.stream eq 7 && frame.number in {225 226}",
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

    @Test
    void emptyRunStillEndsWithASummary() throws IOException {
        assertThat(text(new Report("0.1.0", List.of()), false, false))
                .isEqualTo("ackwatch 0.1.0\n\nsummary: 0 captures, 0 connections: 0 ok, 0 degraded, 0 failed\n");
    }
}

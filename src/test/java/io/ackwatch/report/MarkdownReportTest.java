package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static String md(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReportWriter(new ReportOptions(Severity.FAILURE, true, false)).write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Cells split at pipes that are not escaped with a backslash. */
    private static int cells(String row) {
        return row.split("(?<!\\\\)\\|", -1).length;
    }

    @Test
    void everyTableRowHasAsManyCellsAsItsHeader() throws IOException {
        FlowVerdict seed = ReportFixtures.seedFailure();
        Finding piped = new Finding("pipe|rule", Severity.FAILURE, List.of(225L),
                "a | b and *stars* and <html> and `ticks`", "tcp.port == 9100 || tcp.port == 515");
        FlowVerdict v = new FlowVerdict(seed.flow(), true, "raw", seed.vantage(), seed.verdict(), seed.fault(),
                List.of(piped), seed.reasoning(), seed.job());
        CaptureResult o = ReportFixtures.office();
        CaptureResult c = new CaptureResult("dir/a|b.pcap", o.format(), o.compression(), o.linkTypes(), o.packets(),
                o.tcpPackets(), o.startNanos(), o.endNanos(), o.precisionDigits(), o.vantage(), null, List.of(),
                List.of(v), List.of(ReportFixtures.summary("192.0.2.7", List.of(9100), List.of(v))), 0, null, Map.of());
        String md = md(new Report("0.1.0", List.of(c, ReportFixtures.unreadable())));
        int header = -1;
        boolean inFence = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || !line.startsWith("|")) {
                header = -1;
                continue;
            }
            if (header < 0) {
                header = cells(line);
            } else {
                assertThat(cells(line)).as(line).isEqualTo(header);
            }
        }
        assertThat(md).contains("a \\| b and \\*stars\\* and &lt;html> and \\`ticks\\`");
    }

    @Test
    void ladderSitsInAFencedBlock() throws IOException {
        String md = md(ReportFixtures.report());
        int fence = md.indexOf("```text\n");
        assertThat(fence).isPositive();
        assertThat(md.substring(fence)).contains("|--- SYN seq=0 len=0");
    }
}

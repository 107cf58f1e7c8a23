package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JSON keeps the schema's {@code "fault": "server"}; every human format says "printer" when the server is a
 * printer and "server" when it is not, the same way.
 */
class FaultWordingTest {
    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"TEXT", "JUNIT", "MARKDOWN", "HTML"})
    void humanFormatsSayPrinterOnlyForPrinters(ReportFormat format) throws IOException {
        FlowVerdict printer = ReportFixtures.refused();
        FlowVerdict other = new FlowVerdict(printer.flow(), false, printer.service(), printer.vantage(),
                printer.verdict(), printer.fault(), printer.findings(), printer.reasoning(), printer.job());

        String forPrinter = render(format, printer);
        String forOther = render(format, other);

        assertThat(faultWords(forPrinter)).as(format + " for a printer").containsOnly("printer");
        assertThat(faultWords(forOther)).as(format + " for another server").containsOnly("server");
    }

    @ParameterizedTest
    @EnumSource(value = ReportFormat.class, names = {"JSON"})
    void jsonKeepsTheSchemaValue(ReportFormat format) throws IOException {
        assertThat(render(format, ReportFixtures.refused())).contains("\"fault\": \"server\"");
    }

    /** The word after each {@code fault: } / {@code **Fault:** } / fault table cell. */
    private static List<String> faultWords(String out) {
        List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)fault:(?:\\*\\*)? ([a-z]+)|\\*\\*failed\\*\\* \\| ([a-z]+) \\|").matcher(out);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(words).as("fault named at all in%n%s", out).isNotEmpty();
        return words;
    }

    private static String render(ReportFormat format, FlowVerdict v) throws IOException {
        CaptureResult office = ReportFixtures.office();
        CaptureResult one = new CaptureResult(office.file(), office.format(), office.compression(),
                office.linkTypes(), office.packets(), office.tcpPackets(), office.startNanos(), office.endNanos(),
                office.precisionDigits(), office.vantage(), null, List.of(), List.of(v), List.of(),
                office.flows().size(), null, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writer(ReportOptions.defaults()).write(new Report("test", List.of(one)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

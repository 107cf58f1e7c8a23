package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CI log and a folder's text report show, as a user runs ackwatch on testdata: the summary paragraph on
 * stderr, the index at the top of a multi-capture text report, option values that match nothing, and
 * {@code --require-connections}.
 */
class CiFitTest {
    private static final Path HEALTHY = Testdata.ROOT.resolve("captures/s01-healthy-client-cli1.pcap");

    @TempDir
    Path tmp;

    @Test
    void aJunitFileRunSaysOnStderrWhatItFoundAndWhereTheReportWent() throws IOException {
        Testdata.assumePresent();
        Path junit = tmp.resolve("reports/ackwatch-junit.xml");
        CliRun run = CliRun.of("analyze", "--format", "junit", "--output", junit.toString(), "testdata/");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).isEmpty();

        JsonNode summary = json("testdata/").get("summary");
        List<String> err = run.err().lines().toList();
        assertThat(err).as("one paragraph").hasSize(1);
        String line = err.get(0);
        int captures = Testdata.captures().size();
        assertThat(line).startsWith("ackwatch: " + captures + " captures")
                .contains(summary.get("flows").asInt() + " connections judged: ")
                .contains(summary.get("failed").asInt() + " failed, ")
                .contains(" Worst: failed stream ")
                .endsWith(" Report: " + junit + ".");
    }

    @Test
    void severalFormatsNameEveryFileWritten() {
        Testdata.assumePresent();
        Path dir = tmp.resolve("out");
        CliRun run = CliRun.of("analyze", "--format", "json,html", "--output-dir", dir.toString(),
                Testdata.SEED.toString());
        assertThat(run.err().strip()).as(run.describe()).startsWith("ackwatch: 1 capture, 1 printer, 1 connection judged:")
                .endsWith(" Reports: " + dir.resolve("ackwatch-report.json") + ", "
                        + dir.resolve("ackwatch-report.html") + ".");
    }

    @Test
    void aFolderTextReportStartsWithItsTroubledCapturesWorstFirst() {
        Testdata.assumePresent();
        CliRun run = CliRun.of("analyze", "--color", "never", "testdata/");
        List<String> lines = run.out().lines().toList();
        int index = lines.indexOf(lines.stream().filter(l -> l.startsWith("index: ")).findFirst().orElseThrow());
        assertThat(index).as("the index comes before the first capture").isLessThan(firstCapture(lines));
        List<String> entries = new ArrayList<>();
        for (int i = index + 1; i < lines.size() && lines.get(i).startsWith("  "); i++) {
            if (!lines.get(i).startsWith("    ")) {
                entries.add(lines.get(i).strip());
            }
        }
        assertThat(entries).as("captures with trouble").isNotEmpty();
        assertThat(entries.get(0)).as("the worst first").contains(" failed");
        assertThat(entries).noneMatch(e -> e.startsWith(HEALTHY.toString()));
        int lastFailed = -1;
        int firstWithoutFailure = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).matches(".*: \\d+ failed.*")) {
                lastFailed = i;
            } else {
                firstWithoutFailure = Math.min(firstWithoutFailure, i);
            }
        }
        assertThat(lastFailed).as("captures with failed connections come before the others: " + entries)
                .isLessThan(firstWithoutFailure);
    }

    @Test
    void aSingleCaptureHasNoIndex() {
        Testdata.assumePresent();
        assertThat(CliRun.of("analyze", Testdata.SEED.toString()).out()).doesNotContain("index: ");
    }

    @Test
    void aPrinterThatMatchesNothingIsNamedInTheReportAndOnStderr() throws IOException {
        Testdata.assumePresent();
        CliRun run = CliRun.of("analyze", "--format", "json", "--printer", "10.99.2.99", "--printer", "10.99.2.9",
                Testdata.SEED.toString());
        JsonNode warnings = new ObjectMapper().readTree(run.out()).at("/captures/0/warnings");
        assertThat(warnings.toString()).contains("--printer 10.99.2.99 matches no connection in this capture")
                .doesNotContain("--printer 10.99.2.9 ");
        assertThat(run.err()).contains("warning: --printer 10.99.2.99 matches no connection in any capture.");

        CliRun port = CliRun.of("analyze", "--printer-port", "9100,9999", Testdata.SEED.toString());
        assertThat(port.out()).contains("--printer-port 9999 matches no connection").doesNotContain("--printer-port 9100");
        assertThat(port.err()).contains("ackwatch: warning: --printer-port 9999 matches no connection in any capture.");
    }

    @Test
    void requireConnectionsFailsARunThatJudgedNothing() {
        Testdata.assumePresent();
        CliRun typo = CliRun.of("analyze", "--printer", "10.99.2.99", HEALTHY.toString());
        assertThat(typo.exitCode()).as("without the option a typo passes, as before: " + typo.describe()).isZero();
        CliRun required = CliRun.of("analyze", "--require-connections", "--printer", "10.99.2.99", HEALTHY.toString());
        assertThat(required.exitCode()).as(required.describe()).isEqualTo(1);

        CliRun healthy = CliRun.of("analyze", "--require-connections", HEALTHY.toString());
        assertThat(healthy.exitCode()).as("connections judged, all fine: " + healthy.describe()).isZero();
        CliRun oneMissing = CliRun.of("analyze", "--require-connections", "--printer", "10.99.2.9",
                "--printer", "10.99.2.98", HEALTHY.toString());
        assertThat(oneMissing.exitCode()).as("one of two printers absent: " + oneMissing.describe()).isEqualTo(1);
    }

    private static int firstCapture(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("capture ")) {
                return i;
            }
        }
        return lines.size();
    }

    private static JsonNode json(String path) throws IOException {
        CliRun run = CliRun.of("analyze", "--format", "json", path);
        return new ObjectMapper().readTree(run.out());
    }
}

package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.RelayRule;
import io.ackwatch.analysis.Severity;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario s17 end to end: a host on the client LAN relays cli1's traffic. The relay is reported (capture warning
 * and an info finding on the connection, naming the MAC of the sidecar's {@code relay}) only at the capture point
 * that sees each packet twice; everywhere the jobs are ok, without packet loss.
 */
class RelayWarningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s17-lan-relay-middle", "s17-lan-relay-client-cli1", "s17-lan-relay-printer-port"})
    void relayReportedWhereTheCopiesAreVisible(String name) throws Exception {
        Path dir = Path.of(System.getProperty("ackwatch.testdata", "testdata"), "captures");
        Path pcap = dir.resolve(name + ".pcap");
        assumeTrue(Files.isRegularFile(pcap), pcap + " not found; skipping");
        JsonNode sidecar = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
        boolean copiesVisible = sidecar.get("vantage").asText().equals("middle");
        CaptureResult result = new CaptureAnalyzer(AnalysisSettings.defaults()).analyze(pcap, name,
                ProgressListener.NONE);

        List<String> relayWarnings = result.warnings().stream().filter(w -> w.startsWith("relay:")).toList();
        for (FlowVerdict v : result.flows()) {
            assertThat(v.verdict()).as("stream %d", v.flow().stream()).isEqualTo(Verdict.OK);
            assertThat(v.findings()).extracting(Finding::rule).doesNotContain("packet-loss");
        }
        if (!copiesVisible) {
            assertThat(relayWarnings).isEmpty();
            assertThat(result.flows()).allSatisfy(v -> assertThat(v.findings()).isEmpty());
            return;
        }
        String mac = sidecar.get("relay").get("mac").asText();
        assertThat(relayWarnings).singleElement().satisfies(w -> assertThat(w)
                .contains("MAC address " + mac).contains("66 frames of 1 connection")
                .contains("02:99:00:01:00:02").endsWith("Display filter: eth.src == " + mac + " && tcp.stream eq 0"));
        FlowVerdict relayed = result.flows().get(0);
        assertThat(relayed.flow().client().port()).isEqualTo(41701);
        assertThat(relayed.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RelayRule.ID);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.frameCount()).isEqualTo(66);
            assertThat(f.filter()).isEqualTo("tcp.stream eq 0 && eth.src == " + mac);
            assertThat(f.message()).contains(mac);
        });
        assertThat(result.flows().get(1).findings()).as("cli2 is not relayed").isEmpty();
    }
}

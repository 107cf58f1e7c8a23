package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * s16 through the command line: nmap's probes of printer ports leave the connections, the counts and the exit code
 * (the two print jobs are fine, so the run exits 0), and come back once as a scan; with a breadth threshold the
 * scan cannot reach, they are judged as connections again (and fail).
 */
class ScanReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"s16-port-scan-client-cli1.pcap", "s16-port-scan-printer-port.pcap"})
    void aScanIsReportedOnceAndNeitherCountedNorFailingTheRun(String name) throws Exception {
        Testdata.assumePresent();
        Path capture = Testdata.ROOT.resolve("captures").resolve(name);
        CliRun run = CliRun.of("analyze", "--format", "json", capture.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode c = JSON.readTree(run.out()).get("captures").get(0);
        assertThat(c.get("scans")).hasSize(1);
        JsonNode scan = c.get("scans").get(0);
        assertThat(scan.get("source").asText()).isEqualTo("10.99.1.2");
        List<Integer> probeStreams = new ArrayList<>();
        scan.get("streams").forEach(s -> probeStreams.add(s.asInt()));
        for (JsonNode flow : c.get("flows")) {
            assertThat(flow.get("client").asText()).doesNotEndWith(":41650").doesNotEndWith(":41660");
            assertThat(flow.get("verdict").asText()).isEqualTo("ok");
            assertThat(probeStreams).doesNotContain(flow.get("stream").asInt());
        }
        for (JsonNode printer : c.get("printers")) {
            assertThat(printer.get("failed").asInt()).isZero();
        }

        CliRun strict = CliRun.of("analyze", "--format", "json", "--threshold", "scan-min-targets=100",
                capture.toString());
        assertThat(strict.exitCode()).as(strict.describe()).isEqualTo(1);
        JsonNode judged = JSON.readTree(strict.out()).get("captures").get(0);
        assertThat(judged.has("scans")).isFalse();
        assertThat(judged.get("flows").size()).isEqualTo(c.get("flows").size() + scan.get("connections").asInt());
    }
}

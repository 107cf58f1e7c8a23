package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict follows what happened to the job, end to end on the testdata captures of issue 16: what each format
 * says and which exit code a CI step gets.
 */
class JobOutcomeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ENDS_MID_JOB = Testdata.ROOT.resolve("captures/s13-capture-ends-mid-job-client-cli1.pcap");
    private static final Path STOPS_READING =
            Testdata.ROOT.resolve("captures/s12-stops-reading-then-reset-client-cli1.pcap");
    private static final Path SUB_MSS_WINDOW =
            Testdata.ROOT.resolve("captures/s15-sub-mss-window-stall-printer-port.pcap");

    @Test
    void aCaptureThatEndsMidJobIsIncompleteNeverOkAndDoesNotFailTheBuild() throws Exception {
        Testdata.assumePresent();
        CliRun json = CliRun.of("analyze", "--format", "json", ENDS_MID_JOB.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode cut = flow(json.out(), "10.99.1.2:41302");
        assertThat(cut.get("verdict").asText()).as("schema v1's closest word").isEqualTo("degraded");
        assertThat(cut.get("outcome").asText()).isEqualTo("incomplete");
        assertThat(cut.get("fault").asText()).isEqualTo("none");
        assertThat(cut.get("confidence").asText()).isEqualTo("high");
        assertThat(cut.get("findings")).isEmpty();
        JsonNode done = flow(json.out(), "10.99.1.2:41301");
        assertThat(done.get("verdict").asText()).isEqualTo("ok");
        assertThat(done.get("outcome").asText()).isEqualTo("completed");
        assertThat(JSON.readTree(json.out()).get("summary").get("incomplete").asInt()).isEqualTo(1);

        CliRun text = CliRun.of("analyze", ENDS_MID_JOB.toString());
        assertThat(text.out()).contains("  INCOMPLETE high  stream 1 10.99.1.2:41302 -> 10.99.2.9:9100 (raw)")
                .contains("1 ok, 0 degraded, 0 failed, 1 incomplete");

        CliRun junit = CliRun.of("analyze", "--format", "junit", ENDS_MID_JOB.toString());
        assertThat(junit.exitCode()).isZero();
        assertThat(junit.out()).contains("skipped=\"1\"").contains("<skipped message=\"incomplete: the capture ended"
                + " before the job's end was acknowledged").doesNotContain("<failure");
    }

    @Test
    void aPrinterThatResetsBeforeTheJobsEndFailsTheJobAndTheBuild() throws Exception {
        Testdata.assumePresent();
        CliRun json = CliRun.of("analyze", "--format", "json", STOPS_READING.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode v = flow(json.out(), "10.99.1.2:41201");
        assertThat(v.get("verdict").asText()).isEqualTo("failed");
        assertThat(v.get("outcome").asText()).isEqualTo("failed");
        assertThat(v.get("fault").asText()).isEqualTo("server");
        assertThat(rules(v)).containsExactly("zero-window", "printer-reset");
        assertThat(v.get("findings").get(0).get("severity").asText()).isEqualTo("failure");
    }

    @Test
    void aWindowBelowOneSegmentIsReportedAsAStall() throws Exception {
        Testdata.assumePresent();
        CliRun json = CliRun.of("analyze", "--format", "json", SUB_MSS_WINDOW.toString());
        JsonNode v = flow(json.out(), "10.99.1.2:41501");
        assertThat(v.get("verdict").asText()).isEqualTo("failed");
        assertThat(rules(v)).contains("small-window");
        JsonNode small = null;
        for (JsonNode f : v.get("findings")) {
            small = f.get("rule").asText().equals("small-window") ? f : small;
        }
        assertThat(small.get("severity").asText()).isEqualTo("warning");
        assertThat(small.get("message").asText()).contains("below one full segment (down to 576 bytes, its MSS 1460)")
                .contains("the window never grew to a full segment");
    }

    private static JsonNode flow(String json, String client) throws Exception {
        for (JsonNode capture : JSON.readTree(json).get("captures")) {
            for (JsonNode f : capture.get("flows")) {
                if (f.get("client").asText().equals(client)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no flow from " + client);
    }

    private static List<String> rules(JsonNode flow) {
        List<String> out = new ArrayList<>();
        flow.get("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }
}

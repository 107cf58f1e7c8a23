package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.flow.TcpFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The jobs of the generated printer captures ({@code testdata/**}), read through the real pipeline pieces
 * (CaptureFiles.open → PacketDecoder → FlowTracker → JobReader), against the name, user and language their
 * sidecars ({@code *.expected.json}) give by construction; a connection the sidecar calls ok must have its
 * job complete, a failed one that carried data must not.
 */
class JobTestdataCapturesTest {
    /** The generator's captures hold about seventy jobs; far fewer means the comparison lost its data. */
    private static final int MIN_JOBS_READ = 40;

    private static Path testdata() {
        String dir = System.getProperty("ackwatch.testdata");
        return dir == null ? null : Path.of(dir);
    }

    @TestFactory
    Stream<DynamicTest> jobsMatchTheirSidecars() throws IOException {
        Path root = testdata();
        if (root == null || !Files.isDirectory(root)) {
            return skipped("testdata folder not found (system property ackwatch.testdata = " + root + "); skipping");
        }
        List<Path> sidecars;
        try (Stream<Path> files = Files.walk(root)) {
            sidecars = files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().toList();
        }
        if (sidecars.isEmpty()) {
            return skipped("no *.expected.json sidecars under " + root + "; skipping");
        }
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        int[] read = {0};
        for (Path sidecar : sidecars) {
            JsonNode doc = json.readTree(sidecar.toFile());
            List<JsonNode> withJob = new ArrayList<>();
            doc.path("connections").forEach(c -> {
                if (c.has("job")) {
                    withJob.add(c);
                }
            });
            if (withJob.isEmpty()) {
                continue;
            }
            Path capture = sidecar.resolveSibling(doc.path("capture").asText());
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
                Map<String, TcpFlow> flows = new HashMap<>();
                for (TcpFlow f : PrinterCapture.flows(capture)) {
                    flows.put(f.client() + " " + f.server(), f);
                }
                for (JsonNode c : withJob) {
                    String key = c.path("client").asText() + " " + c.path("server").asText();
                    JsonNode expected = c.path("job");
                    TcpFlow flow = flows.get(key);
                    assertThat(flow).as("%s: connection %s", capture.getFileName(), key).isNotNull();
                    JobInfo job = new JobReader().read(flow, service(c.path("protocol").asText()));
                    if (flow.clientStream().head().length == 0) {
                        // the client never got a byte through (refused, unanswered): nothing to read, nothing invented
                        assertThat(job == null || job.name() == null).as("%s %s", capture.getFileName(), key).isTrue();
                        continue;
                    }
                    assertThat(job).as("%s %s", capture.getFileName(), key).isNotNull();
                    assertThat(job.name()).as("%s %s name", capture.getFileName(), key)
                            .isEqualTo(expected.path("name").asText());
                    assertThat(job.user()).as("%s %s user", capture.getFileName(), key)
                            .isEqualTo(expected.path("user").asText());
                    assertThat(job.language()).as("%s %s language", capture.getFileName(), key)
                            .isEqualToIgnoringCase(expected.path("language").asText());
                    // an ok connection delivered its whole job; a failed one with data did not
                    switch (c.path("verdict").asText()) {
                        case "ok" -> assertThat(job.complete()).as("%s %s complete", capture.getFileName(), key).isTrue();
                        case "failed" -> assertThat(job.complete()).as("%s %s complete", capture.getFileName(), key).isFalse();
                        default -> { }
                    }
                    read[0]++;
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("enough jobs were compared", () ->
                assertThat(read[0]).as("jobs compared with their sidecars").isGreaterThanOrEqualTo(MIN_JOBS_READ)));
        return tests.stream();
    }

    /** One test that reports the skip and its reason (a factory's own assumption would vanish from reports). */
    private static Stream<DynamicTest> skipped(String reason) {
        return Stream.of(DynamicTest.dynamicTest("testdata present", () -> assumeTrue(false, reason)));
    }

    /** The sidecar's protocol as the service name the pipeline passes. */
    private static String service(String protocol) {
        return switch (protocol) {
            case "raw-9100" -> "raw";
            case "lpd" -> "lpd";
            case "ipp" -> "ipp";
            default -> null;
        };
    }
}

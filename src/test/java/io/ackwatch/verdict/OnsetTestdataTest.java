package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The onset analysis on the captures whose sidecars name the trigger the generator injected (issue 20: s21
 * urgent data, s22 a scan, s23 an unusual PJL command) or state that there was none (s24): the true trigger is the first candidate, at the
 * printer port and on the mirror alike, and a control has no candidate above the evidence bar.
 */
class OnsetTestdataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINTER = "10.99.2.9";

    static Stream<Path> triggerSidecars() throws IOException {
        return TestdataVerdictsTest.sidecars().filter(p -> {
            try {
                return JSON.readTree(p.toFile()).has("trigger");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void everyTriggerKindAndAControlHaveCapturesAtBothVantages() throws IOException {
        List<String> names = triggerSidecars().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("s21-trigger-urgent-printer-port.expected.json",
                "s21-trigger-urgent-middle.expected.json", "s22-trigger-scan-printer-port.expected.json",
                "s22-trigger-scan-middle.expected.json", "s23-trigger-pjl-printer-port.expected.json",
                "s23-trigger-pjl-middle.expected.json", "s24-control-no-trigger-printer-port.expected.json",
                "s24-control-no-trigger-middle.expected.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerSidecars")
    void theInjectedTriggerIsTheFirstCandidateAndAControlHasNone(Path sidecar) throws Exception {
        JsonNode trigger = JSON.readTree(sidecar.toFile()).get("trigger");
        Onset onset = onset(sidecar);
        assertThat(onset).as("the printer went bad in %s", sidecar.getFileName()).isNotNull();
        assertThat(onset.connectionsBefore()).isGreaterThanOrEqualTo(3);
        switch (trigger.get("kind").asText()) {
            case "none" -> assertThat(onset.candidates()).as("candidates above the bar").isEmpty();
            case "scan" -> {
                assertThat(onset.candidates()).isNotEmpty();
                OnsetCandidate first = onset.candidates().get(0);
                assertThat(first.kind()).isEqualTo(OnsetCandidate.Kind.SCAN);
                assertThat(first.client()).isEqualTo(trigger.get("source").asText());
                assertThat(first.rank()).isEqualTo(1);
            }
            default -> {
                assertThat(onset.candidates()).isNotEmpty();
                OnsetCandidate first = onset.candidates().get(0);
                assertThat(first.kind()).isEqualTo(OnsetCandidate.Kind.CONNECTION);
                String client = trigger.get("client").asText();
                FlowVerdict triggerFlow = TestdataVerdictsTest.judge(capture(sidecar)).stream()
                        .filter(v -> v.flow().client().toString().equals(client)).findFirst().orElseThrow();
                assertThat(first.stream()).isEqualTo(triggerFlow.stream());
                if (trigger.get("kind").asText().equals("pjl")) {
                    // the job reader sees the byte stream, not frames: the filter selects the connection
                    assertThat(first.unusual().get(0)).startsWith("PJL command @PJL " + trigger.get("command").asText()
                            + ",");
                    assertThat(first.frames()).isEmpty();
                    assertThat(first.score()).isEqualTo(OnsetAnalysis.STRONG);
                } else {
                    assertThat(first.unusual().get(0)).startsWith("urgent data");
                    assertThat(first.frames()).hasSize(1);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerSidecars")
    void everyClientOfThePrinterIsInItsTableWithTheTimeFromItsFirstJobToTheOnset(Path sidecar) throws Exception {
        Onset onset = onset(sidecar);
        assertThat(onset.clients()).extracting(ClientActivity::address).containsExactly("10.99.1.2", "10.99.1.3");
        for (ClientActivity c : onset.clients()) {
            assertThat(c.jobs()).isEqualTo(c.ok() + c.degraded() + c.failed() + c.incomplete());
            assertThat(c.leadNanos()).isEqualTo(onset.atNanos() - c.firstJobNanos()).isPositive();
            assertThat(c.presentThroughout()).isTrue();
            assertThat(c.failed()).isEqualTo(1);
        }
    }

    static Path capture(Path sidecar) throws IOException {
        return sidecar.resolveSibling(JSON.readTree(sidecar.toFile()).get("capture").asText());
    }

    static Onset onset(Path sidecar) throws Exception {
        ScanDetector.Result r = TestdataVerdictsTest.judgeWithScans(capture(sidecar));
        VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults());
        return engine.summarize(r.jobs(), r.probes()).stream().filter(p -> p.address().equals(PRINTER))
                .findFirst().orElseThrow().onset();
    }
}

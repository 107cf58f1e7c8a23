package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.AckDelays;
import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.PacketLossRule;
import io.ackwatch.analysis.SlowAckRule;
import io.ackwatch.flow.AckDelayStats;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture under {@code testdata/}, judged end to end: a report must not contradict itself. A connection whose
 * fault is the printer carries no finding that blames the network, and the other way round; the ACK delay numbers
 * of the connection header (the flow's statistics, which text, JSON and HTML print) are the ones the rules judged.
 */
class TestdataConsistencyTest {
    /** Finding wording that puts the cause on the network. */
    private static final Pattern BLAMES_NETWORK = Pattern.compile(
            "lost on the way|lost and recovered|the network|the path's round trip");
    /** Finding wording that puts the cause on the printer. */
    private static final Pattern BLAMES_PRINTER = Pattern.compile(
            "was slow to acknowledge|the printer's own|itself was slow");

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.walk(TestdataVerdictsTest.testdata(), FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    @Test
    void everyScenarioIsChecked() throws IOException {
        assertThat(captures().count()).isGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void findingsDoNotContradictTheFault(Path capture) throws Exception {
        List<String> contradictions = new ArrayList<>();
        for (FlowVerdict v : TestdataVerdictsTest.judge(capture)) {
            for (Finding f : v.findings()) {
                boolean network = f.rule().equals(PacketLossRule.ID) || BLAMES_NETWORK.matcher(f.message()).find();
                boolean printer = BLAMES_PRINTER.matcher(f.message()).find();
                if (v.fault() == Fault.SERVER && network || v.fault() == Fault.NETWORK && printer) {
                    contradictions.add("stream " + v.stream() + " fault " + v.fault() + ", " + f.rule() + ": "
                            + f.message());
                }
            }
        }
        assertThat(contradictions).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void headerAndFindingsShowOneSetOfAckDelays(Path capture) throws Exception {
        for (FlowVerdict v : TestdataVerdictsTest.judge(capture)) {
            AckDelays rules = FlowFacts.of(v.flow()).ackDelays();
            AckDelayStats header = v.flow().ackDelay();
            assertThat(header).as("stream %d: header vs rules", v.stream()).isEqualTo(rules.stats());
            for (Finding f : v.findings()) {
                if (f.rule().equals(SlowAckRule.ID)) {
                    assertThat(f.message()).as("stream %d", v.stream()).contains("median "
                            + Evidence.duration(header.medianNanos()) + ", 95th percentile "
                            + Evidence.duration(header.p95Nanos()) + ", worst " + Evidence.duration(header.maxNanos())
                            + " over " + Evidence.count(header.count(), "segment"));
                }
            }
        }
    }
}

package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobReader;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.TrackedFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections are judged as they end, before the capture end is known, and {@link VerdictEngine#refine} judges
 * again only those whose rules asked for it. That shortcut must give exactly what judging every connection with
 * the capture end known would: checked on every testdata capture and every corpus capture.
 */
class RefineEquivalenceTest {
    static Stream<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        Path testdata = TestdataVerdictsTest.testdata();
        try (Stream<Path> files = Files.walk(testdata)) {
            files.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(out::add);
        }
        if (Corpus.available()) {
            // captures with TCP connections that tshark reads whole (the others are there for the reader's tests)
            Corpus.captures().stream().filter(c -> Corpus.index(c).tsharkOk() && Corpus.index(c).tcpStreams() > 0)
                    .forEach(c -> out.add(c.path()));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void refiningOnlyWhatAskedForTheCaptureEndChangesNothing(Path capture) throws Exception {
        List<TcpFlow> flows = TrackedFlows.of(capture);
        long end = flows.stream().mapToLong(TcpFlow::endNanos).max().orElse(0) + 30_000_000_000L;
        PrinterSet printers = PrinterSet.defaults();
        {
            VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), printers);
            JobReader jobs = new JobReader();
            List<FlowVerdict> blind = new ArrayList<>();
            List<FlowVerdict> reference = new ArrayList<>();
            VerdictEngine fresh = new VerdictEngine(Thresholds.defaults(), printers);
            for (TcpFlow f : flows) {
                JobInfo job = jobs.read(f, printers.service(f.server()));
                FlowVerdict v = engine.judge(f, job);
                blind.add(v);
                reference.add(f.log().size() > 0 ? fresh.judge(f, job, end) : v);
            }
            List<FlowVerdict> refined = engine.refine(blind, end);
            assertThat(refined).isEqualTo(fresh.refine(reference));
        }
    }
}

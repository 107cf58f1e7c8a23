package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.capture.LibpcapUnavailableException;
import io.ackwatch.capture.ReaderBackend;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --reader libpcap} and the built-in reader must give identical connections wherever libpcap reads a
 * capture completely: same streams, endpoints, frames, counts, flags, verdicts and findings.
 */
class ReaderParityTest {

    @Test
    void libpcapAndBuiltinReadersGiveIdenticalFlows() {
        Corpus.assumeCorpus();
        try {
            ReaderBackend.LIBPCAP.checkAvailable();
        } catch (LibpcapUnavailableException e) {
            assumeTrue(false, "libpcap is not installed (apt-get install libpcap0.8); reader parity skipped");
        }
        AnalysisSettings builtin = AnalysisSettings.defaults().withAllFlows(true);
        AnalysisSettings libpcap = new AnalysisSettings(builtin.printers(), true, builtin.thresholds(),
                ReaderBackend.LIBPCAP, null, null, true);
        int compared = 0;
        int flows = 0;
        for (Corpus.Capture c : Corpus.captures()) {
            CaptureResult viaLibpcap = new CaptureAnalyzer(libpcap).analyze(c.path(), c.relpath(), ProgressListener.NONE);
            if (viaLibpcap.error() != null) {
                continue; // libpcap cannot read it (mixed link types, compression, ...) or not completely
            }
            CaptureResult viaBuiltin = new CaptureAnalyzer(builtin).analyze(c.path(), c.relpath(), ProgressListener.NONE);
            if (viaLibpcap.packets() != viaBuiltin.packets()) {
                // libpcap skips records Wireshark numbers as frames (pcapng custom blocks): not read completely
                continue;
            }
            assertThat(viaLibpcap.tcpPackets()).as(c.relpath()).isEqualTo(viaBuiltin.tcpPackets());
            assertThat(summaries(viaLibpcap.flows())).as(c.relpath()).isEqualTo(summaries(viaBuiltin.flows()));
            compared++;
            flows += viaBuiltin.flows().size();
        }
        System.err.printf("reader parity: %d captures, %d connections identical%n", compared, flows);
        assertThat(compared).isGreaterThan(50);
    }

    /** Everything judged about a flow, as comparable values (records compare by content). */
    private static List<Object> summaries(List<FlowVerdict> flows) {
        return flows.stream().<Object>map(v -> List.of(v.flow().stream(), v.flow().client(), v.flow().server(),
                v.flow().firstFrame(), v.flow().lastFrame(), v.flow().clientSide(), v.flow().serverSide(),
                v.flow().analysis(), v.flow().state(), v.flow().history(), v.verdict(), v.fault(), v.findings()))
                .toList();
    }
}

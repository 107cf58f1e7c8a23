package io.ackwatch.verdict;

import static io.ackwatch.analysis.FlowScript.C;
import static io.ackwatch.analysis.FlowScript.S;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.FlowScript;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A printer that is fine after boot, gets slower, then stops: the summary must tell that story. */
class SummaryTest {
    private final VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults());

    private static FlowScript job(String printer, int stream, double start, double ackDelay, boolean acked) {
        FlowScript s = new FlowScript(new Endpoint("10.0.2.5", 49000 + stream), new Endpoint(printer, 9100))
                .stream(stream).ttl(128, 63).syn(start).synAck(start + 1).ack(start + 1.05);
        double t = start + 2;
        for (int i = 0; i < 5; i++) {
            s.data(C, 1000, t);
            if (acked) {
                s.ackAll(S, t + ackDelay);
            }
            t += ackDelay + 10;
        }
        if (acked) {
            s.fin(C, t).ackAll(S, t + 1); // the job's end: the client closes, the printer acknowledges
        } else {
            s.retrans(C, t + 500).retrans(C, t + 1500).retrans(C, t + 3500).rst(S, t + 7000);
        }
        return s;
    }

    @Test
    void timelineShowsFineThenSlowerThenStopped() {
        List<FlowVerdict> verdicts = new ArrayList<>();
        verdicts.add(engine.judge(job("10.0.2.9", 4, 60_000, 300, true).build(), null));
        verdicts.add(engine.judge(job("10.0.2.9", 0, 0, 2, true).build(), null));
        verdicts.add(engine.judge(job("10.0.2.9", 2, 30_000, 5, true).build(), null));
        verdicts.add(engine.judge(job("10.0.2.9", 6, 90_000, 0, false).build(), null));
        verdicts.add(engine.judge(job("10.0.2.10", 1, 10_000, 2, true).build(), null));

        List<PrinterSummary> printers = engine.summarize(verdicts);
        assertThat(printers).extracting(PrinterSummary::address).containsExactly("10.0.2.9", "10.0.2.10");
        PrinterSummary p = printers.get(0);
        assertThat(p.ports()).containsExactly(9100);
        assertThat(p.flows()).isEqualTo(4);
        assertThat(p.ok()).isEqualTo(2);
        assertThat(p.degraded()).isEqualTo(1);
        assertThat(p.failed()).isEqualTo(1);
        assertThat(p.firstDegradedNanos()).isEqualTo(FlowScript.nanos(60_000));
        assertThat(p.firstFailedNanos()).isEqualTo(FlowScript.nanos(90_000));
        assertThat(p.timeline()).extracting(TimelineEntry::stream).containsExactly(0, 2, 4, 6);
        assertThat(p.timeline()).extracting(TimelineEntry::verdict)
                .containsExactly(Verdict.OK, Verdict.OK, Verdict.DEGRADED, Verdict.FAILED);
        assertThat(p.timeline()).extracting(TimelineEntry::ackDelayMedianNanos)
                .containsExactly(2_000_000L, 5_000_000L, 300_000_000L, -1L);
        assertThat(p.story()).isEqualTo("2 connections ok (streams 0–2, median ACK delay 2.0 ms–5.0 ms), then 1"
                + " degraded (stream 4, median ACK delay 300 ms), then 1 failed (stream 6, no ACK delay measured).");
        PrinterSummary other = printers.get(1);
        assertThat(other.firstDegradedNanos()).isEqualTo(-1);
        assertThat(other.firstFailedNanos()).isEqualTo(-1);
    }

    @Test
    void nonPrinterFlowsStayOutOfThePrinterSummaries() {
        FlowScript web = new FlowScript(new Endpoint("10.0.2.5", 50000), new Endpoint("10.0.2.80", 80)).syn(0)
                .synAck(1).ack(1.05);
        List<FlowVerdict> verdicts = List.of(engine.judge(web.build(), null));
        assertThat(engine.summarize(verdicts)).isEmpty();
        assertThat(engine.captureVantage(verdicts)).isEqualTo(Vantage.CLIENT);
    }

    @Test
    void captureVantageIsJudgedOverPrinterConnections() {
        List<FlowVerdict> verdicts = List.of(
                engine.judge(job("10.0.2.9", 0, 0, 2, true).build(), null),
                engine.judge(job("10.0.2.9", 1, 100, 2, true).build(), null));
        assertThat(engine.captureVantage(verdicts)).isEqualTo(Vantage.CLIENT);
    }

    @Test
    void ipv4AddressesSortNumericallyBeforeIpv6() {
        assertThat(List.of("2001:db8::1", "10.0.0.10", "10.0.0.9", "192.168.1.1").stream()
                .sorted(AddressOrder.INSTANCE).toList())
                .containsExactly("10.0.0.9", "10.0.0.10", "192.168.1.1", "2001:db8::1");
    }
}

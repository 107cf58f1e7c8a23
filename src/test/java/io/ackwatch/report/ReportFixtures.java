package io.ackwatch.report;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.verdict.VerdictEngine;
import static io.ackwatch.report.FlowFixture.ACK;
import static io.ackwatch.report.FlowFixture.FIN;
import static io.ackwatch.report.FlowFixture.PSH;
import static io.ackwatch.report.FlowFixture.RST;
import static io.ackwatch.report.FlowFixture.SYN;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.ErrorKind;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reports the golden files show, built from the records the earlier stages hand over. Each case is one
 * situation a support engineer meets:
 * <ul>
 *   <li>office.pcapng: a printer that is fine (stream 1), then slow to ACK (stream 3, degraded, long log with
 *       omitted segments), then stops ACKing and resets (stream 7, the seed failure: failed, printer at fault,
 *       three findings), then refuses a connection (stream 9);</li>
 *   <li>ipv6-ipp.pcap: IPv6, nanosecond timestamps, IPP job, zero window (degraded);</li>
 *   <li>cut-short.pcap: a non-fatal truncated tail, one healthy LPD connection;</li>
 *   <li>not-a-capture.txt: unreadable (bad magic);</li>
 *   <li>overnight.pcapng.zst: zstd-compressed, spans midnight UTC, one healthy connection.</li>
 * </ul>
 */
final class ReportFixtures {
    static final String VERSION = "0.1.0";
    static final Endpoint PRINTER = new Endpoint("192.0.2.7", 9100);

    private ReportFixtures() {}

    static long at(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static Report report() {
        return new Report(VERSION, List.of(office(), ipv6(), cutShort(), unreadable(), zstd()));
    }

    static final long T0 = at("2026-11-23T08:15:02.123456Z");

    // ---------------------------------------------------------------- office.pcapng

    static FlowVerdict okRaw() {
        TcpFlow f = new FlowFixture(1, new Endpoint("10.0.0.5", 50398), PRINTER, T0 + 500_000_000L)
                .c(3, 0, SYN, 0, 0, 0)
                .s(4, 390, SYN | ACK, 0, 1, 0)
                .c(5, 470, ACK, 1, 1, 0)
                .c(6, 1_000, PSH | ACK, 1, 1, 1460)
                .s(7, 2_100, ACK, 1, 1461, 0)
                .c(8, 2_300, PSH | ACK, 1461, 1, 1460)
                .s(9, 3_500, ACK, 1, 2921, 0)
                .c(10, 3_600, PSH | ACK, 2921, 1, 612)
                .s(12, 4_800, ACK, 1, 3533, 0)
                .c(13, 5_000, FIN | ACK, 3533, 1, 0)
                .s(14, 6_100, FIN | ACK, 1, 3534, 0)
                .c(15, 6_200, ACK, 3534, 2, 0)
                .ackDelay(1_150, 1_200, 1_200, 3).state(ConnState.SF, "ShADadFf").bytes(3532, 3532, 0)
                .build().withoutDetail();
        return new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.OK, Fault.NONE, List.of(),
                List.of("Every client segment was acknowledged and the connection closed normally."),
                new JobInfo("PJL", "invoice-4711.pdf", "carol", null, null, 3532, 3532, Boolean.TRUE, List.of()));
    }

    static FlowVerdict slowAck() {
        long base = T0 + 40_000_000_000L;
        FlowFixture b = new FlowFixture(3, new Endpoint("10.0.0.6", 50411), PRINTER, base)
                .c(30, 0, SYN, 0, 0, 0)
                .s(31, 450, SYN | ACK, 0, 1, 0)
                .c(32, 520, ACK, 1, 1, 0);
        long t = 1_000;
        long seq = 1;
        long frame = 33;
        for (int i = 0; i < 50; i++) {
            long delay = i == 44 ? 611_000 : i % 7 == 3 ? 480_000 : 212_000;
            b.c(frame, t, PSH | ACK, seq, 1, 1460);
            seq += 1460;
            b.s(frame + 1, t + delay, ACK, 1, seq, 0);
            t += delay + 300;
            frame += 2;
        }
        b.c(frame, t + 1_000, FIN | ACK, seq, 1, 0)
                .s(frame + 1, t + 215_000, FIN | ACK, 1, seq + 1, 0)
                .c(frame + 2, t + 215_400, ACK, seq + 1, 2, 0);
        TcpFlow f = b.log(32, 32).ackDelay(212_000, 480_000, 611_000, 50).state(ConnState.SF, "ShADadFf")
                .bytes(seq - 1, seq - 1, 0).build();
        Finding slow = new Finding("slow-ack", Severity.WARNING, List.of(121L, 122L),
                "The printer took 212 ms (median over 50 segments) to acknowledge data, above the 200 ms threshold;"
                        + " the slowest ACK took 611 ms (frames 121 -> 122).",
                "tcp.stream eq 3 && tcp.analysis.ack_rtt > 0.2");
        return new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.DEGRADED, Fault.SERVER, List.of(slow),
                List.of("All data was delivered, but the printer acknowledged it slowly.",
                        "The capture was taken at the client, so the delay includes the network round trip (0.45 ms"
                                + " at the handshake); the rest is the printer."),
                null);
    }

    /** The seed failure: the printer stops ACKing after two segments, the client retransmits, the printer resets. */
    static FlowVerdict seedFailure() {
        TcpFlow f = new FlowFixture(7, new Endpoint("10.0.0.5", 50412), PRINTER, T0 + 300_000_000_000L)
                .c(220, 0, SYN, 0, 0, 0)
                .s(221, 412, SYN | ACK, 0, 1, 0)
                .c(222, 520, ACK, 1, 1, 0)
                .c(223, 10_000, PSH | ACK, 1, 1, 1460)
                .s(224, 10_610, ACK, 1, 1461, 0)
                .c(225, 20_000, PSH | ACK, 1461, 1, 1460)
                .c(226, 20_090, PSH | ACK, 2921, 1, 1460)
                .c(228, 320_000, PSH | ACK, 1461, 1, 1460, TcpAnalysisFlag.RETRANSMISSION)
                .c(231, 920_000, PSH | ACK, 1461, 1, 1460, TcpAnalysisFlag.RETRANSMISSION)
                .c(235, 2_120_000, PSH | ACK, 1461, 1, 1460, TcpAnalysisFlag.RETRANSMISSION)
                .c(240, 4_520_000, PSH | ACK, 1461, 1, 1460, TcpAnalysisFlag.RETRANSMISSION)
                .s(241, 4_601_000, RST | ACK, 1, 1461, 0)
                .ackDelay(610, 610, 610, 1).state(ConnState.RSTR, "ShADaTr").bytes(4380, 1460, 225)
                .build();
        List<Finding> findings = List.of(
                new Finding("missing-ack-after-two-segments", Severity.FAILURE, List.of(225L, 226L),
                        "The printer stopped acknowledging: the segments in frames 225 and 226 (2920 bytes) were never"
                                + " acknowledged, although its receive window was open.",
                        "tcp.stream eq 7 && frame.number in {225, 226}"),
                new Finding("retransmission-storm", Severity.FAILURE, List.of(228L, 231L, 235L, 240L),
                        "The client retransmitted seq 1461 four times over 4.2 s (0.3, 0.6, 1.2, 2.4 s back-off)"
                                + " without any ACK from the printer.",
                        "tcp.stream eq 7 && tcp.analysis.retransmission"),
                new Finding("printer-reset", Severity.FAILURE, List.of(241L),
                        "The printer reset the connection with 2920 bytes unacknowledged; the job was cut off.",
                        "tcp.stream eq 7 && tcp.flags.reset == 1"));
        return new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER, findings,
                List.of("The printer stopped acknowledging data after frame 224 while its window was open.",
                        "The client kept retransmitting, so the client and the path towards the printer worked.",
                        "The printer then reset the connection: the evidence points at the printer."),
                new JobInfo("PJL", "Q3 report.pdf", "alice", "WS-017", null, 4380, 1460, Boolean.FALSE, List.of()));
    }

    static FlowVerdict refused() {
        TcpFlow f = new FlowFixture(9, new Endpoint("10.0.0.8", 50999), PRINTER, T0 + 360_000_000_000L)
                .c(300, 0, SYN, 0, 0, 0)
                .s(301, 350, RST | ACK, 1, 1, 0)
                .state(ConnState.REJ, "Sr").bytes(0, 0, 0)
                .build();
        Finding refused = new Finding("connection-refused", Severity.FAILURE, List.of(300L, 301L),
                "The printer answered the SYN with RST: nothing listened on port 9100, or the printer was busy"
                        + " with another connection.",
                "tcp.stream eq 9 && frame.number in {300, 301}");
        return new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER, List.of(refused),
                List.of("The printer refused the connection (RST in reply to SYN, frame 301)."), null);
    }

    static CaptureResult office() {
        List<FlowVerdict> flows = List.of(okRaw(), slowAck(), seedFailure(), refused());
        return new CaptureResult("captures/office.pcapng", CaptureFormat.PCAPNG, Compression.NONE, List.of("EN10MB"),
                318, 296, T0, T0 + 361_000_000_000L, 6, Vantage.CLIENT, null, List.of(), flows,
                List.of(summary(PRINTER.address(), List.of(9100), flows)), 6,
                new FileIdentity(1_234_567, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), Map.of());
    }

    // ---------------------------------------------------------------- ipv6-ipp.pcap

    static final long T1 = at("2026-11-23T09:00:00.123456789Z");

    static FlowVerdict ipv6ZeroWindow() {
        Endpoint printer = new Endpoint("2001:db8:20::7", 631);
        TcpFlow f = new FlowFixture(0, new Endpoint("2001:db8:10::25", 50123), printer, T1)
                .c(1, 0, SYN, 0, 0, 0)
                .s(2, 300, SYN | ACK, 0, 1, 0)
                .c(3, 380, ACK, 1, 1, 0)
                .c(4, 1_000, PSH | ACK, 1, 1, 1200)
                .s(5, 1_900, ACK, 1, 1201, 0)
                .c(6, 2_000, PSH | ACK, 1201, 1, 8192, TcpAnalysisFlag.WINDOW_FULL)
                .sWin(8, 3_100, ACK, 1, 9393, 0, 0, TcpAnalysisFlag.ZERO_WINDOW)
                .c(9, 503_100, ACK, 9393, 1, 1, TcpAnalysisFlag.ZERO_WINDOW_PROBE)
                .sWin(10, 503_900, ACK, 1, 9393, 0, 0, TcpAnalysisFlag.ZERO_WINDOW,
                        TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK)
                .s(11, 31_203_100, ACK, 1, 9393, 0, TcpAnalysisFlag.WINDOW_UPDATE)
                .c(12, 31_204_000, PSH | ACK, 9393, 1, 400)
                .s(13, 31_210_000, PSH | ACK, 1, 9793, 96)
                .c(14, 31_211_000, FIN | ACK, 9793, 97, 0)
                .s(15, 31_212_000, FIN | ACK, 97, 9794, 0)
                .c(16, 31_212_300, ACK, 9794, 98, 0)
                .ackDelay(900, 6_000, 6_000, 3).state(ConnState.SF, "ShADadWFf").bytes(9792, 9792, 0)
                .build();
        Finding zw = new Finding("zero-window", Severity.WARNING, List.of(8L, 11L),
                "The printer advertised a zero window for 31.2 s (frames 8 to 11), longer than the 30 s a busy"
                        + " printer normally needs; it was not taking data.",
                "tcp.stream eq 0 && (tcp.analysis.zero_window || tcp.analysis.window_update)");
        return new FlowVerdict(f, true, "ipp", Vantage.SERVER, Verdict.DEGRADED, Fault.SERVER, List.of(zw),
                List.of("The job was delivered, but the printer closed its window for longer than the threshold."),
                new JobInfo("IPP", "label-batch-17", "bob", null, "Print-Job", 9792, 9792, Boolean.TRUE,
                        List.of("successful-ok")));
    }

    static CaptureResult ipv6() {
        List<FlowVerdict> flows = List.of(ipv6ZeroWindow());
        return new CaptureResult("captures/ipv6-ipp.pcap", CaptureFormat.PCAP_NSEC, Compression.NONE,
                List.of("LINUX_SLL2"), 16, 16, T1, T1 + 31_212_300_000L, 9, Vantage.SERVER, null, List.of(), flows,
                List.of(summary("2001:db8:20::7", List.of(631), flows)), 0, null, Map.of());
    }

    // ---------------------------------------------------------------- cut-short.pcap

    static final long T2 = at("2026-11-23T10:30:00.000250Z");

    static CaptureResult cutShort() {
        Endpoint printer = new Endpoint("192.0.2.8", 515);
        TcpFlow f = new FlowFixture(0, new Endpoint("10.0.0.9", 721), printer, T2 + 2_000_000L)
                .c(2, 0, SYN, 0, 0, 0)
                .s(3, 600, SYN | ACK, 0, 1, 0)
                .c(4, 700, ACK, 1, 1, 0)
                .c(5, 1_000, PSH | ACK, 1, 1, 12)
                .s(6, 1_900, PSH | ACK, 1, 13, 1)
                .c(7, 2_000, FIN | ACK, 13, 2, 0)
                .s(8, 2_800, FIN | ACK, 2, 14, 0)
                .c(9, 2_900, ACK, 14, 3, 0)
                .ackDelay(900, 900, 900, 1).state(ConnState.SF, "ShADdFf").bytes(12, 12, 0)
                .build().withoutDetail();
        FlowVerdict v = new FlowVerdict(f, true, "lpd", Vantage.CLIENT, Verdict.OK, Fault.NONE, List.of(),
                List.of("Every client segment was acknowledged and the connection closed normally."),
                new JobInfo("LPD", null, null, null, "receive job (02)", 12, 12, null, List.of()));
        CaptureError truncated = new CaptureError(ErrorKind.TRUNCATED,
                "The last packet record is cut short: expected 1514 bytes, got 50.", false, 18342, 57);
        return new CaptureResult("captures/cut-short.pcap", CaptureFormat.PCAP, Compression.NONE, List.of("EN10MB"),
                57, 50, T2, T2 + 9_400_000L, 6, Vantage.CLIENT, truncated,
                List.of("4 frames are cut to the snap length of 96 bytes; their payload is incomplete."),
                List.of(v), List.of(summary("192.0.2.8", List.of(515), List.of(v))), 0, null, Map.of());
    }

    // ---------------------------------------------------------------- not-a-capture.txt

    static CaptureResult unreadable() {
        CaptureError bad = new CaptureError(ErrorKind.BAD_MAGIC,
                "Not a pcap or pcapng file: it starts with 0x23212f62, not a capture magic number.", true, 0, -1);
        return new CaptureResult("captures/not-a-capture.txt", CaptureFormat.UNKNOWN, Compression.NONE, List.of(),
                0, 0, -1, -1, 6, Vantage.UNKNOWN, bad, List.of(), List.of(), List.of(), 0, null, Map.of());
    }

    // ---------------------------------------------------------------- overnight.pcapng.zst

    static final long T3 = at("2026-11-23T23:59:58.500000Z");

    static CaptureResult zstd() {
        TcpFlow f = new FlowFixture(0, new Endpoint("10.0.0.5", 50001), PRINTER, T3 + 1_000_000_000L)
                .c(2, 0, SYN, 0, 0, 0)
                .s(3, 400, SYN | ACK, 0, 1, 0)
                .c(4, 480, ACK, 1, 1, 0)
                .c(5, 900, PSH | ACK, 1, 1, 500)
                .s(6, 2_000, ACK, 1, 501, 0)
                .c(7, 2_749_000, FIN | ACK, 501, 1, 0)
                .s(8, 2_749_900, FIN | ACK, 1, 502, 0)
                .c(9, 2_750_000, ACK, 502, 2, 0)
                .ackDelay(1_100, 1_100, 1_100, 1).state(ConnState.SF, "ShADaFf").bytes(500, 500, 0)
                .build();
        FlowVerdict v = new FlowVerdict(f, true, "raw", Vantage.CLIENT, Verdict.OK, Fault.NONE, List.of(),
                List.of("Every client segment was acknowledged and the connection closed normally."),
                new JobInfo("PJL", "nightly-labels", null, null, null, 500, 500, Boolean.TRUE,
                        List.of("@PJL USTATUS DEVICE CODE=10001 DISPLAY=\"Ready\" ONLINE=TRUE")));
        return new CaptureResult("captures/overnight.pcapng.zst", CaptureFormat.PCAPNG, Compression.ZSTD,
                List.of("EN10MB"), 9, 9, T3, T3 + 4_750_000_000L, 6, Vantage.CLIENT, null, List.of(), List.of(v),
                List.of(summary(PRINTER.address(), List.of(9100), List.of(v))), 0, null, Map.of());
    }

    /** The printer summary the verdict stage builds from these connections (all to one printer). */
    static PrinterSummary summary(String address, List<Integer> ports, List<FlowVerdict> flows) {
        PrinterSummary s = new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults()).summarize(flows).get(0);
        if (!s.address().equals(address) || !s.ports().equals(ports)) {
            throw new IllegalArgumentException("fixture flows do not go to " + address + " on " + ports);
        }
        return s;
    }
}

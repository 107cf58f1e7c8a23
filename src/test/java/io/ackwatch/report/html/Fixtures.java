package io.ackwatch.report.html;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.verdict.VerdictEngine;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.ErrorKind;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.SynAckOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;

/**
 * Reports built from the real records, shaped like the seed story: a raw (9100) printer that is fine after
 * boot, acknowledges ever more slowly, then stops acknowledging and resets the connection.
 */
final class Fixtures {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final long T0 = Instant.parse("2026-03-12T08:58:30Z").getEpochSecond() * S;
    static final String PRINTER = "192.168.10.50";
    static final String CLIENT = "192.168.10.23";
    static final int SEED_STREAM = 26;
    static final long SEED_FIRST_FRAME = 1201;

    static final int SYN = TcpSegment.SYN;
    static final int ACK = TcpSegment.ACK;
    static final int PSH = TcpSegment.PSH;
    static final int RST = TcpSegment.RST;
    static final int FIN = TcpSegment.FIN;
    static final int RT = TcpAnalysisFlag.RETRANSMISSION.bit();

    private Fixtures() {}

    /** Builds a SegmentLog and the SideStats/AnalysisCounts that go with it, frame by frame. */
    static final class Conversation {
        final SegmentLog.Builder log = new SegmentLog.Builder(64, 64);
        final long start;
        long frame;
        long now;
        final long[] packets = new long[2];
        final long[] payload = new long[2];
        final int[] rst = new int[2];
        final int[] fin = new int[2];
        final int[] counts = new int[TcpAnalysisFlag.values().length];
        long synFrame;
        long synNanos;
        long synAckFrame;
        long synAckNanos;
        long ackFrame;
        long ackNanos;
        long lastFrame;

        Conversation(long firstFrame, long start) {
            this.frame = firstFrame;
            this.start = start;
            this.now = start;
        }

        Conversation seg(long afterNanos, boolean client, int flags, long seq, long ack, int len, int analysis) {
            now += afterNanos;
            log.add(frame, now, client, flags, seq, ack, len, client ? 64240 : 8760, analysis, client ? 128 : 64);
            int side = client ? 0 : 1;
            packets[side]++;
            payload[side] += len;
            if ((flags & RST) != 0) {
                rst[side]++;
            }
            if ((flags & FIN) != 0) {
                fin[side]++;
            }
            for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
                if (f.in(analysis)) {
                    counts[f.ordinal()]++;
                }
            }
            if (flags == SYN && synFrame == 0) {
                synFrame = frame;
                synNanos = now;
            } else if (flags == (SYN | ACK) && synAckFrame == 0) {
                synAckFrame = frame;
                synAckNanos = now;
            } else if (flags == ACK && synAckFrame > 0 && ackFrame == 0) {
                ackFrame = frame;
                ackNanos = now;
            }
            lastFrame = frame++;
            return this;
        }

        Conversation handshake() {
            return seg(0, true, SYN, 0, 0, 0, 0).seg(2 * MS, false, SYN | ACK, 0, 1, 0, 0)
                    .seg(MS / 5, true, ACK, 1, 1, 0, 0);
        }

        TcpFlow flow(int stream, Endpoint client, Endpoint server, AckDelayStats delay, long clientBytes,
                long delivered, long firstUnacked, ConnState state, String history) {
            SideStats c = new SideStats(packets[0], payload[0], 1, 0, fin[0], rst[0], 128, 128, 1460, -1, true, false);
            SideStats s = new SideStats(packets[1], payload[1], 0, 1, fin[1], rst[1], 64, 64, 1460, -1, false, false);
            return new TcpFlow(stream, client, server, RoleBasis.SYN, log.size() == 0 ? frame : firstFrameOf(),
                    lastFrame, start, now, c, s, 0,
                    new Handshake(synFrame, synNanos, synAckFrame, synAckNanos, ackFrame, ackNanos, synAckFrame > 0
                            ? new SynAckOptions(1460, 65160, true, 7, true, 3_141_592, List.of()) : null, 0, 0),
                    new AnalysisCounts(counts), log.build(), delay, clientBytes, delivered, firstUnacked, state,
                    history, ByteStreamSample.EMPTY, ByteStreamSample.EMPTY, true);
        }

        private long firstFrameOf() {
            return frame - packets[0] - packets[1];
        }
    }

    /** The seed failure: two segments never acknowledged, five retransmissions, then the printer's RST. */
    static FlowVerdict seedFailure(long start) {
        Conversation c = new Conversation(SEED_FIRST_FRAME, start).handshake();
        c.seg(40 * MS, true, PSH | ACK, 1, 1, 1460, 0)
                .seg(MS / 10, true, ACK, 1461, 1, 1460, 0)
                .seg(180 * MS, false, ACK, 1, 2921, 0, 0)
                .seg(MS / 2, true, ACK, 2921, 1, 1460, 0)
                .seg(MS / 10, true, ACK, 4381, 1, 1460, 0)
                .seg(240 * MS, false, ACK, 1, 5841, 0, 0)
                .seg(MS / 2, true, ACK, 5841, 1, 1460, 0)
                .seg(MS / 10, true, PSH | ACK, 7301, 1, 892, 0)
                .seg(310 * MS, false, ACK, 1, 8193, 0, 0)
                .seg(MS / 2, true, ACK, 8193, 1, 1460, 0)     // frame 1213: never acknowledged
                .seg(MS / 10, true, ACK, 9653, 1, 1460, 0)    // frame 1214: never acknowledged
                .seg(500 * MS, true, ACK, 8193, 1, 1460, RT)
                .seg(S, true, ACK, 8193, 1, 1460, RT)
                .seg(2 * S, true, ACK, 8193, 1, 1460, RT)
                .seg(4 * S, true, ACK, 8193, 1, 1460, RT)
                .seg(8 * S, true, ACK, 8193, 1, 1460, RT)
                .seg(3 * S, false, RST | ACK, 1, 8193, 0, 0); // frame 1220
        long firstUnacked = SEED_FIRST_FRAME + 12;
        TcpFlow flow = c.flow(SEED_STREAM, new Endpoint(CLIENT, 49731), new Endpoint(PRINTER, 9100),
                new AckDelayStats(4, 240 * MS, 310 * MS, 310 * MS), 11_112, 8_192, firstUnacked, ConnState.RSTR,
                "ShADadR");
        List<Finding> findings = List.of(
                new Finding("missing-ack-after-two-segments", Severity.FAILURE, List.of(1213L, 1214L),
                        "The printer acknowledged nothing after frame 1214: two full-sized segments (2,920 bytes "
                                + "from seq 8193) went unacknowledged, although RFC 1122 asks for an ACK at least "
                                + "every second full-sized segment.",
                        "tcp.stream eq 26 && frame.number in {1213, 1214}"),
                new Finding("retransmissions-unanswered", Severity.FAILURE,
                        List.of(1215L, 1216L, 1217L, 1218L, 1219L),
                        "The client retransmitted seq 8193 five times (0.5, 1, 2, 4, 8 s apart) and got no answer.",
                        "tcp.stream eq 26 && tcp.analysis.retransmission"),
                new Finding("rst-with-unacked-data", Severity.FAILURE, List.of(1220L),
                        "The printer reset the connection with 2,920 bytes still unacknowledged: it discarded the "
                                + "rest of the job.",
                        "tcp.stream eq 26 && tcp.flags.reset == 1"));
        List<String> reasoning = List.of(
                "The client's data from frame 1213 on was never acknowledged, and the printer then reset the "
                        + "connection, so the job failed.",
                "The printer answered with an RST, so it was reachable: the network did not lose its packets; the "
                        + "printer stopped taking data.",
                "Earlier connections to this printer show ACK delays rising above 500 ms before this one.");
        JobInfo job = new JobInfo("PJL", "Q3-report.pdf", "alice", "WS-ALICE", null, 11_112, 8_192, Boolean.FALSE,
                List.of("@PJL USTATUS DEVICE CODE=10001 DISPLAY=\"Ready\" ONLINE=TRUE"));
        return new FlowVerdict(flow, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER, findings, reasoning,
                job);
    }

    /** A short healthy or slow print connection: handshake, a few data segments, ACKs after {@code delay}. */
    static FlowVerdict simple(int stream, long firstFrame, long start, Verdict verdict, long delay,
            Endpoint client, Endpoint server) {
        Conversation c = new Conversation(firstFrame, start).handshake();
        long seq = 1;
        for (int k = 0; k < 3; k++) {
            c.seg(MS, true, ACK, seq, 1, 1460, 0).seg(MS / 10, true, PSH | ACK, seq + 1460, 1, 1460, 0);
            seq += 2920;
            if (verdict == Verdict.FAILED) {
                break;
            }
            c.seg(delay, false, ACK, 1, seq, 0, 0);
        }
        long delivered = seq - 1;
        long firstUnacked = 0;
        List<Finding> findings = new ArrayList<>();
        String filter = "tcp.stream eq " + stream;
        if (verdict == Verdict.FAILED) {
            firstUnacked = c.lastFrame - 1;
            delivered = 0;
            c.seg(3 * S, true, ACK, 1, 1, 1460, RT).seg(6 * S, true, ACK, 1, 1, 1460, RT)
                    .seg(12 * S, true, RST | ACK, seq, 1, 0, 0);
            findings.add(new Finding("missing-ack-after-two-segments", Severity.FAILURE,
                    List.of(firstUnacked, firstUnacked + 1), "No ACK for the first two segments.", filter));
        } else {
            c.seg(MS, true, FIN | ACK, seq, 1, 0, 0).seg(delay, false, FIN | ACK, 1, seq + 1, 0, 0)
                    .seg(MS / 5, true, ACK, seq + 1, 2, 0, 0);
        }
        if (verdict == Verdict.DEGRADED) {
            findings.add(new Finding("ack-delay-over-500ms", Severity.WARNING, List.of(c.lastFrame - 3),
                    "The printer took " + Units.duration(delay) + " to acknowledge data (RFC 1122: under 500 ms).",
                    filter + " && tcp.analysis.ack_rtt > 0.5"));
        }
        AckDelayStats stats = verdict == Verdict.FAILED ? AckDelayStats.NONE
                : new AckDelayStats(3, delay, delay, delay);
        TcpFlow flow = c.flow(stream, client, server, stats, seq - 1, delivered, firstUnacked,
                verdict == Verdict.FAILED ? ConnState.RSTO : ConnState.SF, "ShADadFf");
        Fault fault = verdict == Verdict.OK ? Fault.NONE : Fault.SERVER;
        return new FlowVerdict(flow, true, "raw", Vantage.CLIENT, verdict, fault, findings,
                verdict == Verdict.OK ? List.of() : List.of("The printer was slow or silent."), null);
    }

    /** 30 connections one minute apart: 18 ok (a few ms), 8 degraded (ACK delay rising past 500 ms), 4 failed. */
    static Report seedReport(String fileName) {
        List<FlowVerdict> flows = new ArrayList<>();
        long frame = 1;
        for (int i = 0; i < 30; i++) {
            long start = T0 + i * 60 * S + (i * 7919L % 1000) * MS;
            Endpoint client = new Endpoint(CLIENT, 49705 + i);
            Endpoint server = new Endpoint(PRINTER, 9100);
            FlowVerdict f;
            if (i == SEED_STREAM) {
                f = seedFailure(start);
            } else if (i < 18) {
                f = simple(i, frame, start, Verdict.OK, (2 + i % 4) * MS, client, server);
            } else if (i < 26) {
                f = simple(i, frame, start, Verdict.DEGRADED, (long) (120 * MS * Math.pow(1.35, i - 18)), client,
                        server);
            } else {
                f = simple(i, frame, start, Verdict.FAILED, 0, client, server);
            }
            flows.add(f);
            frame = f.flow().lastFrame() + 1;
            if (i == SEED_STREAM - 1) {
                frame = SEED_FIRST_FRAME;
            }
        }
        return new Report("0.1.0", List.of(capture(fileName, flows, Vantage.CLIENT)));
    }

    static CaptureResult capture(String fileName, List<FlowVerdict> flows, Vantage vantage) {
        long start = flows.stream().mapToLong(f -> f.flow().startNanos()).min().orElse(-1);
        long end = flows.stream().mapToLong(f -> f.flow().endNanos()).max().orElse(-1);
        long packets = flows.stream().mapToLong(f -> f.flow().lastFrame()).max().orElse(0);
        return new CaptureResult(fileName, CaptureFormat.PCAPNG, Compression.NONE, List.of("EN10MB"), packets + 12,
                packets, start, end, 6, vantage, null, List.of(), flows, summaries(flows), 3, null, Map.of());
    }

    /** Per-printer summaries as the verdict stage builds them. */
    static List<PrinterSummary> summaries(List<FlowVerdict> flows) {
        return new VerdictEngine(Thresholds.defaults(), PrinterSet.defaults()).summarize(flows);
    }

    static CaptureResult unreadable(String fileName) {
        return new CaptureResult(fileName, CaptureFormat.UNKNOWN, Compression.NONE, List.of(), 0, 0, -1, -1, 6,
                Vantage.UNKNOWN, new CaptureError(ErrorKind.BAD_MAGIC, "not a pcap or pcapng file (magic 0x3c21444f)",
                        true, 0, -1),
                List.of(), List.of(), List.of(), 0, null, Map.of());
    }

    /** One IPPS-less IPP connection over IPv6 that the printer refuses mid-job. */
    static CaptureResult ipv6(String fileName) {
        Endpoint client = new Endpoint("2001:db8:10::23", 50312);
        Endpoint server = new Endpoint("2001:db8:10::50", 631);
        FlowVerdict ok = simple(0, 1, T0, Verdict.OK, 3 * MS, client, server);
        FlowVerdict failed = simple(1, 40, T0 + 90 * S, Verdict.FAILED, 0, new Endpoint("2001:db8:10::23", 50313),
                server);
        return capture(fileName, List.of(ok, failed), Vantage.CLIENT);
    }

    /**
     * {@code n} connections to one printer over 10 hours, seeded: ok at first, then a growing share of degraded
     * and failed ones. Non-ok connections keep their segment log, as the verdict stage does.
     */
    static Report large(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<FlowVerdict> flows = new ArrayList<>(n);
        long frame = 1;
        long span = 10 * 3600 * S;
        for (int i = 0; i < n; i++) {
            long start = T0 + span * i / n;
            double trouble = Math.max(0, (double) i / n - 0.5) * 2;
            double r = random.nextDouble();
            Verdict v = r < trouble * 0.3 ? Verdict.FAILED : r < trouble * 0.7 ? Verdict.DEGRADED : Verdict.OK;
            long delay = v == Verdict.DEGRADED ? 300 * MS + random.nextLong(2 * S) : (1 + random.nextLong(20)) * MS;
            FlowVerdict f = simple(i, frame, start, v, delay, new Endpoint("10.1." + (i % 200) + ".9", 1024 + i % 60000),
                    new Endpoint("10.0.0.5", 9100));
            if (v == Verdict.OK) {
                f = new FlowVerdict(f.flow().withoutDetail(), f.printer(), f.service(), f.vantage(), f.verdict(),
                        f.fault(), f.findings(), f.reasoning(), f.job());
            }
            flows.add(f);
            frame = f.flow().lastFrame() + 1;
        }
        return new Report("0.1.0", List.of(capture("big/printer-10h.pcapng", flows, Vantage.CLIENT)));
    }
}

package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.PcapWriter.Frame;
import io.ackwatch.flow.TcpScript.Host;
import io.ackwatch.testsupport.MergedFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against a local tshark 4.0 (skipped when there is none): seeded random, messy TCP
 * conversations (handshake variants, gaps, resends, duplicate ACKs, zero windows, probes, keep-alives, FIN,
 * RST, port reuse, sequence wrap) are written to a pcap, and every frame's {@code tcp.stream} and
 * {@code tcp.analysis} flags from the reader → decoder → tracker pipeline must equal tshark's.
 */
class TsharkDifferentialTest {
    private static final int SYN = TcpScript.SYN;
    private static final int ACK = TcpScript.ACK;
    private static final int FIN = TcpScript.FIN;
    private static final int RST = TcpScript.RST;
    private static final int PSH = TcpScript.PSH;
    private static final long[] STEPS_NANOS = {10_000, 100_000, 1_000_000, 2_500_000, 5_000_000, 15_000_000,
            25_000_000, 200_000_000, 1_000_000_000};
    private static final int[] LENGTHS = {1, 10, 100, 536, 1460};
    private static final int[] WINDOWS = {0, 100, 1000, 8192, 65535};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyFrameMatchesTshark(long seed) throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping the differential test");
        SplittableRandom random = new SplittableRandom(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // conversations overlap in time (and some share a tuple); frames are merged in time order
            long[] clock = {1_700_000_000_000_000_000L + random.nextLong(60_000_000_000L)};
            new Conversation(random, i, frames, clock).play();
        }
        frames.sort(java.util.Comparator.comparingLong(Frame::nanos));
        Path pcap = dir.resolve("random-" + seed + ".pcap");
        PcapWriter w = new PcapWriter();
        frames.forEach(w::add);
        w.write(pcap);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        List<Tshark.FrameResult> expected = Tshark.analyse(pcap, conf);

        List<TcpFlow> flows = track(pcap);
        Map<Long, int[]> ours = logged(flows);
        List<String> mismatches = new ArrayList<>();
        // frames after a connection was judged (a second after its close) are in no segment log, only in its
        // counts: those are compared per stream, every other frame on its own
        Map<Integer, AnalysisCounts> ourCounts = new java.util.TreeMap<>();
        flows.forEach(f -> ourCounts.put(f.stream(), f.analysis()));
        Tshark.countsByStream(expected).forEach((stream, c) -> {
            if (!c.equals(ourCounts.get(stream))) {
                mismatches.add("stream " + stream + ": ours " + ourCounts.get(stream) + ", tshark " + c);
            }
        });
        long unlogged = 0;
        for (Tshark.FrameResult e : expected) {
            int[] o = ours.get(e.frame());
            if (o == null && ourCounts.containsKey(e.stream())) {
                unlogged++;
                continue;
            }
            if (o == null || o[0] != e.stream() || o[1] != e.flags()) {
                Frame f = frames.get((int) e.frame() - 1);
                mismatches.add(String.format("#%d s%d %s:%d flags=%03x seq=%d ack=%d len=%d win=%d | ours s%d %s | tshark %s",
                        e.frame(), e.stream(), f.src().ipv4() == 0x0A0000FE ? "srv" : "cli", f.src().port(),
                        f.flags(), f.seq(), f.ack(), f.len(), f.window(), o == null ? -1 : o[0],
                        o == null ? "?" : names(o[1]), names(e.flags())));
            }
        }
        System.out.printf("tshark differential seed %d: %d of %d frames differ (%d after their connection was judged,"
                + " compared in its counts)%n", seed, mismatches.size(), expected.size(), unlogged);
        if (!mismatches.isEmpty() && Boolean.getBoolean("diff.dump")) {
            Files.copy(pcap, Path.of(System.getProperty("java.io.tmpdir"), "ackwatch-diff-" + seed + ".pcap"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            int stream = Integer.parseInt(mismatches.get(0).split(" ")[1].substring(1));
            StringBuilder sb = new StringBuilder("first differing stream, all frames:\n");
            for (Tshark.FrameResult e : expected) {
                if (e.stream() == stream) {
                    Frame f = frames.get((int) e.frame() - 1);
                    int[] o = ours.get(e.frame());
                    sb.append(String.format("  #%d t=%.6f %s flags=%03x seq=%d ack=%d len=%d win=%d | ours %s | tshark %s%n",
                            e.frame(), (f.nanos() % 100_000_000_000L) / 1e9,
                            f.src().ipv4() == 0x0A0000FE ? "srv" : "cli", f.flags(), f.seq(), f.ack(), f.len(),
                            f.window(), o == null ? "?" : names(o[1]), names(e.flags())));
                }
            }
            System.out.print(sb);
        }
        assertThat(expected).hasSize(frames.size());
        assertThat(mismatches).as("frames differing from tshark (seed %d)", seed).isEmpty();
    }

    private static String names(int mask) {
        StringBuilder sb = new StringBuilder("[");
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (f.in(mask)) {
                sb.append(sb.length() > 1 ? " " : "").append(f.fieldName());
            }
        }
        return sb.append(']').toString();
    }

    /** One flow per stream, as the pipeline merges them. */
    private static List<TcpFlow> track(Path pcap) throws Exception {
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(new FlowOptions(FlowInterest.ALL, 1 << 20, 0, 16, 16),
                MergedFlows.into(flows));
        PacketRecord r = new PacketRecord();
        TcpSegment s = new TcpSegment();
        PacketDecoder d = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(pcap)) {
            while (reader.next(r)) {
                if (d.decode(r, s) == DecodeStatus.TCP) {
                    tracker.accept(r, s);
                }
            }
        }
        tracker.finish();
        return flows;
    }

    /** Stream and flags of every frame in a segment log. */
    private static Map<Long, int[]> logged(List<TcpFlow> flows) {
        Map<Long, int[]> out = new HashMap<>();
        for (TcpFlow f : flows) {
            for (int i = 0; i < f.log().size(); i++) {
                out.put(f.log().frame(i), new int[] {f.stream(), f.log().analysis(i)});
            }
        }
        return out;
    }

    /** One randomly behaving conversation on its own tuple. */
    private static final class Conversation {
        private final SplittableRandom r;
        private final List<Frame> frames;
        private final long[] clock;
        private final Host client;
        private final Host server;
        private long cIsn;
        private long cNext;
        private long sNext;
        private long cAckedByServer;
        private int serverWindow = 8192;
        private final int clientWindow;
        private final List<long[]> clientSegments = new ArrayList<>();
        private final List<long[]> serverSegments = new ArrayList<>();

        Conversation(SplittableRandom r, int index, List<Frame> frames, long[] clock) {
            this.r = r;
            this.frames = frames;
            this.clock = clock;
            this.client = new Host(0x0A000001 + index % 7, 20000 + index % 50);
            this.server = new Host(0x0A0000FE, index % 2 == 0 ? 9100 : 515);
            this.clientWindow = WINDOWS[1 + r.nextInt(WINDOWS.length - 1)];
        }

        private long isn() {
            return r.nextInt(8) == 0 ? 0xFFFF_FFFFL - r.nextInt(3000) : r.nextLong(1L << 32);
        }

        private void step() {
            clock[0] += STEPS_NANOS[r.nextInt(STEPS_NANOS.length)];
        }

        private void emit(boolean fromClient, int flags, long seq, long ack, int window, int len, int shift) {
            frames.add(new Frame(clock[0], fromClient ? client : server, fromClient ? server : client, flags,
                    seq & 0xFFFF_FFFFL, ack & 0xFFFF_FFFFL, window, len, shift, (flags & SYN) != 0 ? 1460 : 0));
        }

        private void handshake() {
            cIsn = r.nextInt(3) == 0 && cIsn != 0 ? cIsn : isn(); // sometimes the same ISN again
            long sIsn = isn();
            int cShift = r.nextInt(3) == 0 ? -1 : r.nextInt(9);
            int sShift = r.nextInt(3) == 0 ? -1 : r.nextInt(9);
            emit(true, SYN, cIsn, 0, 64240, 0, cShift);
            if (r.nextInt(4) == 0) {
                step();
                emit(true, SYN, cIsn, 0, 64240, 0, cShift);
            }
            cNext = cIsn + 1;
            if (r.nextInt(8) == 0) {
                step();
                emit(false, RST | ACK, 0, cNext, 0, 0, -1);
                return;
            }
            step();
            emit(false, SYN | ACK, sIsn, cNext, serverWindow, 0, sShift);
            if (r.nextInt(10) == 0) {
                step();
                sIsn = isn(); // a SYN-ACK with another ISN
                emit(false, SYN | ACK, sIsn, cNext, serverWindow, 0, sShift);
            }
            sNext = sIsn + 1;
            step();
            emit(true, ACK, cNext, sNext, clientWindow, 0, -1);
            cAckedByServer = cNext;
        }

        void play() {
            if (r.nextInt(5) == 0) {
                cNext = r.nextLong(1L << 32);
                sNext = r.nextLong(1L << 32);
                cAckedByServer = cNext;
            } else {
                handshake();
            }
            int events = 5 + r.nextInt(40);
            for (int e = 0; e < events; e++) {
                step();
                switch (r.nextInt(16)) {
                    case 0, 1, 2 -> clientData();
                    case 3, 4 -> serverAck();
                    case 5 -> resend(true);
                    case 6 -> serverData();
                    case 7 -> emit(true, ACK, cNext - 1, sNext, clientWindow, r.nextInt(2), -1); // keep-alive
                    case 8 -> emit(true, ACK, cNext, sNext, clientWindow, 1, -1); // probe byte
                    case 9 -> emit(true, ACK, cNext, sNext, clientWindow, 0, -1);
                    case 10 -> fin(r.nextBoolean());
                    case 11 -> {
                        if (r.nextInt(3) == 0) {
                            rst(r.nextBoolean());
                        }
                    }
                    case 12 -> {
                        if (r.nextInt(3) == 0) {
                            handshake();
                        }
                    }
                    case 13 -> resend(false);
                    case 14 -> dupAcksAndFastResend();
                    default -> windowEdge();
                }
            }
        }

        private void clientData() {
            int len = LENGTHS[r.nextInt(LENGTHS.length)];
            if (r.nextInt(10) == 0) {
                cNext += LENGTHS[r.nextInt(LENGTHS.length)]; // a segment the capture missed
            }
            emit(true, ACK | PSH, cNext, sNext, clientWindow, len, -1);
            clientSegments.add(new long[] {cNext, len});
            cNext += len;
        }

        private void serverData() {
            int len = LENGTHS[r.nextInt(LENGTHS.length)];
            emit(false, ACK | PSH, sNext, cAckedByServer, serverWindow, len, -1);
            serverSegments.add(new long[] {sNext, len});
            sNext += len;
        }

        private void serverAck() {
            int pick = r.nextInt(4);
            long ack = pick == 0 ? cAckedByServer
                    : pick == 1 && !clientSegments.isEmpty()
                            ? sum(clientSegments.get(r.nextInt(clientSegments.size())))
                            : cNext + (r.nextInt(12) == 0 ? 1 : 0);
            if (r.nextInt(3) == 0) {
                serverWindow = WINDOWS[r.nextInt(WINDOWS.length)];
            }
            cAckedByServer = ack;
            emit(false, ACK, sNext, ack, serverWindow, 0, -1);
        }

        private static long sum(long[] seg) {
            return seg[0] + seg[1];
        }

        private void resend(boolean fromClient) {
            List<long[]> segs = fromClient ? clientSegments : serverSegments;
            if (segs.isEmpty()) {
                return;
            }
            long[] seg = segs.get(r.nextInt(segs.size()));
            emit(fromClient, ACK | PSH, seg[0], fromClient ? sNext : cAckedByServer,
                    fromClient ? clientWindow : serverWindow, (int) seg[1], -1);
        }

        private void dupAcksAndFastResend() {
            if (clientSegments.isEmpty()) {
                return;
            }
            long[] seg = clientSegments.get(r.nextInt(clientSegments.size()));
            int n = 1 + r.nextInt(3);
            for (int i = 0; i <= n; i++) {
                emit(false, ACK, sNext, seg[0], serverWindow, 0, -1);
                clock[0] += 1_000_000;
            }
            cAckedByServer = seg[0];
            clock[0] += r.nextBoolean() ? 5_000_000 : 30_000_000;
            emit(true, ACK | PSH, seg[0], sNext, clientWindow, (int) seg[1], -1);
        }

        private void windowEdge() {
            long len = cAckedByServer + serverWindow - cNext;
            if (len > 0 && len <= 1460) {
                emit(true, ACK | PSH, cNext, sNext, clientWindow, (int) len, -1);
                clientSegments.add(new long[] {cNext, len});
                cNext += len;
            } else {
                clientData();
            }
        }

        private void fin(boolean fromClient) {
            if (fromClient) {
                emit(true, FIN | ACK, cNext, sNext, clientWindow, 0, -1);
                cNext++;
            } else {
                emit(false, FIN | ACK, sNext, cAckedByServer, serverWindow, 0, -1);
                sNext++;
            }
        }

        private void rst(boolean fromClient) {
            emit(fromClient, RST | ACK, fromClient ? cNext : sNext, fromClient ? sNext : cAckedByServer, 0, 0, -1);
        }
    }
}

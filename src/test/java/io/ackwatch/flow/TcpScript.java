package io.ackwatch.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Drives a {@link FlowTracker} with hand-written segments through its primitive entry point, one frame
 * number per call, and collects the emitted flows. Times are seconds since an arbitrary epoch.
 */
final class TcpScript {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** One endpoint: IPv4 address (a.b.c.d as int) and port. */
    record Host(int ipv4, int port) {
        static Host of(String dotted, int port) {
            String[] p = dotted.split("\\.");
            int v = 0;
            for (String s : p) {
                v = (v << 8) | Integer.parseInt(s);
            }
            return new Host(v, port);
        }

        long lo() {
            return 0xFFFF_0000_0000L | (ipv4 & 0xFFFF_FFFFL);
        }
    }

    final List<TcpFlow> flows = new ArrayList<>();
    /** Every segment sent, to replay through tshark ({@link #matchesTshark}). ICMP quotes are not recorded. */
    final List<PcapWriter.Frame> wire = new ArrayList<>();
    final FlowTracker tracker;
    private long frame;
    private long nanos = 1_700_000_000_000_000_000L;

    TcpScript() {
        this(FlowOptions.defaults(FlowInterest.ALL));
    }

    TcpScript(FlowOptions options) {
        tracker = new FlowTracker(options, flows::add);
    }

    /** Sets the capture time (seconds since the script's epoch) of the next frames. */
    TcpScript at(double seconds) {
        nanos = 1_700_000_000_000_000_000L + Math.round(seconds * 1e9);
        return this;
    }

    /** Advances the capture time by {@code ms} milliseconds. */
    TcpScript after(double ms) {
        nanos += Math.round(ms * 1e6);
        return this;
    }

    /** Sends one segment; returns its frame number. */
    long send(Host from, Host to, int flags, long seq, long ack, int len, int window) {
        return segment(from, to, flags, seq, ack, len, window, -1, false);
    }

    /** A SYN or SYN-ACK carrying a window-scale option ({@code shift} ≥ 0) or none (-1). */
    long syn(Host from, Host to, int flags, long seq, long ack, int window, int shift) {
        return segment(from, to, flags, seq, ack, 0, window, shift, false);
    }

    long segment(Host from, Host to, int flags, long seq, long ack, int len, int window, int shift, boolean icmp) {
        frame++;
        if (!icmp) {
            wire.add(new PcapWriter.Frame(nanos, from, to, flags, seq & 0xFFFF_FFFFL, ack & 0xFFFF_FFFFL, window, len,
                    shift, (flags & SYN) != 0 ? 1460 : 0));
        }
        byte[] payload = new byte[len];
        for (int i = 0; i < len; i++) {
            payload[i] = (byte) ((seq + i) & 0x7F);
        }
        tracker.accept(frame, nanos, 4, 0, from.lo(), 0, to.lo(), from.port(), to.port(), seq & 0xFFFF_FFFFL,
                ack & 0xFFFF_FFFFL, flags, window, len, len, payload, 0, 64, (flags & SYN) != 0 ? 1460 : -1, shift,
                false, false, icmp);
        return frame;
    }

    /** A TCP header quoted in an ICMP error (the original segment went from {@code from} to {@code to}). */
    long icmpQuoted(Host from, Host to, int flags, long seq) {
        return segment(from, to, flags, seq, 0, 0, 0, -1, true);
    }

    List<TcpFlow> finish() {
        tracker.finish();
        flows.sort(Comparator.comparingInt(TcpFlow::stream));
        return flows;
    }

    /** The single flow (after {@link #finish}). */
    TcpFlow only() {
        finish();
        if (flows.size() != 1) {
            throw new AssertionError("expected one flow, got " + flows.size());
        }
        return flows.get(0);
    }

    TcpFlow stream(int stream) {
        return flows.stream().filter(f -> f.stream() == stream).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + stream + " in " + flows.size() + " flows"));
    }

    /** Analysis mask of a frame, searched in every emitted flow's log. */
    int flagsOf(long frameNo) {
        for (TcpFlow f : flows) {
            SegmentLog log = f.log();
            for (int i = 0; i < log.size(); i++) {
                if (log.frame(i) == frameNo) {
                    return log.analysis(i);
                }
            }
        }
        throw new AssertionError("frame " + frameNo + " not in any log");
    }

    /** The flags of a frame as a sorted list of field names, for readable assertions. */
    List<String> flags(long frameNo) {
        int mask = flagsOf(frameNo);
        List<String> out = new ArrayList<>();
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (f.in(mask)) {
                out.add(f.fieldName());
            }
        }
        return out;
    }

    /**
     * When a tshark 4.0 is installed, writes the segments of all {@code scripts} (each moved to its own
     * addresses, 10.i.i.x, so their tuples stay apart) into one pcap, lets tshark analyse it, and returns every
     * frame where tshark's flags, or its stream number relative to the script's first stream, differ from the
     * script's tracker. Empty when all agree or when tshark is absent. Call after the scripts finished.
     */
    static List<String> differencesFromTshark(List<TcpScript> scripts) {
        if (scripts.isEmpty() || !Tshark.available()) {
            return List.of();
        }
        PcapWriter w = new PcapWriter();
        List<int[]> origin = new ArrayList<>(); // script index, frame in script
        for (int i = 0; i < scripts.size(); i++) {
            int net = 0x0A000000 | ((i >> 8) & 0xFF) << 16 | (i & 0xFF) << 8;
            List<PcapWriter.Frame> frames = scripts.get(i).wire;
            for (int k = 0; k < frames.size(); k++) {
                PcapWriter.Frame f = frames.get(k);
                w.add(new PcapWriter.Frame(f.nanos(), moved(f.src(), net), moved(f.dst(), net), f.flags(),
                        f.seq(), f.ack(), f.window(), f.len(), f.shift(), f.mss()));
                origin.add(new int[] {i, k + 1});
            }
        }
        List<Tshark.FrameResult> results = tsharkOn(w);
        int[] firstStream = new int[scripts.size()];
        java.util.Arrays.fill(firstStream, Integer.MAX_VALUE);
        for (Tshark.FrameResult r : results) {
            int i = origin.get((int) r.frame() - 1)[0];
            firstStream[i] = Math.min(firstStream[i], r.stream());
        }
        List<String> out = new ArrayList<>();
        for (Tshark.FrameResult r : results) {
            int[] o = origin.get((int) r.frame() - 1);
            TcpScript script = scripts.get(o[0]);
            int ours = script.flagsOf(o[1]);
            int stream = script.streamOf(o[1]);
            if (ours != r.flags() || stream != r.stream() - firstStream[o[0]]) {
                out.add("script " + o[0] + " #" + o[1] + " ours s" + stream + " " + names(ours)
                        + " tshark s" + (r.stream() - firstStream[o[0]]) + " " + names(r.flags()));
            }
        }
        return out;
    }

    /**
     * tshark's flag counts per stream on the script's segments, or null when no tshark 4.0 is installed: for frames
     * that are in no segment log (those of a connection after it was released).
     */
    static java.util.Map<Integer, AnalysisCounts> tsharkCountsByStream(TcpScript script) {
        if (!Tshark.available()) {
            return null;
        }
        PcapWriter w = new PcapWriter();
        script.wire.forEach(w::add);
        return Tshark.countsByStream(tsharkOn(w));
    }

    /** tshark's analysis of the frames written so far, in a folder of its own that is removed after. */
    private static List<Tshark.FrameResult> tsharkOn(PcapWriter w) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ackwatch-tshark");
            try {
                java.nio.file.Path pcap = dir.resolve("scripts.pcap");
                w.write(pcap);
                return Tshark.analyse(pcap, dir);
            } finally {
                try (var files = java.nio.file.Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("tshark cross-check failed to run", e);
        }
    }

    private static Host moved(Host h, int net) {
        return new Host(net | (h.ipv4() & 0xFF), h.port());
    }

    private static String names(int mask) {
        List<String> out = new ArrayList<>();
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (f.in(mask)) {
                out.add(f.fieldName());
            }
        }
        return out.toString();
    }

    int streamOf(long frameNo) {
        for (TcpFlow f : flows) {
            SegmentLog log = f.log();
            for (int i = 0; i < log.size(); i++) {
                if (log.frame(i) == frameNo) {
                    return f.stream();
                }
            }
        }
        throw new AssertionError("frame " + frameNo + " not in any log");
    }
}

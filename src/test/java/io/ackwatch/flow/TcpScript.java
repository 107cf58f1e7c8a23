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

package io.ackwatch.flow;

import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.TcpSegment;
import java.util.function.Consumer;

/**
 * Groups TCP segments into connections numbered exactly as Wireshark's {@code tcp.stream}, and runs
 * Wireshark's per-packet sequence analysis (the {@code tcp.analysis.*} flags) on them. Finished connections
 * go to the sink as {@link TcpFlow} records, in no particular order.
 *
 * <p>One instance per capture file. {@link #accept} is the hot path: it allocates nothing per packet once a
 * connection exists.
 */
public final class FlowTracker {
    private final FlowOptions options;
    private final Consumer<TcpFlow> sink;

    public FlowTracker(FlowOptions options, Consumer<TcpFlow> sink) {
        this.options = options;
        this.sink = sink;
    }

    /** Takes one decoded TCP frame (status {@code TCP}); frames must come in file order. */
    public void accept(PacketRecord record, TcpSegment segment) {
        // implemented in the flow work
    }

    /** End of capture: every connection still open goes to the sink. */
    public void finish() {
        // implemented in the flow work
    }

    /** Frames that carried a TCP header (ICMP-quoted ones included). */
    public long tcpFrames() {
        return 0;
    }
}

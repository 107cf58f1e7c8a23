package io.ackwatch.job;

import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.StreamAssembler;
import io.ackwatch.flow.TcpFlow;

/** Connections built from byte streams, reassembled by the real {@link StreamAssembler}. */
final class Flows {
    static final int HEAD = 65536;
    static final int TAIL = 4096;

    private Flows() {}

    /** The sample the flow stage would keep of {@code stream} sent in 1448-byte segments. */
    static ByteStreamSample sample(byte[] stream, int head, int tail) {
        StreamAssembler a = new StreamAssembler(head, tail);
        for (int off = 0; off < stream.length; off += 1448) {
            int n = Math.min(1448, stream.length - off);
            a.add(off, stream, off, n, n);
        }
        return a.sample();
    }

    static TcpFlow flow(byte[] client, byte[] server, long delivered) {
        return flow(sample(client, HEAD, TAIL), sample(server, HEAD, TAIL), client.length, server.length, delivered);
    }

    static TcpFlow flow(ByteStreamSample client, ByteStreamSample server, long clientBytes, long serverBytes,
            long delivered) {
        SideStats c = new SideStats(10, clientBytes, 1, 0, 1, 0, 64, 64, 1460, 7, true, true);
        SideStats s = new SideStats(10, serverBytes, 0, 1, 1, 0, 64, 64, 1460, 7, true, true);
        return new TcpFlow(0, new Endpoint("192.0.2.10", 50123), new Endpoint("192.0.2.99", 9100), RoleBasis.SYN,
                1, 20, 0, 1_000_000_000L, c, s, 0, new Handshake(1, 0, 2, 0, 3, 0, null, 0, 0), AnalysisCounts.none(),
                SegmentLog.empty(), AckDelayStats.NONE, clientBytes, delivered, 0, ConnState.SF, "ShADadFf",
                client, server, true);
    }
}

package io.ackwatch.flow;

import java.util.List;

/**
 * Everything the flow stage knows about one TCP connection when it ends (or the capture does). This is the
 * only thing later stages see of the packets.
 *
 * <p>Client and server: the client is the sender of the first pure SYN; without one, the receiver of the first
 * SYN-ACK; without either, the server is told by its port (a known service such as a printer port, a well-known
 * port, the other side's ephemeral port); failing that, the client is the source of the stream's first frame.
 * {@link #roleBasis()} says which rule decided.
 *
 * <p>A connection judged early (a few seconds after it closed) that then gets late frames goes to later stages a
 * second time with the same {@link #stream()}; they merge the two with {@link #continuedBy}. See
 * {@link FlowTracker}.
 *
 * @param stream Wireshark's {@code tcp.stream} for this connection in this file
 * @param client the SYN sender (see {@link #roleBasis()} when no SYN was captured)
 * @param server the other side
 * @param roleBasis how client and server were told apart
 * @param firstFrame first frame of the stream (ICMP-quoted frames included, as Wireshark counts them)
 * @param lastFrame last frame of the stream
 * @param startNanos time of the first frame, nanoseconds since the epoch
 * @param endNanos time of the last frame
 * @param clientSide what the client sent
 * @param serverSide what the server sent
 * @param icmpQuotedFrames ICMP/ICMPv6 error frames quoting a TCP header of this stream
 * @param handshake the handshake frames, as captured
 * @param analysis Wireshark tcp.analysis flag counts for the stream
 * @param log per-segment detail (empty unless {@link #detailed()})
 * @param ackDelay client data → covering server ACK delays (NONE unless detailed)
 * @param clientBytes client payload bytes in sequence space (highest end − ISN; retransmissions once); filled
 *     for every connection
 * @param deliveredBytes client payload bytes the server acknowledged (SYN/FIN excluded); filled for every
 *     connection
 * @param firstUnackedFrame frame of the first client data segment never acknowledged, 0 when none
 * @param state Zeek conn_state
 * @param history Zeek-style history string (upper case client, lower case server), at most 32 letters; filled
 *     for every connection
 * @param clientStream sample of the client → server byte stream (EMPTY unless detailed)
 * @param serverStream sample of the server → client byte stream (EMPTY unless detailed)
 * @param detailed true when the {@link FlowInterest} asked for detail
 * @param relayed per direction, the frames another host on the LAN relayed, seen a second time (empty when
 *     none, and without detail)
 */
public record TcpFlow(
        int stream,
        Endpoint client,
        Endpoint server,
        RoleBasis roleBasis,
        long firstFrame,
        long lastFrame,
        long startNanos,
        long endNanos,
        SideStats clientSide,
        SideStats serverSide,
        int icmpQuotedFrames,
        Handshake handshake,
        AnalysisCounts analysis,
        SegmentLog log,
        AckDelayStats ackDelay,
        long clientBytes,
        long deliveredBytes,
        long firstUnackedFrame,
        ConnState state,
        String history,
        ByteStreamSample clientStream,
        ByteStreamSample serverStream,
        boolean detailed,
        List<RelayedCopies> relayed) {

    public TcpFlow {
        relayed = List.copyOf(relayed);
    }

    /** A flow in which no relayed copies were seen. */
    public TcpFlow(int stream, Endpoint client, Endpoint server, RoleBasis roleBasis, long firstFrame,
            long lastFrame, long startNanos, long endNanos, SideStats clientSide, SideStats serverSide,
            int icmpQuotedFrames, Handshake handshake, AnalysisCounts analysis, SegmentLog log,
            AckDelayStats ackDelay, long clientBytes, long deliveredBytes, long firstUnackedFrame, ConnState state,
            String history, ByteStreamSample clientStream, ByteStreamSample serverStream, boolean detailed) {
        this(stream, client, server, roleBasis, firstFrame, lastFrame, startNanos, endNanos, clientSide, serverSide,
                icmpQuotedFrames, handshake, analysis, log, ackDelay, clientBytes, deliveredBytes, firstUnackedFrame,
                state, history, clientStream, serverStream, detailed, List.of());
    }

    /**
     * Total frames of the stream, as Wireshark counts them: a relay's copies too, which the sides' own counts leave
     * out (each side sent those packets once).
     */
    public long packets() {
        return clientSide.packets() + serverSide.packets() + icmpQuotedFrames + relayCopies();
    }

    /** Frames of the stream that are a relay's second copy of a packet (both directions). */
    public long relayCopies() {
        long copies = 0;
        for (RelayedCopies r : relayed) {
            copies += r.frames();
        }
        return copies;
    }

    /** Wireshark display filter selecting this connection. */
    public String displayFilter() {
        return "tcp.stream eq " + stream;
    }

    /** The same flow without its byte-stream samples (once the job has been read from them). */
    public TcpFlow withoutStreamSamples() {
        return new TcpFlow(stream, client, server, roleBasis, firstFrame, lastFrame, startNanos, endNanos,
                clientSide, serverSide, icmpQuotedFrames, handshake, analysis, log, ackDelay, clientBytes,
                deliveredBytes, firstUnackedFrame, state, history, ByteStreamSample.EMPTY, ByteStreamSample.EMPTY,
                detailed, relayed);
    }

    /** The same flow with other ACK delay statistics (the analysis's, computed from the segment log). */
    public TcpFlow withAckDelay(AckDelayStats delays) {
        return new TcpFlow(stream, client, server, roleBasis, firstFrame, lastFrame, startNanos, endNanos,
                clientSide, serverSide, icmpQuotedFrames, handshake, analysis, log, delays, clientBytes,
                deliveredBytes, firstUnackedFrame, state, history, clientStream, serverStream, detailed);
    }

    /** The same flow without its per-segment detail, to keep memory small for healthy connections. */
    public TcpFlow withoutDetail() {
        return new TcpFlow(stream, client, server, roleBasis, firstFrame, lastFrame, startNanos, endNanos,
                clientSide, serverSide, icmpQuotedFrames, handshake, analysis, SegmentLog.empty(), ackDelay,
                clientBytes, deliveredBytes, firstUnackedFrame, state, history, ByteStreamSample.EMPTY,
                ByteStreamSample.EMPTY, detailed, relayed);
    }

    /**
     * This connection, judged early, merged with what the flow stage emitted later for the same stream (see
     * {@link FlowTracker}): either the whole connection again, with its late frames (same first frame, no
     * detail), whose counters, flags, history and state replace these; or a part resumed after the tombstone
     * (later first frame), whose frames and flags are added. The segment log, ACK delays, stream samples and relay
     * copies stay this flow's: they describe the job, which the late frames come after.
     */
    public TcpFlow continuedBy(TcpFlow later) {
        if (later.stream != stream) {
            throw new IllegalArgumentException("stream " + later.stream + " does not continue stream " + stream);
        }
        boolean sameRoles = later.client.equals(client);
        SideStats laterClient = sameRoles ? later.clientSide : later.serverSide;
        SideStats laterServer = sameRoles ? later.serverSide : later.clientSide;
        if (later.firstFrame == firstFrame) {
            // the roles are decided from the same SYNs, so they agree unless the roles came from ports alone
            return new TcpFlow(stream, client, server, roleBasis, firstFrame, later.lastFrame, startNanos,
                    later.endNanos, laterClient, laterServer, later.icmpQuotedFrames,
                    sameRoles ? later.handshake : handshake, later.analysis, log, ackDelay,
                    sameRoles ? later.clientBytes : clientBytes, sameRoles ? later.deliveredBytes : deliveredBytes,
                    firstUnackedFrame, sameRoles ? later.state : state, sameRoles ? later.history : history,
                    clientStream, serverStream, detailed, relayed);
        }
        return new TcpFlow(stream, client, server, roleBasis, firstFrame, Math.max(lastFrame, later.lastFrame),
                startNanos, Math.max(endNanos, later.endNanos), clientSide.plus(laterClient),
                serverSide.plus(laterServer), icmpQuotedFrames + later.icmpQuotedFrames, handshake,
                analysis.plus(later.analysis), log, ackDelay, clientBytes, deliveredBytes, firstUnackedFrame, state,
                history, clientStream, serverStream, detailed, relayed);
    }
}

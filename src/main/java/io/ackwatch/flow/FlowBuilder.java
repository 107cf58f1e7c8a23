package io.ackwatch.flow;

import java.util.List;

/** Turns a finished {@link Connection} into the immutable {@link TcpFlow} later stages see. */
final class FlowBuilder {
    private FlowBuilder() {}

    /** Roles: see {@link RoleBasis}; decided from everything the connection sent. */
    record Roles(boolean clientIsA, RoleBasis basis) {}

    static Roles roles(Connection c, FlowInterest interest) {
        DirectionState a = c.a;
        DirectionState b = c.b;
        if (a.firstSynFrame > 0 || b.firstSynFrame > 0) {
            boolean clientIsA = a.firstSynFrame > 0 && (b.firstSynFrame == 0 || a.firstSynFrame <= b.firstSynFrame);
            return new Roles(clientIsA, RoleBasis.SYN);
        }
        if (a.firstSynAckFrame > 0 || b.firstSynAckFrame > 0) {
            boolean serverIsA = a.firstSynAckFrame > 0
                    && (b.firstSynAckFrame == 0 || a.firstSynAckFrame <= b.firstSynAckFrame);
            return new Roles(!serverIsA, RoleBasis.SYN_ACK);
        }
        Roles byPorts = RoleBasis.byPorts(c.endpointA, c.endpointB, interest);
        return byPorts != null ? byPorts : new Roles(true, RoleBasis.FIRST_PACKET);
    }

    static TcpFlow build(Connection c, FlowInterest interest) {
        Roles roles = roles(c, interest);
        boolean clientIsA = roles.clientIsA();
        DirectionState client = c.side(clientIsA);
        DirectionState server = c.side(!clientIsA);
        Handshake handshake = new Handshake(client.firstSynFrame, client.firstSynNanos, server.firstSynAckFrame,
                server.firstSynAckNanos, client.ackAfterPeerSynAckFrame, client.ackAfterPeerSynAckNanos,
                server.firstSynAckOptions, client.firstSynSeq, server.firstSynAckSeq);
        Connection.Detail d = c.detail;
        SegmentLog log = SegmentLog.empty();
        AckDelayStats delays = AckDelayStats.NONE;
        long firstUnacked = 0;
        ByteStreamSample clientStream = ByteStreamSample.EMPTY;
        ByteStreamSample serverStream = ByteStreamSample.EMPTY;
        List<RelayedCopies> relayed = List.of();
        if (d != null) {
            if (d.relay != null) {
                relayed = d.relay.found(clientIsA);
            }
            log = d.provisionalClientIsA == clientIsA ? d.log.build() : d.log.build().flipped();
            delays = d.delays(clientIsA).stats();
            firstUnacked = d.delays(clientIsA).firstUnackedFrame();
            clientStream = d.sample(clientIsA);
            serverStream = d.sample(!clientIsA);
        }
        return new TcpFlow(c.stream, clientIsA ? c.endpointA : c.endpointB, clientIsA ? c.endpointB : c.endpointA,
                roles.basis(), c.firstFrame, c.lastFrame, c.startNanos, c.endNanos, client.toStats(),
                server.toStats(), c.icmpQuotedFrames, handshake, new AnalysisCounts(c.flagCounts), log, delays,
                client.sequenceBytes(), client.deliveredBytes(), firstUnacked, connState(c, clientIsA),
                c.history.render(clientIsA), clientStream, serverStream, d != null, relayed);
    }

    // ---- Zeek conn_state (scripts/base/protocols/conn/main.zeek), from approximated endpoint states

    private enum EndpointState { INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET }

    private static EndpointState state(DirectionState x, DirectionState peer) {
        if (x.sentRst) {
            return EndpointState.RESET;
        }
        if (x.sentFin) {
            return EndpointState.CLOSED;
        }
        if (x.syn > 0) {
            return peer.synAck > 0 && x.sentAckAfterPeerSynAck ? EndpointState.ESTABLISHED : EndpointState.SYN_SENT;
        }
        if (x.synAck > 0) {
            return peer.sentAckAfterPeerSynAck ? EndpointState.ESTABLISHED : EndpointState.SYN_ACK_SENT;
        }
        return x.packets > 0 ? EndpointState.PARTIAL : EndpointState.INACTIVE;
    }

    static ConnState connState(Connection c, boolean clientIsA) {
        DirectionState orig = c.side(clientIsA);
        DirectionState resp = c.side(!clientIsA);
        EndpointState os = state(orig, resp);
        EndpointState rs = state(resp, orig);
        boolean oInactive = os == EndpointState.INACTIVE || os == EndpointState.PARTIAL;
        boolean rInactive = rs == EndpointState.INACTIVE || rs == EndpointState.PARTIAL;
        if (rs == EndpointState.RESET) {
            if (os == EndpointState.SYN_SENT || os == EndpointState.SYN_ACK_SENT
                    || (os == EndpointState.RESET && orig.payloadBytes == 0 && resp.payloadBytes == 0)) {
                return ConnState.REJ;
            }
            return oInactive ? ConnState.RSTRH : ConnState.RSTR;
        }
        if (os == EndpointState.RESET) {
            if (rInactive) {
                return rstAfterSynOnly(c.history.render(clientIsA)) ? ConnState.RSTOS0 : ConnState.OTH;
            }
            return ConnState.RSTO;
        }
        if (rs == EndpointState.CLOSED && os == EndpointState.CLOSED) {
            return ConnState.SF;
        }
        if (os == EndpointState.CLOSED) {
            return rInactive ? ConnState.SH : ConnState.S2;
        }
        if (rs == EndpointState.CLOSED) {
            return oInactive ? ConnState.SHR : ConnState.S3;
        }
        if (os == EndpointState.SYN_SENT && rs == EndpointState.INACTIVE) {
            return ConnState.S0;
        }
        if (os == EndpointState.ESTABLISHED && rs == EndpointState.ESTABLISHED) {
            return ConnState.S1;
        }
        return ConnState.OTH;
    }

    /** Zeek's {@code /^\^?S[^HAFGIQ]*R.*}/} test on the history. */
    private static boolean rstAfterSynOnly(String history) {
        int i = history.startsWith("^") ? 1 : 0;
        if (i >= history.length() || history.charAt(i) != 'S') {
            return false;
        }
        for (i++; i < history.length(); i++) {
            char ch = history.charAt(i);
            if (ch == 'R') {
                return true;
            }
            if ("HAFGIQ".indexOf(ch) >= 0) {
                return false;
            }
        }
        return false;
    }
}

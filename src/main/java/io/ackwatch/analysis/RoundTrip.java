package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.SegmentLog;

/**
 * The handshake's round trip, split at the capture point: {@code serverSideNanos} from the SYN to the SYN-ACK
 * (the path beyond the capture point towards the server, and the server's turn-around), {@code clientSideNanos}
 * from the SYN-ACK to the client's ACK (the path towards the client). Their sum is the path's round trip wherever
 * the capture was taken. A server's TCP answers a SYN in its kernel at once, so the SYN-ACK times the path.
 */
public record RoundTrip(boolean present, long serverSideNanos, long clientSideNanos) {
    private static final RoundTrip NONE = new RoundTrip(false, 0, 0);

    /** The round trip of a complete handshake, timed from the SYN the SYN-ACK answered; none without one. */
    public static RoundTrip of(Handshake hs, SegmentLog log) {
        if (!hs.complete()) {
            return NONE;
        }
        long serverSide = hs.synAckNanos() - lastSynBefore(log, hs);
        long clientSide = hs.ackNanos() - hs.synAckNanos();
        return serverSide < 0 || clientSide < 0 ? NONE : new RoundTrip(true, serverSide, clientSide);
    }

    /** The whole path's round trip. */
    public long totalNanos() {
        return serverSideNanos + clientSideNanos;
    }

    /** The SYN the SYN-ACK answered: the last client SYN before it (the first one when the log has none). */
    private static long lastSynBefore(SegmentLog log, Handshake hs) {
        long t = hs.synNanos();
        for (int i = 0; i < log.size() && log.frame(i) < hs.synAckFrame(); i++) {
            int f = log.tcpFlags(i);
            if (log.fromClient(i) && (f & TcpSegment.SYN) != 0 && (f & TcpSegment.ACK) == 0) {
                t = log.timeNanos(i);
            }
        }
        return t;
    }
}

package io.ackwatch.correlate;

import io.ackwatch.flow.Direction;

/**
 * One packet of a connection as the two capture points saw it (relative sequence numbers, as Wireshark shows
 * them when both captures hold the handshake).
 *
 * @param direction who sent it
 * @param upstreamFrame its frame in the capture nearer the client, 0 when not seen there
 * @param downstreamFrame its frame in the capture nearer the printer, 0 when not seen there
 * @param upstreamNanos its time in the upstream capture, on that capture's clock (-1 when not seen)
 * @param downstreamNanos its time in the downstream capture, on that capture's clock (-1 when not seen)
 * @param delayNanos one-way delay from the sender's point to the receiver's, clocks aligned; -1 unless at both
 */
public record PacketSighting(Direction direction, long seq, long ack, int len, int tcpFlags, long upstreamFrame,
        long downstreamFrame, long upstreamNanos, long downstreamNanos, long delayNanos, PacketFate fate) {

    /** Its time at the upstream point, or at the downstream one on the upstream clock when upstream missed it. */
    public long upstreamClockNanos(ClockEstimate clock) {
        return upstreamFrame > 0 ? upstreamNanos : clock.toUpstream(downstreamNanos);
    }
}

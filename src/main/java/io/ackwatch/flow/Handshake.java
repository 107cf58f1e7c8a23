package io.ackwatch.flow;

/**
 * The three-way handshake as captured: the first pure SYN from the client, the first SYN-ACK from the
 * server, and the client's first ACK after it. A frame number of 0 means "not seen" (times are then 0).
 *
 * @param synAckOptions what the server announced in that SYN-ACK; null when no SYN-ACK was captured (or its
 *     header was bogus, with a data offset below 5)
 * @param clientIsn the sequence number of that SYN (meaningful when {@code synFrame > 0}): a NAT rewrites
 *     addresses and ports but keeps it, so it names the connection at every capture point
 * @param serverIsn the sequence number of that SYN-ACK (meaningful when {@code synAckFrame > 0})
 */
public record Handshake(
        long synFrame, long synNanos,
        long synAckFrame, long synAckNanos,
        long ackFrame, long ackNanos,
        SynAckOptions synAckOptions,
        long clientIsn, long serverIsn) {

    public boolean complete() {
        return synFrame > 0 && synAckFrame > 0 && ackFrame > 0;
    }
}

package io.ackwatch.flow;

/**
 * The three-way handshake as captured: the first pure SYN from the client, the first SYN-ACK from the
 * server, and the client's first ACK after it. A frame number of 0 means "not seen" (times are then 0).
 *
 * @param synAckOptions what the server announced in that SYN-ACK; null when no SYN-ACK was captured (or its
 *     header was bogus, with a data offset below 5)
 */
public record Handshake(
        long synFrame, long synNanos,
        long synAckFrame, long synAckNanos,
        long ackFrame, long ackNanos,
        SynAckOptions synAckOptions) {

    public boolean complete() {
        return synFrame > 0 && synAckFrame > 0 && ackFrame > 0;
    }
}

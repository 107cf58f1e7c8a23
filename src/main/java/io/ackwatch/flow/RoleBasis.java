package io.ackwatch.flow;

/**
 * How ackwatch decided which side is the client, in order of preference, from everything the connection
 * sent: the sender of the first pure SYN; else the receiver of the first SYN-ACK; else, when exactly one side
 * is a known service ({@link FlowInterest#isService}, e.g. a printer port), the other side; else the source of
 * the stream's first frame (Wireshark's conversation side A, the corpus oracle's side "a").
 */
public enum RoleBasis {
    /** The client sent the first pure SYN. */
    SYN,
    /** No SYN captured; the server sent a SYN-ACK. */
    SYN_ACK,
    /** No handshake captured; exactly one side is a known service (e.g. a printer port). */
    SERVICE_PORT,
    /** No handshake and no known service: the source of the first frame, as Wireshark's conversation "A". */
    FIRST_PACKET
}

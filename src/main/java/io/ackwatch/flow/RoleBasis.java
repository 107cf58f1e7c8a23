package io.ackwatch.flow;

/** How ackwatch decided which side is the client. */
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

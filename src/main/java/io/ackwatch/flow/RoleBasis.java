package io.ackwatch.flow;

/**
 * How ackwatch decided which side is the client, in order of preference, from everything the connection
 * sent: the sender of the first pure SYN; else the receiver of the first SYN-ACK; else, for a capture that
 * started mid-connection, the ports: the side that is a known service ({@link FlowInterest#isService}: a printer
 * port or printer), else the side with a well-known port (below 1024), else, when exactly one side has an
 * ephemeral port (32768 and up: Linux's range, which holds Windows' 49152 up), the other side is the server;
 * else the source of the stream's first frame (Wireshark's conversation side A, the corpus oracle's side "a").
 * Each port rule applies only when it tells the two sides apart.
 */
public enum RoleBasis {
    /** The client sent the first pure SYN. */
    SYN,
    /** No SYN captured; the server sent a SYN-ACK. */
    SYN_ACK,
    /** No handshake captured; exactly one side is a known service (e.g. a printer port). */
    SERVICE_PORT,
    /** No handshake and no known service; exactly one side's port is well-known (below 1024): the server. */
    WELL_KNOWN_PORT,
    /** None of the above; exactly one side's port is ephemeral (32768 and up): the client. */
    EPHEMERAL_PORT,
    /** No handshake and the ports do not tell: the source of the first frame, as Wireshark's conversation "A". */
    FIRST_PACKET;

    /** Ports below this are IANA's well-known (system) ports, which servers listen on. */
    static final int WELL_KNOWN_LIMIT = 1024;
    /** Linux hands out client ports from here (net.ipv4.ip_local_port_range), Windows and BSD from 49152. */
    static final int EPHEMERAL_FROM = 32768;

    /**
     * The roles by the first port rule that tells a server among {@code a} and {@code b} (client is {@code a} or
     * not, and the rule); null when no port rule tells them apart.
     */
    static FlowBuilder.Roles byPorts(Endpoint a, Endpoint b, FlowInterest interest) {
        boolean serviceA = interest.isService(a);
        if (serviceA != interest.isService(b)) {
            return new FlowBuilder.Roles(!serviceA, SERVICE_PORT);
        }
        boolean wellKnownA = a.port() < WELL_KNOWN_LIMIT;
        if (wellKnownA != b.port() < WELL_KNOWN_LIMIT) {
            return new FlowBuilder.Roles(!wellKnownA, WELL_KNOWN_PORT);
        }
        boolean ephemeralA = a.port() >= EPHEMERAL_FROM;
        if (ephemeralA != b.port() >= EPHEMERAL_FROM) {
            return new FlowBuilder.Roles(ephemeralA, EPHEMERAL_PORT);
        }
        return null;
    }
}

package io.ackwatch.flow;

/**
 * What one side of a connection sent, as seen in the capture.
 *
 * @param packets frames from this side (ICMP-quoted headers not included)
 * @param payloadBytes sum of {@code tcp.len}, retransmissions included (as the oracle counts)
 * @param syn frames with SYN and without ACK
 * @param synAck frames with SYN and ACK
 * @param fin frames with FIN
 * @param rst frames with RST
 * @param minTtl lowest IPv4 TTL / IPv6 hop limit seen, -1 when none
 * @param maxTtl highest TTL seen, -1 when none
 * @param mss MSS option from this side's SYN, -1 when not seen
 * @param windowScale window-scale shift from this side's SYN, -1 when absent or SYN not seen
 * @param sackPermitted SACK-permitted option in this side's SYN
 * @param timestamps TCP timestamps option in this side's SYN
 * @param oddities the {@link Oddity oddities} this side sent, each with its first frame
 */
public record SideStats(
        long packets,
        long payloadBytes,
        int syn,
        int synAck,
        int fin,
        int rst,
        int minTtl,
        int maxTtl,
        int mss,
        int windowScale,
        boolean sackPermitted,
        boolean timestamps,
        Oddities oddities) {

    public SideStats {
        oddities = oddities == null ? Oddities.NONE : oddities;
    }

    /** A side that sent nothing odd. */
    public SideStats(long packets, long payloadBytes, int syn, int synAck, int fin, int rst, int minTtl, int maxTtl,
            int mss, int windowScale, boolean sackPermitted, boolean timestamps) {
        this(packets, payloadBytes, syn, synAck, fin, rst, minTtl, maxTtl, mss, windowScale, sackPermitted,
                timestamps, Oddities.NONE);
    }
}

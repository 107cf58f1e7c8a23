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

    /**
     * What this side sent in two parts of one stream: the counts added, the TTL range widened, the SYN options
     * this part's when it saw them, and each oddity with its first frame.
     */
    public SideStats plus(SideStats later) {
        return new SideStats(packets + later.packets, payloadBytes + later.payloadBytes, syn + later.syn,
                synAck + later.synAck, fin + later.fin, rst + later.rst, lowest(minTtl, later.minTtl),
                Math.max(maxTtl, later.maxTtl), mss >= 0 ? mss : later.mss,
                windowScale >= 0 ? windowScale : later.windowScale, sackPermitted || later.sackPermitted,
                timestamps || later.timestamps, oddities.plus(later.oddities));
    }

    /** The lower of two TTLs where -1 means none seen. */
    private static int lowest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}

package io.ackwatch.decode;

import io.ackwatch.capture.PacketRecord;

/**
 * Finds the TCP segment in a frame: link layer by the record's link type, then VLAN/QinQ, MPLS, PPPoE,
 * IPv4 (options, fragments reassembled as Wireshark does), IPv6 (extension headers), tunnels (IP-in-IP,
 * GRE, VXLAN) down to the innermost IP header carrying TCP, and TCP headers quoted in ICMP errors.
 *
 * <p>One instance per capture file: it keeps fragment-reassembly state between frames.
 */
public final class PacketDecoder {

    public PacketDecoder() {}

    /** Decodes {@code record} into {@code out} (cleared first). Allocates nothing on the common path. */
    public DecodeStatus decode(PacketRecord record, TcpSegment out) {
        out.clear();
        return DecodeStatus.UNSUPPORTED_LINK; // implemented in the decode work
    }
}

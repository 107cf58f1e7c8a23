package io.ackwatch.decode;

/** What {@link PacketDecoder#decode} found in a frame. */
public enum DecodeStatus {
    /** A TCP header (possibly the one quoted in an ICMP error, see {@link TcpSegment#icmpQuoted()}). */
    TCP,
    /** A frame without TCP (ARP, UDP, ...), or an IP fragment waiting for the rest of its datagram. */
    NOT_TCP,
    /** The frame's link type is not one ackwatch decodes. */
    UNSUPPORTED_LINK,
    /** Headers too short or inconsistent to find TCP. */
    MALFORMED
}

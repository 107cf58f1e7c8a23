package io.ackwatch.decode;

/**
 * The TCP segment found in one frame, with the IP facts the analysis uses. A <em>reused</em> holder
 * filled by {@link PacketDecoder#decode}: nothing is allocated per packet, and the content is valid only
 * until the next decode. Addresses are kept as two longs so that flow tables can hash them without
 * allocating: IPv4 {@code a.b.c.d} is {@code hi = 0, lo = 0xFFFF_0000_0000L | addr} (the IPv4-mapped IPv6
 * form) together with {@link #ipVersion()} = 4, IPv6 is its 128 bits. The innermost IP header that carries
 * TCP wins (tunnels), as in Wireshark.
 *
 * <p>Sequence and acknowledgement numbers are unsigned 32-bit values held in longs.
 */
public final class TcpSegment {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    int ipVersion;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int ttl;
    int ipId;
    long srcMac;
    long dstMac;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int flags;
    int window;
    int headerLength;
    int payloadLength;
    int capturedPayloadLength;
    byte[] data;
    int payloadOffset;
    int mss;
    int windowScale;
    boolean sackPermitted;
    long tsval;
    long tsecr;
    /** Kinds of the other options of a SYN: bit k of word k / 64 for kind k (no array: nothing to allocate). */
    long otherOptions0;
    long otherOptions1;
    long otherOptions2;
    long otherOptions3;
    int trafficClass;
    boolean ipOptions;
    boolean ipFragment;
    boolean icmpQuoted;
    boolean headerTruncated;
    boolean lengthKnown;

    /** Resets every field to "absent"; decoders call it before filling. */
    void clear() {
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        ttl = -1;
        ipId = -1;
        srcMac = dstMac = -1;
        srcPort = dstPort = 0;
        seq = ack = 0;
        flags = 0;
        window = 0;
        headerLength = 0;
        payloadLength = 0;
        capturedPayloadLength = 0;
        data = null;
        payloadOffset = 0;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        tsval = -1;
        tsecr = -1;
        otherOptions0 = otherOptions1 = otherOptions2 = otherOptions3 = 0;
        trafficClass = -1;
        ipOptions = false;
        ipFragment = false;
        icmpQuoted = false;
        headerTruncated = false;
        lengthKnown = false;
    }

    /** 4 or 6. */
    public int ipVersion() { return ipVersion; }

    public long srcHi() { return srcHi; }

    public long srcLo() { return srcLo; }

    public long dstHi() { return dstHi; }

    public long dstLo() { return dstLo; }

    /** IPv4 TTL or IPv6 hop limit of the innermost IP header; -1 when unknown. */
    public int ttl() { return ttl; }

    /** IPv4 type-of-service / IPv6 traffic-class byte (DSCP and ECN) of the innermost IP header; -1 when unknown. */
    public int trafficClass() { return trafficClass; }

    /** True when the innermost IPv4 header carries options (header longer than 20 bytes). */
    public boolean ipOptions() { return ipOptions; }

    /** True when the segment came in IP fragments (reassembled or not). */
    public boolean ipFragment() { return ipFragment; }

    /** IPv4 identification; -1 for IPv6. */
    public int ipId() { return ipId; }

    /**
     * Source MAC address of the frame's outermost Ethernet header (48 bits, {@code eth.src}); -1 on other link
     * types. Kept to tell a copy relayed by another host on the LAN from a retransmission.
     */
    public long srcMac() { return srcMac; }

    /** Destination MAC address of the outermost Ethernet header ({@code eth.dst}); -1 on other link types. */
    public long dstMac() { return dstMac; }

    public int srcPort() { return srcPort; }

    public int dstPort() { return dstPort; }

    /** Raw (absolute) sequence number, unsigned 32 bit. */
    public long seq() { return seq; }

    /** Raw acknowledgement number, unsigned 32 bit; meaningful only with the ACK flag. */
    public long ack() { return ack; }

    /**
     * TCP flag bits as Wireshark's {@code tcp.flags}: the low 12 bits of header bytes 12-13 (FIN..CWR as the
     * constants of this class, bit 8 = NS/AE, bits 9-11 reserved).
     */
    public int flags() { return flags; }

    public boolean has(int flag) { return (flags & flag) != 0; }

    /** Raw 16-bit window field (unscaled). */
    public int window() { return window; }

    /** TCP header length in bytes (data offset * 4). */
    public int headerLength() { return headerLength; }

    /**
     * Wireshark's {@code tcp.len}: IP payload length from the IP header minus the TCP header length, which
     * may exceed what was captured (snaplen). 0 when Wireshark has no segment length (see
     * {@link #segmentLengthKnown()}).
     */
    public int payloadLength() { return payloadLength; }

    /** Payload bytes actually present in the frame (≤ {@link #payloadLength()}). */
    public int capturedPayloadLength() { return capturedPayloadLength; }

    /** Backing array of the payload: {@code data()[payloadOffset(), payloadOffset()+capturedPayloadLength())}. */
    public byte[] data() { return data; }

    public int payloadOffset() { return payloadOffset; }

    /*
     * The options below are read from SYNs and SYN-ACKs only (the window scale and the timestamps from every
     * segment), as tshark 4.0 dissects them; see TcpHeaderReader.options.
     */

    /** MSS option value ({@code tcp.options.mss_val}), -1 when absent. */
    public int mss() { return mss; }

    /** Window-scale option shift count as sent ({@code tcp.options.wscale.shift}, may exceed 14), -1 when absent. */
    public int windowScale() { return windowScale; }

    /** SACK-permitted option present ({@code tcp.options.sack_perm}). */
    public boolean sackPermitted() { return sackPermitted; }

    /** True when the TCP timestamps option is present with its TSval. */
    public boolean timestamps() { return tsval >= 0; }

    /** TSval of the timestamps option ({@code tcp.options.timestamp.tsval}), unsigned 32 bit; -1 when absent. */
    public long tsval() { return tsval; }

    /**
     * TSecr of the timestamps option ({@code tcp.options.timestamp.tsecr}): the peer's TSval this segment echoes,
     * unsigned 32 bit; -1 when absent (or cut off by the capture).
     */
    public long tsecr() { return tsecr; }

    /**
     * One word of the set of other option kinds (not EOL, NOP, MSS, window scale, SACK-permitted, timestamps):
     * bit {@code k % 64} of word {@code k / 64} (0..3) is set when an option of kind {@code k} was sent.
     */
    public long otherOptions(int word) {
        return switch (word) {
            case 0 -> otherOptions0;
            case 1 -> otherOptions1;
            case 2 -> otherOptions2;
            default -> otherOptions3;
        };
    }

    void addOtherOption(int kind) {
        long bit = 1L << kind; // Java masks the shift count to its low six bits: kind % 64
        switch (kind >> 6) {
            case 0 -> otherOptions0 |= bit;
            case 1 -> otherOptions1 |= bit;
            case 2 -> otherOptions2 |= bit;
            default -> otherOptions3 |= bit;
        }
    }

    /** True when this TCP header is the one quoted inside an ICMP/ICMPv6 error, not a segment on the wire. */
    public boolean icmpQuoted() { return icmpQuoted; }

    /**
     * True when the TCP header is incomplete or bogus: fewer bytes than its header length were captured
     * (options may be missing), it is longer than the IP payload ("short segment"), or its data offset is
     * below 5. Ports, sequence numbers, flags and window are always present (Wireshark assigns a stream once it
     * has read those first 16 bytes).
     */
    public boolean headerTruncated() { return headerTruncated; }

    /**
     * True when Wireshark knows this segment's length ({@code tcp.len} is shown): false for a header quoted in
     * an ICMP error, a header longer than the IP payload, and the first piece of an IPv4 datagram that could
     * not be reassembled (not fully captured).
     */
    public boolean segmentLengthKnown() { return lengthKnown; }

    /** Source address as text (allocates; not for the hot path). IPv6 in RFC 5952 form. */
    public String srcAddressText() { return IpText.format(ipVersion, srcHi, srcLo); }

    /** Destination address as text (allocates; not for the hot path). */
    public String dstAddressText() { return IpText.format(ipVersion, dstHi, dstLo); }
}

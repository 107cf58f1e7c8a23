package io.ackwatch.decode;

import static io.ackwatch.decode.Bytes.u16;
import static io.ackwatch.decode.Bytes.u16le;
import static io.ackwatch.decode.Bytes.u32;
import static io.ackwatch.decode.Bytes.u32le;
import static io.ackwatch.decode.Bytes.u48;
import static io.ackwatch.decode.Bytes.u64;
import static io.ackwatch.decode.Bytes.u8;

import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import java.util.Arrays;

/**
 * Finds the TCP segment in a frame: link layer by the record's link type (802.11 too, bare or under radiotap,
 * PPI, Prism, AVS or PKTAP), then VLAN/QinQ, MPLS, PPPoE,
 * IPv4 (options, fragments reassembled as Wireshark does), IPv6 (extension headers, fragments), tunnels
 * (IP-in-IP, GRE/PPTP/ERSPAN, VXLAN, Geneve, GTP-U, Teredo) down to the innermost IP header carrying TCP, and
 * TCP headers quoted in ICMP/ICMPv6 errors.
 *
 * <p>The rules follow tshark 4.0 (the project's oracle) where it matters for {@code tcp.stream}:
 * <ul>
 * <li>Every layer works on two limits, like Wireshark's tvbuffs: the bytes <em>captured</em> and the bytes
 * the frame <em>reported</em> (original length). An IP header narrows both to its total length, clamped to
 * what the frame reported; a total length of 0 means "TSO capture, use what is there".</li>
 * <li>Wireshark attaches a frame to a TCP conversation once it has read the first 16 TCP header bytes (ports
 * to window); fewer bytes (snaplen, IP length or ICMP quote) and the frame has no stream.</li>
 * <li>{@code tcp.len} is the IP payload length minus the TCP header length; when the header is longer than
 * the IP payload ("short segment") or the header is quoted in an ICMP error, Wireshark has no length: 0.</li>
 * <li>Fragments are reassembled only when a piece is captured whole and its total length fits the frame;
 * otherwise a first IPv4 piece is decoded on its own (without a length) and later pieces are not TCP.</li>
 * <li>Where Wireshark's own dissectors throw (an IPv6 option or NFLOG TLV running off the capture, ...),
 * the frame has no TCP here either.</li>
 * </ul>
 * The corpus tests and the hand-built captures under the test resources {@code tshark/} hold these rules
 * against tshark's own output.
 *
 * <p>One instance per capture file: it keeps fragment-reassembly state between frames. Not thread-safe.
 */
public final class PacketDecoder {
    /** Bound on nested layers (tunnels, label stacks, extension headers), against crafted loops. */
    private static final int MAX_DEPTH = 32;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int ETH_VLAN = 0x8100;
    private static final int ETH_QINQ = 0x88A8;
    private static final int ETH_QINQ_OLD = 0x9100;
    private static final int ETH_MPLS = 0x8847;
    private static final int ETH_MPLS_MC = 0x8848;
    private static final int ETH_PPPOE_SESSION = 0x8864;
    private static final int ETH_CISCO_METADATA = 0x8909;
    private static final int ETH_TRANSPARENT_BRIDGING = 0x6558;
    private static final int ETH_PPP = 0x880B;
    private static final int ETH_ERSPAN2 = 0x88BE;
    private static final int ETH_ERSPAN3 = 0x22EB;
    private static final int IEEE_802_3_MAX_LEN = 1500;

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_IPIP = 4;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_IPV6 = 41;
    private static final int PROTO_GRE = 47;
    private static final int PROTO_AH = 51;
    private static final int PROTO_ICMPV6 = 58;

    private static final int UDP_VXLAN = 4789;
    private static final int UDP_GENEVE = 6081;
    private static final int UDP_GTPU = 2152;
    /** Wireshark's GTP dissector also takes user-plane packets on the control port. */
    private static final int UDP_GTPC = 2123;
    private static final int UDP_TEREDO = 3544;

    private static final int WLAN_DATA = 2;
    private static final int WLAN_TO_DS = 0x01;
    private static final int WLAN_FROM_DS = 0x02;
    private static final int WLAN_MORE_FRAGMENTS = 0x04;
    private static final int WLAN_PROTECTED = 0x40;
    private static final int WLAN_ORDER = 0x80;
    private static final int QOS_AMSDU = 0x0080;
    private static final long RADIOTAP_TSFT = 1;
    private static final long RADIOTAP_FLAGS = 1 << 1;
    private static final long RADIOTAP_EXT = 1L << 31;
    private static final int RADIOTAP_FLAG_FCS = 0x10;
    private static final int RADIOTAP_FLAG_DATAPAD = 0x20;
    private static final int PPI_80211_COMMON = 2;
    private static final int PPI_80211N_MAC = 3;
    private static final int PPI_80211N_MAC_PHY = 4;
    /** 802.11n MAC flags: part of an A-MPDU, and not its last piece. */
    private static final long PPI_AMPDU_MORE = 0x10 | 0x20;
    private static final long PRISM_MSGCODE_1 = 0x41;
    private static final long PRISM_MSGCODE_2 = 0x44;
    private static final long AVS_MAGIC_V1 = 0x80211001L;
    private static final long AVS_MAGIC_V2 = 0x80211002L;
    private static final long PKTAP_MIN_HEADER = 108;
    private static final long PKTAP_PACKET = 1;

    private static final long IPV4_MAPPED_PREFIX = 0xFFFF_0000_0000L;

    private final FragmentTable fragments = new FragmentTable();
    private TcpSegment out;
    private int depth;
    /** The innermost IPv4 header is a first fragment decoded without reassembly: tcp.len is unknown. */
    private boolean fragmentedPayload;
    /**
     * Inside the datagram quoted by an ICMP/ICMPv6 error (Wireshark's {@code in_error_pkt}): stays set for
     * every layer below, tunnels included, so the TCP header found is the quoted one.
     */
    private boolean inErrorPacket;

    public PacketDecoder() {}

    /** Decodes {@code record} into {@code out} (cleared first). Allocates nothing on the common path. */
    public DecodeStatus decode(PacketRecord record, TcpSegment out) {
        out.clear();
        byte[] b = record.data();
        int off = record.offset();
        if (b == null || off < 0 || off > b.length) {
            return DecodeStatus.MALFORMED;
        }
        int cap = off + Math.max(0, Math.min(record.capturedLength(), b.length - off));
        long reported = off + Math.max(record.originalLength(), record.capturedLength());
        int rep = (int) Math.max(cap, Math.min(reported, Integer.MAX_VALUE));
        this.out = out;
        this.depth = 0;
        this.fragmentedPayload = false;
        this.inErrorPacket = false;
        DecodeStatus status = link(record.linkType(), b, off, cap, rep);
        if (status != DecodeStatus.TCP) {
            out.clear();
        }
        return status;
    }

    /** Datagrams waiting in the reassembly table (for tests and diagnostics). */
    int pendingFragments() {
        return fragments.pending();
    }

    int bufferedFragmentBytes() {
        return fragments.bufferedBytes();
    }

    // ---- link layers ------------------------------------------------------------------------------------

    private DecodeStatus link(LinkType type, byte[] b, int p, int cap, int rep) {
        switch (type) {
            case ETHERNET:
                return ethernet(b, p, cap, rep);
            case NULL:
                return bsdLoopback(b, p, cap, rep, false);
            case LOOP:
                return bsdLoopback(b, p, cap, rep, true);
            case RAW:
                return rawIp(b, p, cap, rep);
            case IPV4:
                return ipv4(b, p, cap, rep);
            case IPV6:
                return ipv6(b, p, cap, rep);
            case PPP:
            case PPP_HDLC:
                return pppHdlc(b, p, cap, rep);
            case PPP_ETHER:
                return pppoeSession(b, p, cap, rep);
            case C_HDLC:
                return cap - p < 4 ? DecodeStatus.MALFORMED : ethertype(u16(b, p + 2), b, p + 4, cap, rep);
            case LINUX_SLL:
                return cap - p < 16 ? DecodeStatus.MALFORMED : sll(u16(b, p + 2), u16(b, p + 14), b, p + 16, cap, rep);
            case LINUX_SLL2:
                return cap - p < 20 ? DecodeStatus.MALFORMED : sll(u16(b, p + 8), u16(b, p), b, p + 20, cap, rep);
            case NFLOG:
                return nflog(b, p, cap, rep);
            case IEEE802_11:
                return ieee80211(b, p, cap, rep, false, false);
            case IEEE802_11_RADIOTAP:
                return radiotap(b, p, cap, rep);
            case PPI:
                return ppi(b, p, cap, rep);
            case IEEE802_11_PRISM:
                return prism(b, p, cap, rep);
            case IEEE802_11_AVS:
                return avs(b, p, cap, rep);
            case PKTAP:
                return pktap(b, p, cap, rep);
            default:
                return DecodeStatus.UNSUPPORTED_LINK;
        }
    }

    /** A link layer named inside another header (PPI, PKTAP): one ackwatch does not know carries nothing here. */
    private DecodeStatus innerLink(long code, byte[] b, int p, int cap, int rep) {
        if (++depth > MAX_DEPTH) {
            return DecodeStatus.MALFORMED;
        }
        LinkType type = code > Integer.MAX_VALUE ? LinkType.UNKNOWN : LinkType.fromCode((int) code);
        DecodeStatus status = link(type, b, p, cap, rep);
        return status == DecodeStatus.UNSUPPORTED_LINK ? DecodeStatus.NOT_TCP : status;
    }

    private DecodeStatus ethernet(byte[] b, int p, int cap, int rep) {
        if (cap - p < 14) {
            return DecodeStatus.MALFORMED;
        }
        if (out.srcMac < 0) {
            // the outermost header is the one on the capture's wire; a tunnel's inner Ethernet is another LAN's
            out.dstMac = u48(b, p);
            out.srcMac = u48(b, p + 6);
        }
        return typeOrLength(u16(b, p + 12), b, p + 14, cap, rep);
    }

    /** An Ethernet or VLAN type field: an EtherType, or (≤ 1500) the 802.3 length of an LLC frame. */
    private DecodeStatus typeOrLength(int type, byte[] b, int p, int cap, int rep) {
        if (type > IEEE_802_3_MAX_LEN) {
            return ethertype(type, b, p, cap, rep);
        }
        int r = Math.min(rep, p + type);
        return llc(b, p, Math.min(cap, r), r);
    }

    private DecodeStatus llc(byte[] b, int p, int cap, int rep) {
        if (cap - p < 3) {
            return DecodeStatus.NOT_TCP;
        }
        boolean snap = u8(b, p) == 0xAA && u8(b, p + 1) == 0xAA && u8(b, p + 2) == 0x03;
        if (!snap) {
            return DecodeStatus.NOT_TCP;
        }
        if (cap - p < 8) {
            return DecodeStatus.MALFORMED;
        }
        int oui = (u8(b, p + 3) << 16) | u16(b, p + 4);
        // OUI 0 is an encapsulated EtherType; 0x0000F8 is Cisco's variant of the same
        return oui == 0 || oui == 0xF8 ? ethertype(u16(b, p + 6), b, p + 8, cap, rep) : DecodeStatus.NOT_TCP;
    }

    private DecodeStatus ethertype(int type, byte[] b, int p, int cap, int rep) {
        if (++depth > MAX_DEPTH) {
            return DecodeStatus.MALFORMED;
        }
        switch (type) {
            case ETH_IPV4:
                return ipv4(b, p, cap, rep);
            case ETH_IPV6:
                return ipv6(b, p, cap, rep);
            case ETH_VLAN:
            case ETH_QINQ:
            case ETH_QINQ_OLD:
                return cap - p < 4 ? DecodeStatus.MALFORMED : typeOrLength(u16(b, p + 2), b, p + 4, cap, rep);
            case ETH_MPLS:
            case ETH_MPLS_MC:
                return mpls(b, p, cap, rep);
            case ETH_PPPOE_SESSION:
                return pppoeSession(b, p, cap, rep);
            case ETH_CISCO_METADATA:
                // version, length, option (length + type), SGT, then the next EtherType
                return cap - p < 8 ? DecodeStatus.MALFORMED : ethertype(u16(b, p + 6), b, p + 8, cap, rep);
            default:
                return DecodeStatus.NOT_TCP;
        }
    }

    /** BSD loopback: a 4-byte address family, host byte order for NULL, network byte order for LOOP. */
    private DecodeStatus bsdLoopback(byte[] b, int p, int cap, int rep, boolean networkOrder) {
        if (cap - p < 2) {
            return DecodeStatus.MALFORMED;
        }
        if (!networkOrder && u16(b, p) == 0xFF03) {
            return pppHdlc(b, p, cap, rep); // PPP in HDLC-like framing, as Wireshark's null dissector checks first
        }
        if (cap - p < 4) {
            return DecodeStatus.MALFORMED;
        }
        long family;
        if (networkOrder) {
            family = u32(b, p);
        } else {
            // written in the capturing host's byte order: a value with the upper half set was big-endian
            family = u32le(b, p);
            if ((family & 0xFFFF_0000L) != 0) {
                family = u32(b, p);
            }
        }
        if (family > IEEE_802_3_MAX_LEN && family <= 0xFFFF) {
            return ethertype((int) family, b, p + 4, cap, rep);
        }
        if (family == 2) {
            return ipv4(b, p + 4, cap, rep);
        }
        if (family == 24 || family == 28 || family == 30) { // AF_INET6 on NetBSD/OpenBSD, FreeBSD, Darwin
            return ipv6(b, p + 4, cap, rep);
        }
        return DecodeStatus.NOT_TCP;
    }

    private DecodeStatus rawIp(byte[] b, int p, int cap, int rep) {
        if (cap - p < 1) {
            return DecodeStatus.MALFORMED;
        }
        int version = u8(b, p) >> 4;
        if (version == 4) {
            return ipv4(b, p, cap, rep);
        }
        return version == 6 ? ipv6(b, p, cap, rep) : DecodeStatus.NOT_TCP;
    }

    /**
     * PPP in HDLC-like framing (link types PPP and PPP_HDLC, PPTP's GRE): like Wireshark, a first byte 0xFF is
     * the address, followed by a control byte; otherwise both were compressed away.
     */
    private DecodeStatus pppHdlc(byte[] b, int p, int cap, int rep) {
        if (cap - p >= 1 && u8(b, p) == 0xFF) {
            p += 2;
        }
        return ppp(b, p, cap, rep);
    }

    /** A PPP protocol field (1 byte when compressed: odd first byte, else 2) and its payload. */
    private DecodeStatus ppp(byte[] b, int p, int cap, int rep) {
        if (cap - p < 1) {
            return DecodeStatus.MALFORMED;
        }
        int protocol;
        if ((u8(b, p) & 1) != 0) { // protocol-field compression: odd first byte is a 1-byte protocol
            protocol = u8(b, p);
            p += 1;
        } else {
            if (cap - p < 2) {
                return DecodeStatus.MALFORMED;
            }
            protocol = u16(b, p);
            p += 2;
        }
        if (++depth > MAX_DEPTH) {
            return DecodeStatus.MALFORMED;
        }
        switch (protocol) {
            case 0x0021:
                return ipv4(b, p, cap, rep);
            case 0x0057:
                return ipv6(b, p, cap, rep);
            case 0x0281:
            case 0x0283:
                return mpls(b, p, cap, rep);
            default:
                return DecodeStatus.NOT_TCP;
        }
    }

    /** PPPoE session stage: version/type, code, session id, length, then a PPP protocol field. */
    private DecodeStatus pppoeSession(byte[] b, int p, int cap, int rep) {
        if (cap - p < 6) {
            return DecodeStatus.MALFORMED;
        }
        int r = Math.min(rep, p + 6 + u16(b, p + 4)); // the payload length bounds the PPP frame
        return ppp(b, p + 6, Math.min(cap, r), r);
    }

    private DecodeStatus sll(int hardwareType, int protocol, byte[] b, int p, int cap, int rep) {
        if (hardwareType == 824) { // ARPHRD_NETLINK: the protocol field is a netlink family
            return DecodeStatus.NOT_TCP;
        }
        if (protocol == 0x0004) { // 802.2 LLC frame
            return llc(b, p, cap, rep);
        }
        return protocol > IEEE_802_3_MAX_LEN ? ethertype(protocol, b, p, cap, rep) : DecodeStatus.NOT_TCP;
    }

    /**
     * Linux NFLOG: address family, version, resource id, then TLVs padded to 4 bytes, whose length and type
     * are in the logging host's byte order; tshark 4.0 reads them little-endian. The packet is the payload TLV (type 9); Wireshark decodes
     * it by the packet header's hardware protocol (an EtherType) when there is one, else by the family.
     * A TLV shorter than its own header, or a TLV header beyond the captured bytes, ends the dissection before
     * the payload is looked at.
     */
    private DecodeStatus nflog(byte[] b, int p, int cap, int rep) {
        if (cap - p < 4) {
            return DecodeStatus.MALFORMED;
        }
        int family = u8(b, p);

        int hardwareProtocol = 0;
        int payload = -1;
        int payloadLength = 0;
        int t = p + 4;
        // Wireshark loops while the reported bytes left hold a TLV header, counting none once past the captured
        // end; a header that starts inside the capture but is cut short throws
        while (t <= cap && rep - t >= 4) {
            if (cap - t < 4) {
                return DecodeStatus.MALFORMED;
            }
            int length = u16le(b, t);
            int type = u16le(b, t + 2) & 0x7FFF;
            if (length < 4 || length > cap - t) {
                return DecodeStatus.MALFORMED; // too short, or not captured whole: tshark stops there
            }
            if (type == 1 && length >= 6) {
                hardwareProtocol = u16(b, t + 4); // network byte order whatever the TLV order
            } else if (type == 9) {
                payload = t + 4;
                payloadLength = length - 4;
            }
            t += (length + 3) & ~3;
        }
        if (payload < 0) {
            return DecodeStatus.NOT_TCP;
        }
        int end = (int) Math.min((long) payload + payloadLength, rep);
        int payloadCap = Math.min(cap, end);
        if (hardwareProtocol != 0) {
            return ethertype(hardwareProtocol, b, payload, payloadCap, end);
        }
        if (family == 2) {
            return ipv4(b, payload, payloadCap, end);
        }
        return family == 10 ? ipv6(b, payload, payloadCap, end) : DecodeStatus.NOT_TCP;
    }

    // ---- 802.11 ---------------------------------------------------------------------------------------------

    /**
     * An 802.11 frame. Only data subtypes with a body (data, QoS data and their CF variants) carry a packet;
     * management, control, null-data and CF-Ack/Poll-only frames do not. A protected frame is encrypted and,
     * without keys, shows no TCP in Wireshark either. Fragmented MSDUs are not reassembled: a frame with More
     * Fragments set carries nothing here (in Wireshark its piece waits for the rest), a lone later fragment is
     * decoded as it stands, as Wireshark does when the earlier pieces were not captured.
     *
     * @param fcs the frame ends with a 4-byte FCS (radiotap/PPI flag): Wireshark takes it off both limits of
     *     the body
     * @param dataPad radiotap's data-pad flag: the header is padded to a multiple of 4 bytes
     */
    private DecodeStatus ieee80211(byte[] b, int p, int cap, int rep, boolean fcs, boolean dataPad) {
        if (cap - p < 2) {
            return DecodeStatus.MALFORMED;
        }
        int frameControl = u8(b, p);
        int flags = u8(b, p + 1);
        int type = (frameControl >> 2) & 3;
        int subtype = frameControl >> 4;
        // protocol version 0 only; subtypes 4-7 and 12-15 of the data type have no body
        if ((frameControl & 3) != 0 || type != WLAN_DATA || (subtype & 4) != 0) {
            return DecodeStatus.NOT_TCP;
        }
        int ds = flags & (WLAN_TO_DS | WLAN_FROM_DS);
        int header = ds == (WLAN_TO_DS | WLAN_FROM_DS) ? 30 : 24;
        boolean qos = (subtype & 8) != 0;
        int qosControl = 0;
        if (qos) {
            if (cap - p < header + 2) {
                return DecodeStatus.MALFORMED;
            }
            qosControl = u16le(b, p + header);
            // HT control: tshark 4.0 expects it whenever a QoS data frame has the Order bit, whatever the PHY
            header += (flags & WLAN_ORDER) != 0 ? 6 : 2;
        }
        if (cap - p < header) {
            return DecodeStatus.MALFORMED;
        }
        if ((flags & (WLAN_PROTECTED | WLAN_MORE_FRAGMENTS)) != 0) {
            return DecodeStatus.NOT_TCP;
        }
        // the FCS is not part of the body, except in a later fragment: Wireshark's reassembly path hands that
        // body on to the end of the frame
        if (fcs && (u8(b, p + 22) & 0x0F) == 0) {
            rep -= 4;
            cap = Math.min(cap, rep);
        }
        int q = p + (dataPad ? (header + 3) & ~3 : header);
        if ((qosControl & QOS_AMSDU) != 0) {
            return amsdu(b, q, cap, rep);
        }
        if ((ds == WLAN_FROM_DS || ds == (WLAN_TO_DS | WLAN_FROM_DS)) && cap - q >= 1) {
            // a mesh control field (6, 12 or 18 bytes by its address-extension mode): tshark 4.0 assumes one,
            // whatever the QoS mesh bit says, when the first body byte is valid mesh flags and LLC/SNAP
            // (AA AA) follows the field
            int meshFlags = u8(b, q);
            int after = q + 6 + 6 * meshFlags;
            if ((meshFlags & ~3) == 0 && meshFlags != 3 && cap - after >= 2
                    && u8(b, after) == 0xAA && u8(b, after + 1) == 0xAA) {
                q = after;
            }
        }
        return wlanPayload(b, p, ds, q, cap, rep);
    }

    /**
     * The body of an 802.11 data frame, as Wireshark guesses its encapsulation: LLC when it starts with
     * AA AA; otherwise an Ethernet frame when it starts with the destination or carries the source address of
     * the 802.11 header at byte 6 (seen from some bridges), IPX for FF FF, two stray zero bytes before LLC
     * for 00 00 (OLPC XO, some Atheros chips), and a bare EtherType when the first two bytes are one.
     */
    private DecodeStatus wlanPayload(byte[] b, int p, int ds, int q, int cap, int rep) {
        if (cap - q < 2) {
            return DecodeStatus.MALFORMED;
        }
        int first = u8(b, q);
        int second = u8(b, q + 1);
        if (first == 0xAA && second == 0xAA) {
            return llc(b, q, cap, rep);
        }
        // destination and source address by the DS bits: to DS address 3 is the destination, from DS it is
        // the source; with both set the source is address 4
        int destination = p + ((ds & WLAN_TO_DS) != 0 ? 16 : 4);
        int source = p + (ds == (WLAN_TO_DS | WLAN_FROM_DS) ? 24 : ds == WLAN_FROM_DS ? 16 : 10);
        if ((cap - q >= 6 && Arrays.equals(b, q, q + 6, b, destination, destination + 6))
                || (cap - q >= 12 && Arrays.equals(b, q + 6, q + 12, b, source, source + 6))) {
            return ethernet(b, q, cap, rep);
        }
        if (first == 0xFF && second == 0xFF) {
            return DecodeStatus.NOT_TCP; // Netware 802.3 (IPX)
        }
        if (first == 0 && second == 0) {
            return llc(b, q + 2, cap, rep);
        }
        int type = (first << 8) | second;
        switch (type) {
            // a bare EtherType without LLC: tshark 4.0 takes the body so when it starts with an EtherType it
            // knows; these are the ones that can lead to TCP
            case ETH_IPV4:
            case ETH_IPV6:
            case ETH_VLAN:
            case ETH_QINQ:
            case ETH_QINQ_OLD:
            case ETH_MPLS:
            case ETH_MPLS_MC:
            case ETH_PPPOE_SESSION:
            case ETH_CISCO_METADATA:
                return ethertype(type, b, q + 2, cap, rep);
            case ETH_TRANSPARENT_BRIDGING:
                return ethernet(b, q + 2, cap, rep);
            default:
                return llc(b, q, cap, rep);
        }
    }

    /**
     * An A-MSDU: subframes of destination, source and a big-endian length, each followed by an LLC frame and
     * padded to 4 bytes (counted from the start of the body). Wireshark dissects every subframe, and a
     * subframe's reported length is its length field even where that runs past the frame. ackwatch returns
     * the first subframe holding TCP, which is the occurrence the oracle keeps; TCP in later subframes is
     * not seen (one segment per frame). A subframe whose LLC or network header cannot be read ends
     * Wireshark's walk (an exception), so it ends this one too.
     */
    private DecodeStatus amsdu(byte[] b, int body, int cap, int rep) {
        int q = body;
        int depthBefore = depth;
        while (true) {
            if (cap - q < 14) {
                return DecodeStatus.MALFORMED;
            }
            int length = u16(b, q + 12);
            int start = q + 14;
            int subRep = start + length;
            int subCap = Math.min(cap, subRep);
            if (subCap - start < 3 || ((u8(b, start + 2) & 3) != 3 && subCap - start < 4)) {
                return DecodeStatus.MALFORMED; // LLC header (a 1- or 2-byte control field) not all there
            }
            depth = depthBefore;
            fragmentedPayload = false;
            inErrorPacket = false;
            out.clear();
            DecodeStatus status = llc(b, start, subCap, subRep);
            if (status == DecodeStatus.TCP || status == DecodeStatus.MALFORMED) {
                return status;
            }
            q = body + ((start + length - body + 3) & ~3);
            if (rep - q <= 14) {
                return DecodeStatus.NOT_TCP;
            }
        }
    }

    /**
     * Radiotap: version, pad, little-endian length, then presence bitmaps (bit 31 chains another) and the
     * fields in bit order, each aligned to its size from the start of the header. Only the Flags field
     * (bit 1, after the 8-byte TSFT of bit 0) matters here: it says whether the frame ends with an FCS and
     * whether the 802.11 header is padded. With another version than 0 tshark reads no field but still
     * finds the 802.11 frame after the header; a header length beyond the frame leaves no 802.11 frame.
     */
    private DecodeStatus radiotap(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.MALFORMED;
        }
        int length = u16le(b, p + 2);
        if (length < 8 || length > cap - p) {
            return DecodeStatus.MALFORMED;
        }
        int end = p + length;
        long present = u32le(b, p + 4);
        int f = p + 8;
        for (long word = present; (word & RADIOTAP_EXT) != 0 && f <= end - 4; word = u32le(b, f - 4)) {
            f += 4;
        }
        if ((present & RADIOTAP_TSFT) != 0) {
            f = p + ((f - p + 7) & ~7) + 8;
        }
        // a field running past the header is ignored (tshark marks the header malformed and goes on), and so
        // are all fields when the version is not 0
        int flags = (present & RADIOTAP_FLAGS) != 0 && f < end && u8(b, p) == 0 ? u8(b, f) : 0;
        return ieee80211(b, end, cap, rep, (flags & RADIOTAP_FLAG_FCS) != 0, (flags & RADIOTAP_FLAG_DATAPAD) != 0);
    }

    /**
     * PPI (per-packet information): version, flags, little-endian length, the DLT of what follows, then fields
     * of type and length. Like Wireshark, the packet starts where the walk of those fields ends (each field
     * padded to 4 bytes when the alignment flag is set), which is usually, not always, the header length.
     * The 802.11-common field says whether an FCS ends the frame. An 802.11n A-MPDU piece with more to
     * come carries nothing in Wireshark (it waits for the last one, not reassembled here).
     */
    private DecodeStatus ppi(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.MALFORMED;
        }
        boolean aligned = (u8(b, p + 1) & 1) != 0;
        int left = u16le(b, p + 2) - 8;
        long dlt = u32le(b, p + 4);
        int q = p + 8;
        boolean fcs = false;
        while (left > 0) {
            if (cap - q < 4) {
                return DecodeStatus.MALFORMED;
            }
            int type = u16le(b, q);
            int fieldLength = u16le(b, q + 2) + 4;
            if (type == PPI_80211_COMMON && fieldLength == 24) {
                if (cap - q < 24) {
                    return DecodeStatus.MALFORMED;
                }
                fcs = (u16le(b, q + 12) & 1) != 0; // the last such field wins
            } else if (type == PPI_80211N_MAC || type == PPI_80211N_MAC_PHY) {
                if (cap - q < 8) {
                    return DecodeStatus.MALFORMED;
                }
                if ((u32le(b, q + 4) & PPI_AMPDU_MORE) == PPI_AMPDU_MORE) {
                    return DecodeStatus.NOT_TCP;
                }
            }
            left -= fieldLength;
            q += fieldLength;
            if (aligned) {
                q = p + ((q - p + 3) & ~3);
            }
        }
        if (q > cap) {
            return DecodeStatus.MALFORMED;
        }
        return dlt == LinkType.IEEE802_11.code()
                ? ieee80211(b, q, cap, rep, fcs, false)
                : innerLink(dlt, b, q, cap, rep);
    }

    /**
     * Prism monitor header: 144 bytes whatever its length field says, no FCS. Some drivers write an AVS
     * header under this link type; tshark recognises it by its magic number. The message code, in the writer's
     * byte order (little-endian when the big-endian reading has its low 16 bits zero), must be one of the two
     * Prism codes; otherwise tshark takes the whole frame for 802.11 without a radio header.
     */
    private DecodeStatus prism(byte[] b, int p, int cap, int rep) {
        if (cap - p < 4) {
            return DecodeStatus.MALFORMED;
        }
        long code = u32(b, p);
        if (code == AVS_MAGIC_V1 || code == AVS_MAGIC_V2) {
            return avs(b, p, cap, rep);
        }
        if ((code & 0xFFFF) == 0) {
            code = u32le(b, p);
        }
        if (code != PRISM_MSGCODE_1 && code != PRISM_MSGCODE_2) {
            return ieee80211(b, p, cap, rep, false, false);
        }
        return cap - p < 144 ? DecodeStatus.MALFORMED : ieee80211(b, p + 144, cap, rep, false, false);
    }

    /** AVS (wlancap) header: magic, big-endian header length, then the 802.11 frame, no FCS. */
    private DecodeStatus avs(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.MALFORMED;
        }
        long length = u32(b, p + 4);
        if (length < 8 || length > cap - p) {
            return DecodeStatus.MALFORMED;
        }
        return ieee80211(b, p + (int) length, cap, rep, false, false);
    }

    /**
     * Apple PKTAP: little-endian header length (at least 108), record type (1 is a packet) and the DLT of the
     * packet that follows the header.
     */
    private DecodeStatus pktap(byte[] b, int p, int cap, int rep) {
        if (cap - p < 12) {
            return DecodeStatus.MALFORMED;
        }
        long length = u32le(b, p);
        if (length < PKTAP_MIN_HEADER || length > cap - p) {
            return DecodeStatus.MALFORMED;
        }
        if (u32le(b, p + 4) != PKTAP_PACKET) {
            return DecodeStatus.NOT_TCP;
        }
        return innerLink(u32le(b, p + 8), b, p + (int) length, cap, rep);
    }

    /**
     * MPLS label stack. After the bottom label there is no type field; like Wireshark, guess from the first
     * nibble: 4 IPv4, 6 IPv6, 0 a pseudowire control word followed by Ethernet.
     */
    private DecodeStatus mpls(byte[] b, int p, int cap, int rep) {
        int label;
        while (true) {
            if (cap - p < 4) {
                return DecodeStatus.MALFORMED;
            }
            label = (int) (u32(b, p) >>> 12);
            boolean bottom = (u8(b, p + 2) & 1) != 0;
            p += 4;
            if (bottom) {
                break;
            }
            if (++depth > MAX_DEPTH) {
                return DecodeStatus.MALFORMED;
            }
        }
        if (label == 13 || label == 14 || cap - p < 1) {
            return DecodeStatus.NOT_TCP; // 13 (GAL) and 14 (OAM alert) carry control messages, not packets
        }
        switch (u8(b, p) >> 4) {
            case 4:
                return ipv4(b, p, cap, rep);
            case 6:
                return ipv6(b, p, cap, rep);
            case 0:
                return ethernet(b, p + 4, cap, rep);
            default:
                return DecodeStatus.NOT_TCP;
        }
    }

    // ---- IP -----------------------------------------------------------------------------------------------

    private DecodeStatus ipv4(byte[] b, int p, int cap, int rep) {
        if (cap - p < 1) {
            return DecodeStatus.MALFORMED;
        }
        int version = u8(b, p) >> 4;
        if (version == 6) {
            return ipv6(b, p, cap, rep); // Wireshark: "Bogus IPv4 version", then decodes it as IPv6
        }
        int ihl = (u8(b, p) & 0x0F) * 4;
        if (version != 4 || ihl < 20 || cap - p < 20) {
            return DecodeStatus.MALFORMED;
        }
        int totalLength = u16(b, p + 2);
        int available = rep - p;
        int ipLength;
        if (totalLength == 0) {
            ipLength = available; // TSO: the NIC fills the length in later; Wireshark takes the frame's
        } else if (totalLength < ihl) {
            return DecodeStatus.MALFORMED;
        } else {
            ipLength = Math.min(totalLength, available);
        }
        rep = p + ipLength;
        cap = Math.min(cap, rep);
        if (cap - p < ihl) {
            return DecodeStatus.MALFORMED;
        }
        TcpSegment s = out;
        s.ipVersion = 4;
        s.srcHi = 0;
        s.srcLo = IPV4_MAPPED_PREFIX | u32(b, p + 12);
        s.dstHi = 0;
        s.dstLo = IPV4_MAPPED_PREFIX | u32(b, p + 16);
        s.ttl = u8(b, p + 8);
        s.ipId = u16(b, p + 4);
        s.trafficClass = u8(b, p + 1);
        s.ipOptions = ihl > 20;
        int protocol = u8(b, p + 9);
        int flagsAndOffset = u16(b, p + 6);
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
        int fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        int payload = p + ihl;
        fragmentedPayload = false;
        s.ipFragment = moreFragments || fragmentOffset != 0;
        if (moreFragments || fragmentOffset != 0) {
            if (inErrorPacket || cap < rep || rep == payload || totalLength > available) {
                // Not reassembled (quoted, not all there, or empty): like Wireshark, decode a first
                // fragment's transport header without a length, and show later pieces as data.
                fragmentedPayload = true;
                return fragmentOffset == 0 ? ipPayload(protocol, b, payload, cap, rep) : DecodeStatus.NOT_TCP;
            }
            long id = ((long) protocol << 16) | s.ipId;
            int length = fragments.add(4, s.srcHi, s.srcLo, s.dstHi, s.dstLo, id, fragmentOffset, moreFragments,
                    b, payload, rep - payload);
            if (length < 0) {
                return DecodeStatus.NOT_TCP;
            }
            return ipPayload(protocol, fragments.completed(), 0, length, length);
        }
        return ipPayload(protocol, b, payload, cap, rep);
    }

    private DecodeStatus ipv6(byte[] b, int p, int cap, int rep) {
        if (cap - p < 40) {
            return DecodeStatus.MALFORMED;
        }
        if (u8(b, p) >> 4 != 6) {
            return DecodeStatus.MALFORMED;
        }
        int payloadLength = u16(b, p + 4);
        int available = rep - p - 40;
        // payload length 0 (TSO or a jumbogram) leaves Wireshark an empty payload: no TCP
        int ipPayloadLength = Math.min(payloadLength, available);
        rep = p + 40 + ipPayloadLength;
        cap = Math.min(cap, rep);
        TcpSegment s = out;
        s.ipVersion = 6;
        s.srcHi = u64(b, p + 8);
        s.srcLo = u64(b, p + 16);
        s.dstHi = u64(b, p + 24);
        s.dstLo = u64(b, p + 32);
        s.ttl = u8(b, p + 7);
        s.ipId = -1;
        s.trafficClass = (u16(b, p) >> 4) & 0xFF;
        s.ipOptions = false;
        s.ipFragment = false;
        fragmentedPayload = false;
        return ipv6Headers(u8(b, p + 6), b, p + 40, cap, rep);
    }

    /** IPv6 extension-header chain starting with next-header value {@code nh} at {@code p}. */
    private DecodeStatus ipv6Headers(int nh, byte[] b, int p, int cap, int rep) {
        while (true) {
            if (++depth > MAX_DEPTH) {
                return DecodeStatus.MALFORMED;
            }
            switch (nh) {
                case 0:  // hop-by-hop options
                case 60: // destination options
                    if (cap - p < 2) {
                        return DecodeStatus.MALFORMED;
                    }
                    int end = p + (u8(b, p + 1) + 1) * 8;
                    if (!optionsFit(b, p + 2, end, cap)) {
                        return DecodeStatus.MALFORMED; // Wireshark's option walk throws here
                    }
                    nh = u8(b, p);
                    p = end;
                    break;
                case 43: // routing
                    if (cap - p < 2) {
                        return DecodeStatus.MALFORMED;
                    }
                    nh = u8(b, p);
                    p += (u8(b, p + 1) + 1) * 8;
                    break;
                case 44: { // fragment
                    if (cap - p < 8) {
                        return DecodeStatus.MALFORMED;
                    }
                    int next = u8(b, p);
                    int field = u16(b, p + 2);
                    int fragmentOffset = field & 0xFFF8;
                    boolean more = (field & 1) != 0;
                    long id = u32(b, p + 4);
                    p += 8;
                    if (fragmentOffset == 0 && !more) {
                        nh = next; // atomic fragment: nothing to reassemble
                        break;
                    }
                    if (inErrorPacket || cap < rep || p > rep) {
                        return DecodeStatus.NOT_TCP; // unlike IPv4, a lone first fragment is not decoded further
                    }
                    TcpSegment s = out;
                    s.ipFragment = true;
                    int length = fragments.add(6, s.srcHi, s.srcLo, s.dstHi, s.dstLo, id, fragmentOffset, more,
                            b, p, rep - p);
                    if (length < 0) {
                        return DecodeStatus.NOT_TCP;
                    }
                    b = fragments.completed();
                    p = 0;
                    cap = length;
                    rep = length;
                    nh = next;
                    break;
                }
                case PROTO_AH:
                    if (cap - p < 2) {
                        return DecodeStatus.MALFORMED;
                    }
                    nh = u8(b, p);
                    p += (u8(b, p + 1) + 2) * 4;
                    break;
                case 59:  // no next header
                case 135: // mobility header: signalling only
                    return DecodeStatus.NOT_TCP;
                default:
                    return p > rep ? DecodeStatus.MALFORMED : ipPayload(nh, b, p, cap, rep);
            }
            if (p > rep) {
                return DecodeStatus.MALFORMED;
            }
        }
    }

    /**
     * Walks the type-length-value options of a hop-by-hop or destination-options header in [q, end) as
     * Wireshark does: an option may run past the header's end (an expert note there), but not past the
     * packet, where reading it throws and the frame is malformed.
     */
    private static boolean optionsFit(byte[] b, int q, int end, int cap) {
        while (q < end) {
            if (q >= cap) {
                return false;
            }
            if (u8(b, q) == 0) { // Pad1
                q++;
                continue;
            }
            if (q + 1 >= cap) {
                return false;
            }
            q += 2 + u8(b, q + 1);
            if (q > cap) {
                return false;
            }
        }
        return true;
    }

    private DecodeStatus ipPayload(int protocol, byte[] b, int p, int cap, int rep) {
        if (++depth > MAX_DEPTH) {
            return DecodeStatus.MALFORMED;
        }
        switch (protocol) {
            case PROTO_TCP:
                return tcp(b, p, cap, rep);
            case PROTO_ICMP:
                return icmp(b, p, cap, rep);
            case PROTO_ICMPV6:
                return icmpv6(b, p, cap, rep);
            case PROTO_IPIP:
                return ipv4(b, p, cap, rep);
            case PROTO_IPV6:
                return ipv6(b, p, cap, rep);
            case PROTO_GRE:
                return gre(b, p, cap, rep);
            case PROTO_UDP:
                return udp(b, p, cap, rep);
            case PROTO_AH:
                if (cap - p < 2) {
                    return DecodeStatus.MALFORMED;
                }
                return ipPayload(u8(b, p), b, p + (u8(b, p + 1) + 2) * 4, cap, rep);
            default:
                return DecodeStatus.NOT_TCP;
        }
    }

    /**
     * ICMP errors quote the offending datagram's IP header and the start of its payload; Wireshark decodes
     * the quote (destination unreachable, source quench, time exceeded, parameter problem). A redirect quotes
     * only 8 payload bytes in Wireshark's view, too few for a stream.
     */
    private DecodeStatus icmp(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.NOT_TCP;
        }
        int type = u8(b, p);
        switch (type) {
            case 3:
            case 4:
            case 11:
            case 12:
                if (type != 4) {
                    // RFC 4884: a non-zero length (32-bit words) of the original datagram, followed by
                    // extensions; Wireshark then limits the quote to the IP header plus that length
                    int words = u8(b, p + 5);
                    if (words > 0 && rep - p > 8 + words * 4) {
                        if (cap - p < 12) {
                            return DecodeStatus.MALFORMED;
                        }
                        if (u16(b, p + 10) > words * 4) {
                            rep = Math.min(rep, p + 8 + ((u8(b, p + 8) & 0x0F) + words) * 4);
                            cap = Math.min(cap, rep);
                        }
                    }
                }
                inErrorPacket = true;
                return ipv4(b, p + 8, cap, rep);
            default:
                return DecodeStatus.NOT_TCP;
        }
    }

    /** ICMPv6 errors: destination unreachable, packet too big, time exceeded, parameter problem. */
    private DecodeStatus icmpv6(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.NOT_TCP;
        }
        int type = u8(b, p);
        if (type < 1 || type > 4) {
            return DecodeStatus.NOT_TCP;
        }
        inErrorPacket = true;
        return ipv6(b, p + 8, cap, rep);
    }

    /** GRE (RFC 2784/2890) and PPTP's enhanced GRE (version 1, RFC 2637). */
    private DecodeStatus gre(byte[] b, int p, int cap, int rep) {
        if (cap - p < 4) {
            return DecodeStatus.MALFORMED;
        }
        int flags = u16(b, p);
        int protocol = u16(b, p + 2);
        int q = p + 4;
        // Wireshark reads the optional fields the flags announce, whatever the version number says
        if ((flags & 0xC000) != 0) {
            q += 4; // checksum and offset (present when either the checksum or the routing bit is set)
        }
        if ((flags & 0x2000) != 0) {
            q += 4; // key (PPTP: payload length and call id)
        }
        if ((flags & 0x1000) != 0) {
            q += 4; // sequence number
        }
        if ((flags & 0x0080) != 0 && (flags & 7) != 0 && protocol == ETH_PPP) {
            q += 4; // PPTP acknowledgement number (Wireshark: any non-zero version carrying PPP)
        }
        if ((flags & 0x4000) != 0) {
            // RFC 1701 source routing: entries until a null one (family 0, length 0)
            while (true) {
                if (cap - q < 4 || ++depth > MAX_DEPTH) {
                    return DecodeStatus.MALFORMED;
                }
                int family = u16(b, q);
                int length = u8(b, q + 3);
                q += 4 + length;
                if (family == 0 && length == 0) {
                    break;
                }
            }
        }
        if (q > cap) {
            return DecodeStatus.MALFORMED;
        }
        switch (protocol) {
            case ETH_TRANSPARENT_BRIDGING:
                return ethernet(b, q, cap, rep);
            case ETH_PPP:
                return pppHdlc(b, q, cap, rep);
            case ETH_ERSPAN2:
                // without a sequence number it is ERSPAN type I (no header), otherwise type II (8 bytes)
                return ethernet(b, (flags & 0x1000) != 0 ? q + 8 : q, cap, rep);
            case ETH_ERSPAN3:
                if (cap - q < 12) {
                    return DecodeStatus.MALFORMED;
                }
                // the O flag announces an 8-byte platform-specific subheader
                return ethernet(b, q + 12 + ((u8(b, q + 11) & 1) != 0 ? 8 : 0), cap, rep);
            default:
                return ethertype(protocol, b, q, cap, rep);
        }
    }

    /**
     * UDP tunnels that can carry TCP: VXLAN, Geneve, GTP-U, Teredo, by their registered ports. Wireshark tries
     * the lower port first; a well-known port below the tunnel's has its own dissector and wins.
     */
    private DecodeStatus udp(byte[] b, int p, int cap, int rep) {
        if (cap - p < 8) {
            return DecodeStatus.NOT_TCP;
        }
        int sport = u16(b, p);
        int dport = u16(b, p + 2);
        int length = u16(b, p + 4);
        if (length >= 8) {
            rep = Math.min(rep, p + length);
            cap = Math.min(cap, rep);
        } else if (length != 0 || out.ipVersion != 6) {
            return DecodeStatus.NOT_TCP; // bad length; only IPv6 allows 0 (jumbogram: the IP length rules)
        }
        int q = p + 8;
        if (isTunnelPort(UDP_VXLAN, sport, dport)) {
            return cap - q < 8 ? DecodeStatus.MALFORMED : ethernet(b, q + 8, cap, rep);
        }
        if (isTunnelPort(UDP_GENEVE, sport, dport)) {
            if (cap - q < 8) {
                return DecodeStatus.MALFORMED;
            }
            int start = q + 8 + (u8(b, q) & 0x3F) * 4;
            int protocol = u16(b, q + 2);
            return protocol == ETH_TRANSPARENT_BRIDGING ? ethernet(b, start, cap, rep)
                    : ethertype(protocol, b, start, cap, rep);
        }
        if (isTunnelPort(UDP_GTPU, sport, dport) || isTunnelPort(UDP_GTPC, sport, dport)) {
            return gtpUser(b, q, cap, rep);
        }
        if (isTunnelPort(UDP_TEREDO, sport, dport)) {
            return teredo(b, q, cap, rep);
        }
        return DecodeStatus.NOT_TCP;
    }

    private static boolean isTunnelPort(int tunnelPort, int sport, int dport) {
        if (sport == tunnelPort) {
            return dport >= tunnelPort || dport >= 1024;
        }
        return dport == tunnelPort && (sport >= tunnelPort || sport >= 1024);
    }

    /** Teredo (RFC 4380): optional authentication and origin indications, then an IPv6 packet. */
    private DecodeStatus teredo(byte[] b, int q, int cap, int rep) {
        if (cap - q >= 4 && u16(b, q) == 0x0001) {
            q += 4 + u8(b, q + 2) + u8(b, q + 3) + 9; // id and auth values, nonce, confirmation byte
        }
        if (cap - q >= 2 && u16(b, q) == 0x0000) {
            q += 8;
        }
        if (cap - q < 1 || u8(b, q) >> 4 != 6) {
            return DecodeStatus.NOT_TCP;
        }
        return ipv6(b, q, cap, rep);
    }

    /** GTP-U version 1 G-PDU: an IP packet after the header and its optional extension headers. */
    private DecodeStatus gtpUser(byte[] b, int q, int cap, int rep) {
        if (cap - q < 8) {
            return DecodeStatus.MALFORMED;
        }
        int flags = u8(b, q);
        if (flags >> 5 != 1 || (flags & 0x10) == 0 || u8(b, q + 1) != 0xFF) { // version 1, GTP (not GTP'), T-PDU
            return DecodeStatus.NOT_TCP;
        }
        rep = Math.min(rep, q + 8 + u16(b, q + 2)); // the length field counts what follows the first 8 bytes
        cap = Math.min(cap, rep);
        int p = q + 8;
        if ((flags & 0x07) != 0) {
            if (cap - p < 4) {
                return DecodeStatus.MALFORMED;
            }
            int nextExtension = (flags & 0x04) != 0 ? u8(b, p + 3) : 0;
            p += 4;
            while (nextExtension != 0) {
                if (cap - p < 1 || ++depth > MAX_DEPTH) {
                    return DecodeStatus.MALFORMED;
                }
                int units = u8(b, p);
                if (units == 0 || cap - p < units * 4) {
                    return DecodeStatus.MALFORMED;
                }
                nextExtension = u8(b, p + units * 4 - 1);
                p += units * 4;
            }
        }
        return rawIp(b, p, cap, rep);
    }

    private DecodeStatus tcp(byte[] b, int p, int cap, int rep) {
        // Wireshark knows no segment length for a quoted header or an unreassembled first fragment
        return TcpHeaderReader.read(b, p, cap, rep, inErrorPacket, !inErrorPacket && !fragmentedPayload, out);
    }
}

package io.ackwatch.decode;

import static io.ackwatch.decode.Packets.CLIENT;
import static io.ackwatch.decode.Packets.CLIENT6;
import static io.ackwatch.decode.Packets.SERVER;
import static io.ackwatch.decode.Packets.SERVER6;
import static io.ackwatch.decode.Packets.bytes;
import static io.ackwatch.decode.Packets.cat;
import static io.ackwatch.decode.Packets.eth;
import static io.ackwatch.decode.Packets.extensionHeader;
import static io.ackwatch.decode.Packets.fragmentHeader;
import static io.ackwatch.decode.Packets.gre;
import static io.ackwatch.decode.Packets.head;
import static io.ackwatch.decode.Packets.icmpError;
import static io.ackwatch.decode.Packets.ipv4;
import static io.ackwatch.decode.Packets.ipv6;
import static io.ackwatch.decode.Packets.llcSnap;
import static io.ackwatch.decode.Packets.mpls;
import static io.ackwatch.decode.Packets.pppoeSession;
import static io.ackwatch.decode.Packets.record;
import static io.ackwatch.decode.Packets.tcp;
import static io.ackwatch.decode.Packets.u16;
import static io.ackwatch.decode.Packets.u32;
import static io.ackwatch.decode.Packets.u32le;
import static io.ackwatch.decode.Packets.udp;
import static io.ackwatch.decode.Packets.vlan;
import static io.ackwatch.decode.Packets.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder on hand-built frames. Where Wireshark's behaviour is not obvious (lengths, truncation, ICMP
 * quotes, fragments), the expectation was checked against tshark 4.0.17 with the same bytes.
 */
class PacketDecoderTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();

    private static byte[] syn() {
        return tcp().build();
    }

    private static byte[] v4(byte[] tcpBytes) {
        return ipv4().payload(tcpBytes).build();
    }

    private static byte[] v6(byte[] tcpBytes) {
        return ipv6().payload(tcpBytes).build();
    }

    private DecodeStatus decode(LinkType type, byte[] frame) {
        return decoder.decode(record(type, frame), segment);
    }

    private DecodeStatus decode(LinkType type, byte[] frame, long originalLength) {
        return decoder.decode(record(type, frame, originalLength), segment);
    }

    /** Decodes, expects TCP and returns "src:port > dst:port". */
    private String tcpEndpoints(LinkType type, byte[] frame) {
        assertThat(decode(type, frame)).isEqualTo(DecodeStatus.TCP);
        return segment.srcAddressText() + ":" + segment.srcPort() + " > " + segment.dstAddressText() + ":"
                + segment.dstPort();
    }

    private static final String V4_FLOW = CLIENT + ":40000 > " + SERVER + ":9100";
    private static final String V6_FLOW = CLIENT6 + ":40000 > " + SERVER6 + ":9100";

    @Nested
    class LinkLayers {
        @Test
        void ethernetIpv4() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x0800, v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(segment.ipVersion()).isEqualTo(4);
        }

        @Test
        void ethernetIpv6() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x86DD, v6(syn())))).isEqualTo(V6_FLOW);
            assertThat(segment.ipVersion()).isEqualTo(6);
        }

        @Test
        void bsdNullFamilyInEitherByteOrder() {
            assertThat(tcpEndpoints(LinkType.NULL, cat(u32le(2), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.NULL, cat(u32(2), v4(syn())))).isEqualTo(V4_FLOW);
            for (int family : new int[] {24, 28, 30}) {
                assertThat(tcpEndpoints(LinkType.NULL, cat(u32le(family), v6(syn())))).isEqualTo(V6_FLOW);
                assertThat(tcpEndpoints(LinkType.NULL, cat(u32(family), v6(syn())))).isEqualTo(V6_FLOW);
            }
        }

        @Test
        void bsdNullWithAnEthertypeOrPppOrUnknownFamily() {
            assertThat(tcpEndpoints(LinkType.NULL, cat(u32le(0x0800), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.NULL, cat(bytes(0xFF, 0x03, 0x00, 0x21), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(decode(LinkType.NULL, cat(u32le(7), v4(syn())))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void loopIsNetworkByteOrderOnly() {
            assertThat(tcpEndpoints(LinkType.LOOP, cat(u32(2), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.LOOP, cat(u32(30), v6(syn())))).isEqualTo(V6_FLOW);
            assertThat(decode(LinkType.LOOP, cat(u32le(2), v4(syn())))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @ParameterizedTest
        @ValueSource(ints = {101, 12, 14})
        void rawIpByVersionNibble(int dlt) {
            LinkType raw = LinkType.fromCode(dlt);
            assertThat(tcpEndpoints(raw, v4(syn()))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(raw, v6(syn()))).isEqualTo(V6_FLOW);
        }

        @Test
        void ipv4AndIpv6LinkTypes() {
            assertThat(tcpEndpoints(LinkType.IPV4, v4(syn()))).isEqualTo(V4_FLOW);
            // tshark's IPv4 dissector hands a version-6 header on to IPv6, not the other way round
            assertThat(tcpEndpoints(LinkType.IPV4, v6(syn()))).isEqualTo(V6_FLOW);
            assertThat(tcpEndpoints(LinkType.IPV6, v6(syn()))).isEqualTo(V6_FLOW);
            assertThat(decode(LinkType.IPV6, v4(syn()))).isEqualTo(DecodeStatus.MALFORMED);
        }

        @Test
        void pppWithOptionalAddressControlAndCompressedProtocol() {
            assertThat(tcpEndpoints(LinkType.PPP, cat(bytes(0xFF, 0x03, 0x00, 0x21), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.PPP, cat(bytes(0x00, 0x21), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.PPP, cat(bytes(0x21), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.PPP, cat(bytes(0xFF, 0x03, 0x00, 0x57), v6(syn())))).isEqualTo(V6_FLOW);
            assertThat(tcpEndpoints(LinkType.PPP_HDLC, cat(bytes(0xFF, 0x03, 0x00, 0x21), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(decode(LinkType.PPP, bytes(0xFF, 0x03, 0xC0, 0x21, 1, 1, 0, 4))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void linuxCookedV1AndV2() {
            byte[] sll = cat(u16(0), u16(1), u16(6), zeros(8), u16(0x0800));
            assertThat(tcpEndpoints(LinkType.LINUX_SLL, cat(sll, v4(syn())))).isEqualTo(V4_FLOW);
            byte[] sllVlan = cat(u16(0), u16(1), u16(6), zeros(8), u16(0x8100));
            assertThat(tcpEndpoints(LinkType.LINUX_SLL, cat(sllVlan, vlan(3, 0x0800, v4(syn()))))).isEqualTo(V4_FLOW);
            byte[] netlink = cat(u16(0), u16(824), u16(0), zeros(8), u16(0x0800));
            assertThat(decode(LinkType.LINUX_SLL, cat(netlink, v4(syn())))).isEqualTo(DecodeStatus.NOT_TCP);
            byte[] sll2 = cat(u16(0x86DD), u16(0), u32(1), u16(1), bytes(0, 6), zeros(8));
            assertThat(tcpEndpoints(LinkType.LINUX_SLL2, cat(sll2, v6(syn())))).isEqualTo(V6_FLOW);
        }

        private byte[] tlv(int type, byte[] value) {
            int padding = (4 - value.length % 4) % 4;
            return cat(bytes(4 + value.length, (4 + value.length) >> 8, type, 0), value, zeros(padding));
        }

        @Test
        void nflogPayloadTlvByFamily() {
            byte[] header = tlv(1, bytes(0x08, 0x00, 3, 0));
            byte[] prefix = tlv(10, bytes('x', 0));
            assertThat(tcpEndpoints(LinkType.NFLOG, cat(bytes(2, 0, 0, 1), header, prefix, tlv(9, v4(syn())))))
                    .isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.NFLOG, cat(bytes(10, 0, 0, 1), tlv(9, v6(syn()))))).isEqualTo(V6_FLOW);
            // bridge family: the packet header's hardware protocol says what the payload is
            assertThat(tcpEndpoints(LinkType.NFLOG, cat(bytes(7, 0, 0, 1), header, tlv(9, v4(syn())))))
                    .isEqualTo(V4_FLOW);
            assertThat(decode(LinkType.NFLOG, cat(bytes(0, 0, 0, 1), tlv(9, v4(syn()))))).isEqualTo(DecodeStatus.NOT_TCP);
            // the hardware protocol wins over the family
            byte[] ipv6Header = tlv(1, bytes(0x86, 0xDD, 3, 0));
            assertThat(tcpEndpoints(LinkType.NFLOG, cat(bytes(2, 0, 0, 1), ipv6Header, tlv(9, v6(syn())))))
                    .isEqualTo(V6_FLOW);
            // tshark gives up on a TLV it cannot read whole, before it looks at the payload
            byte[] whole = cat(bytes(2, 0, 0, 1), header, tlv(9, v4(syn())));
            assertThat(decoder.decode(record(LinkType.NFLOG, head(whole, whole.length - 6), whole.length), segment))
                    .isNotEqualTo(DecodeStatus.TCP);
            assertThat(decode(LinkType.NFLOG, cat(bytes(2, 0, 0, 1), bytes(2, 0, 9, 0), v4(syn()))))
                    .isEqualTo(DecodeStatus.MALFORMED);
        }

        @Test
        void ciscoHdlcAndPppoeWithoutEthernet() {
            assertThat(tcpEndpoints(LinkType.C_HDLC, cat(bytes(0x0F, 0, 0x08, 0x00), v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.PPP_ETHER, pppoeSession(0x0021, v4(syn())))).isEqualTo(V4_FLOW);
        }

        @Test
        void unknownLinkTypeAndEmptyFrames() {
            assertThat(decode(LinkType.UNKNOWN, eth(0x0800, v4(syn())))).isEqualTo(DecodeStatus.UNSUPPORTED_LINK);
            assertThat(decode(LinkType.ETHERNET, new byte[0])).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.ETHERNET, eth(0x0806, zeros(28)))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void recordOffsetIntoALargerBuffer() {
            byte[] frame = eth(0x0800, v4(syn()));
            byte[] buffer = cat(bytes(9, 9, 9), frame, bytes(7, 7));
            PacketRecord r = new PacketRecord();
            r.set(1, 0, 1, LinkType.ETHERNET, 0, 0, frame.length, frame.length, buffer, 3, 0);
            assertThat(decoder.decode(r, segment)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.srcPort()).isEqualTo(40000);
        }
    }

    @Nested
    class EthernetEncapsulations {
        @Test
        void vlanQinqAndStackedTags() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8100, vlan(10, 0x0800, v4(syn()))))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x88A8, vlan(10, 0x8100, vlan(20, 0x0800, v4(syn()))))))
                    .isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x9100, vlan(10, 0x8100, vlan(20, 0x86DD, v6(syn()))))))
                    .isEqualTo(V6_FLOW);
            byte[] three = vlan(1, 0x8100, vlan(2, 0x8100, vlan(3, 0x0800, v4(syn()))));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8100, three))).isEqualTo(V4_FLOW);
        }

        @Test
        void ieee8023LengthWithLlcSnap() {
            byte[] snap = llcSnap(0x0800, v4(syn()));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(snap.length, snap))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8100, vlan(5, snap.length, snap)))).isEqualTo(V4_FLOW);
            byte[] stp = cat(bytes(0x42, 0x42, 0x03), v4(syn()));
            assertThat(decode(LinkType.ETHERNET, eth(stp.length, stp))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void mplsLabelStacks() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8847, mpls(16, true, v4(syn()))))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8847, mpls(16, false, mpls(17, true, v6(syn()))))))
                    .isEqualTo(V6_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8848, mpls(16, true, v4(syn()))))).isEqualTo(V4_FLOW);
        }

        @Test
        void mplsPseudowireWithControlWordCarriesEthernet() {
            byte[] pw = cat(zeros(4), eth(0x0800, ipv4().src("192.168.1.1").payload(syn()).build()));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8847, mpls(16, true, pw))))
                    .isEqualTo("192.168.1.1:40000 > " + SERVER + ":9100");
            assertThat(decode(LinkType.ETHERNET, eth(0x8847, mpls(16, true, cat(bytes(0x10, 0, 0, 0), v4(syn()))))))
                    .isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void pppoeSessions() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8864, pppoeSession(0x0021, v4(syn()))))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8864, pppoeSession(0x0057, v6(syn()))))).isEqualTo(V6_FLOW);
            byte[] qinqPppoe = vlan(1, 0x8100, vlan(2, 0x8864, pppoeSession(0x0021, v4(syn()))));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8100, qinqPppoe))).isEqualTo(V4_FLOW);
            // the PPPoE length bounds the frame: 0 leaves no room for IP
            byte[] empty = cat(bytes(0x11, 0), u16(1), u16(0), u16(0x0021), v4(syn()));
            assertThat(decode(LinkType.ETHERNET, eth(0x8864, empty))).isEqualTo(DecodeStatus.MALFORMED);
        }

        @Test
        void ciscoMetadata() {
            byte[] cmd = cat(bytes(1, 0, 0, 4, 0, 0), u16(0x0800));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x8909, cat(cmd, v4(syn()))))).isEqualTo(V4_FLOW);
        }
    }

    @Nested
    class Tunnels {
        private byte[] outer(int protocol, byte[] payload) {
            return eth(0x0800, ipv4().src("192.0.2.1").dst("192.0.2.2").protocol(protocol).payload(payload).build());
        }

        @Test
        void greWithOptionalFields() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, gre(0, 0x0800, new byte[0], v4(syn())))))
                    .isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, gre(0xB000, 0x0800, zeros(12), v4(syn())))))
                    .isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, gre(0x2000, 0x86DD, zeros(4), v6(syn())))))
                    .isEqualTo(V6_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, gre(0, 0x6558, new byte[0], eth(0x0800, v4(syn()))))))
                    .isEqualTo(V4_FLOW);
        }

        @Test
        void pptpEnhancedGreCarriesPpp() {
            byte[] withSeqAndAck = gre(0x3081, 0x880B, zeros(12), cat(bytes(0xFF, 0x03, 0x00, 0x21), v4(syn())));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, withSeqAndAck))).isEqualTo(V4_FLOW);
            byte[] compressed = gre(0x2001, 0x880B, zeros(4), cat(bytes(0x21), v4(syn())));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, compressed))).isEqualTo(V4_FLOW);
        }

        @Test
        void erspanTypeTwo() {
            byte[] erspan = gre(0x1000, 0x88BE, zeros(4), cat(zeros(8), eth(0x0800, v4(syn()))));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(47, erspan))).isEqualTo(V4_FLOW);
        }

        @Test
        void udpTunnels() {
            byte[] vxlan = udp(40000, 4789, cat(bytes(0x08, 0, 0, 0, 0, 0, 1, 0), eth(0x0800, v4(syn()))));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(17, vxlan))).isEqualTo(V4_FLOW);
            byte[] geneve = udp(40000, 6081, cat(bytes(0x01, 0, 0x65, 0x58, 0, 0, 1, 0), zeros(4), eth(0x0800, v4(syn()))));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(17, geneve))).isEqualTo(V4_FLOW);
            byte[] inner = v4(syn());
            byte[] gtp = udp(2152, 2152, cat(bytes(0x30, 0xFF), u16(inner.length), u32(1), inner));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(17, gtp))).isEqualTo(V4_FLOW);
            byte[] gtpPrime = udp(2152, 2152, cat(bytes(0x20, 0xFF), u16(inner.length), u32(1), inner));
            assertThat(decode(LinkType.ETHERNET, outer(17, gtpPrime))).isEqualTo(DecodeStatus.NOT_TCP);
            byte[] teredo = udp(40000, 3544, cat(bytes(0, 0), zeros(6), v6(syn())));
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(17, teredo))).isEqualTo(V6_FLOW);
            byte[] dns = udp(53, 4789, cat(bytes(0x08, 0, 0, 0, 0, 0, 1, 0), eth(0x0800, v4(syn()))));
            assertThat(decode(LinkType.ETHERNET, outer(17, dns))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void ipInIpTheInnermostHeaderGivesTheAddresses() {
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(4, v4(syn())))).isEqualTo(V4_FLOW);
            assertThat(tcpEndpoints(LinkType.ETHERNET, outer(41, v6(syn())))).isEqualTo(V6_FLOW);
            byte[] sixInSix = ipv6().src("2001:db8::a").dst("2001:db8::b").nextHeader(41).payload(v6(syn())).build();
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x86DD, sixInSix))).isEqualTo(V6_FLOW);
            byte[] fourInSix = ipv6().src("2001:db8::a").dst("2001:db8::b").nextHeader(4).payload(v4(syn())).build();
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x86DD, fourInSix))).isEqualTo(V4_FLOW);
            assertThat(segment.ttl()).isEqualTo(64);
        }

        @Test
        void authenticationHeaderInIpv4() {
            byte[] ah = cat(bytes(6, 4, 0, 0), u32(1), u32(1), zeros(12));
            assertThat(tcpEndpoints(LinkType.ETHERNET, eth(0x0800, ipv4().protocol(51).payload(cat(ah, syn())).build())))
                    .isEqualTo(V4_FLOW);
        }

        @Test
        void nestingDepthIsBounded() {
            byte[] packet = v4(syn());
            for (int i = 0; i < 100; i++) {
                packet = ipv4().protocol(4).payload(packet).build();
                if (packet.length > 60000) {
                    break;
                }
            }
            assertThat(decode(LinkType.RAW, packet)).isEqualTo(DecodeStatus.MALFORMED);
        }
    }

    @Nested
    class Ipv4Headers {
        @Test
        void optionsAreSkipped() {
            byte[] ip = ipv4().options(bytes(0x01, 0x01, 0x01, 0x00)).payload(tcp().payload("hello").build()).build();
            assertThat(tcpEndpoints(LinkType.RAW, ip)).isEqualTo(V4_FLOW);
            assertThat(segment.payloadLength()).isEqualTo(5);
            byte[] badOption = ipv4().options(bytes(0x44, 0x09, 0x01, 0x01)).payload(syn()).build();
            assertThat(decode(LinkType.RAW, badOption)).isEqualTo(DecodeStatus.TCP);
        }

        @Test
        void totalLengthZeroMeansTsoAndUsesTheFrame() {
            byte[] frame = eth(0x0800, ipv4().totalLength(0).payload(tcp().payload("hello").build()).build());
            assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(5);
            assertThat(decode(LinkType.ETHERNET, frame, frame.length + 100)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(105);
        }

        @Test
        void totalLengthIsClampedToTheReportedFrame() {
            byte[] tooLong = eth(0x0800, ipv4().totalLength(500).payload(tcp().payload("hello").build()).build());
            assertThat(decode(LinkType.ETHERNET, tooLong)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(5);
            // snaplen-cut frame: tcp.len follows the IP header, the captured payload what is there
            assertThat(decode(LinkType.ETHERNET, tooLong, 600)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(460);
            assertThat(segment.capturedPayloadLength()).isEqualTo(5);
        }

        @Test
        void ethernetPaddingIsNotPayload() {
            byte[] frame = cat(eth(0x0800, v4(tcp().flags(TcpSegment.ACK).build())), zeros(6));
            assertThat(decode(LinkType.ETHERNET, frame)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isZero();
            assertThat(segment.capturedPayloadLength()).isZero();
        }

        @Test
        void bogusHeaderOrTotalLength() {
            assertThat(decode(LinkType.RAW, ipv4().totalLength(10).payload(syn()).build())).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.RAW, ipv4().ihl(4).payload(syn()).build())).isEqualTo(DecodeStatus.MALFORMED);
            // total length ends inside the TCP header: fewer than 16 bytes, no stream
            assertThat(decode(LinkType.RAW, ipv4().totalLength(30).payload(syn()).build())).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.RAW, ipv4().totalLength(36).payload(syn()).build())).isEqualTo(DecodeStatus.TCP);
        }

        @Test
        void ipIdAndTtl() {
            assertThat(decode(LinkType.RAW, ipv4().id(0xBEEF).ttl(3).payload(syn()).build())).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.ipId()).isEqualTo(0xBEEF);
            assertThat(segment.ttl()).isEqualTo(3);
        }

        @Test
        void ipv4AddressesUseTheMappedForm() {
            assertThat(decode(LinkType.RAW, ipv4().src("192.168.1.200").payload(syn()).build())).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.srcHi()).isZero();
            assertThat(segment.srcLo()).isEqualTo(0xFFFF_C0A8_01C8L);
            assertThat(segment.srcAddressText()).isEqualTo("192.168.1.200");
        }
    }

    @Nested
    class Ipv6Headers {
        @Test
        void extensionHeaderChain() {
            byte[] chain = cat(extensionHeader(43, bytes(1, 2, 0, 0)), extensionHeader(60, bytes(1, 2, 0, 0)),
                    extensionHeader(6, bytes(1, 4, 0, 0, 0, 0)), syn());
            assertThat(tcpEndpoints(LinkType.RAW, ipv6().nextHeader(0).payload(chain).build())).isEqualTo(V6_FLOW);
        }

        @Test
        void routingTypeZeroKeepsTheHeaderDestination() {
            byte[] rt0 = cat(bytes(6, 2, 0, 1, 0, 0, 0, 0), Packets.address("2001:db8::99"));
            assertThat(tcpEndpoints(LinkType.RAW, ipv6().nextHeader(43).payload(cat(rt0, syn())).build()))
                    .isEqualTo(V6_FLOW);
        }

        @Test
        void authenticationHeaderAndAtomicFragment() {
            byte[] ah = cat(bytes(6, 4, 0, 0), u32(1), u32(1), zeros(12));
            assertThat(tcpEndpoints(LinkType.RAW, ipv6().nextHeader(51).payload(cat(ah, syn())).build())).isEqualTo(V6_FLOW);
            byte[] atomic = cat(fragmentHeader(6, 0, false, 77), syn());
            assertThat(tcpEndpoints(LinkType.RAW, ipv6().nextHeader(44).payload(atomic).build())).isEqualTo(V6_FLOW);
        }

        @Test
        void mobilityHeaderHasNoTransport() {
            byte[] mobility = cat(bytes(59, 1, 5, 0), zeros(12));
            assertThat(decode(LinkType.RAW, ipv6().nextHeader(135).payload(mobility).build())).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void payloadLengthBoundsTheSegment() {
            byte[] data = tcp().payload("hello").build();
            assertThat(decode(LinkType.RAW, ipv6().payloadLength(0).payload(data).build())).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.RAW, ipv6().payloadLength(500).payload(data).build())).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(5);
            assertThat(decode(LinkType.RAW, ipv6().payloadLength(22).payload(data).build())).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(2);
        }

        @Test
        void addressesAsTwoLongs() {
            assertThat(decode(LinkType.RAW, ipv6().src("2001:db8:1:2:3:4:5:6").payload(syn()).build()))
                    .isEqualTo(DecodeStatus.TCP);
            assertThat(segment.srcHi()).isEqualTo(0x2001_0db8_0001_0002L);
            assertThat(segment.srcLo()).isEqualTo(0x0003_0004_0005_0006L);
            assertThat(segment.ipId()).isEqualTo(-1);
        }
    }

    @Nested
    class IcmpQuotes {
        private byte[] quotedV4(int k) {
            byte[] inner = ipv4().src(CLIENT).dst(SERVER).payload(tcp().payload(new byte[100]).build()).build();
            return head(inner, 20 + k);
        }

        private byte[] icmpFrame(int type, byte[] quoted) {
            return eth(0x0800, ipv4().src("10.9.9.9").dst(CLIENT).protocol(1).payload(icmpError(type, 1, quoted)).build());
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 4, 11, 12})
        void errorsQuoteTheOffendingSegment(int type) {
            assertThat(tcpEndpoints(LinkType.ETHERNET, icmpFrame(type, quotedV4(20)))).isEqualTo(V4_FLOW);
            assertThat(segment.icmpQuoted()).isTrue();
            assertThat(segment.has(TcpSegment.SYN)).isTrue();
            assertThat(segment.segmentLengthKnown()).isFalse();
            assertThat(segment.payloadLength()).isZero();
            assertThat(segment.capturedPayloadLength()).isZero();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 5, 8, 13})
        void otherTypesQuoteNothingTsharkStreams(int type) {
            assertThat(decode(LinkType.ETHERNET, icmpFrame(type, quotedV4(20)))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void sixteenQuotedTcpBytesAreNeeded() {
            assertThat(decode(LinkType.ETHERNET, icmpFrame(3, quotedV4(8)))).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.ETHERNET, icmpFrame(3, quotedV4(15)))).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(decode(LinkType.ETHERNET, icmpFrame(3, quotedV4(16)))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.headerTruncated()).isTrue();
        }

        @Test
        void quotedFragmentsOnlyTheFirst() {
            byte[] first = head(ipv4().fragment(0, true).payload(tcp().payload(new byte[100]).build()).build(), 40);
            assertThat(decode(LinkType.ETHERNET, icmpFrame(3, first))).isEqualTo(DecodeStatus.TCP);
            byte[] later = head(ipv4().fragment(128, false).payload(tcp().payload(new byte[100]).build()).build(), 40);
            assertThat(decode(LinkType.ETHERNET, icmpFrame(3, later))).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void icmpv6Errors() {
            byte[] quoted = head(v6(tcp().payload(new byte[50]).build()), 60);
            for (int type = 1; type <= 4; type++) {
                byte[] frame = eth(0x86DD, ipv6().src("2001:db8::7").dst(CLIENT6).nextHeader(58)
                        .payload(icmpError(type, 0, quoted)).build());
                assertThat(tcpEndpoints(LinkType.ETHERNET, frame)).isEqualTo(V6_FLOW);
                assertThat(segment.icmpQuoted()).isTrue();
            }
            byte[] echo = eth(0x86DD, ipv6().nextHeader(58).payload(icmpError(128, 0, quoted)).build());
            assertThat(decode(LinkType.ETHERNET, echo)).isEqualTo(DecodeStatus.NOT_TCP);
            byte[] fragment = head(ipv6().nextHeader(44)
                    .payload(cat(fragmentHeader(6, 0, true, 9), tcp().payload(new byte[50]).build())).build(), 68);
            byte[] quotedFragment = eth(0x86DD, ipv6().nextHeader(58).payload(icmpError(1, 0, fragment)).build());
            assertThat(decode(LinkType.ETHERNET, quotedFragment)).isEqualTo(DecodeStatus.NOT_TCP);
        }

        @Test
        void theQuoteStaysQuotedThroughTunnels() {
            byte[] vxlan = ipv4().protocol(17)
                    .payload(udp(40000, 4789, cat(bytes(0x08, 0, 0, 0, 0, 0, 1, 0), eth(0x0800, v4(syn()))))).build();
            assertThat(tcpEndpoints(LinkType.ETHERNET, icmpFrame(3, vxlan))).isEqualTo(V4_FLOW);
            assertThat(segment.icmpQuoted()).isTrue();
        }
    }

    @Nested
    class TcpHeaders {
        @Test
        void fixedFields() {
            byte[] t = tcp().ports(515, 721).seq(0xFFFF_FFF0L).ack(0x8000_0001L)
                    .flags(0x100 | TcpSegment.ACK | TcpSegment.PSH).window(0xFFFF).payload("abc").build();
            assertThat(decode(LinkType.RAW, v4(t))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.srcPort()).isEqualTo(515);
            assertThat(segment.dstPort()).isEqualTo(721);
            assertThat(segment.seq()).isEqualTo(0xFFFF_FFF0L);
            assertThat(segment.ack()).isEqualTo(0x8000_0001L);
            assertThat(segment.flags()).isEqualTo(0x118);
            assertThat(segment.has(TcpSegment.SYN)).isFalse();
            assertThat(segment.window()).isEqualTo(0xFFFF);
            assertThat(segment.headerLength()).isEqualTo(20);
            assertThat(segment.payloadLength()).isEqualTo(3);
            assertThat(segment.capturedPayloadLength()).isEqualTo(3);
            assertThat(new String(segment.data(), segment.payloadOffset(), 3, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("abc");
            assertThat(segment.headerTruncated()).isFalse();
            assertThat(segment.segmentLengthKnown()).isTrue();
            assertThat(segment.icmpQuoted()).isFalse();
        }

        @Test
        void synOptions() {
            byte[] options = cat(bytes(2, 4), u16(1460), bytes(4, 2), bytes(8, 10), u32(1), u32(0), bytes(1), bytes(3, 3, 7));
            assertThat(decode(LinkType.RAW, v4(tcp().options(options).build()))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.mss()).isEqualTo(1460);
            assertThat(segment.sackPermitted()).isTrue();
            assertThat(segment.timestamps()).isTrue();
            assertThat(segment.windowScale()).isEqualTo(7);
            assertThat(segment.headerLength()).isEqualTo(40);
        }

        @Test
        void optionParsingStopsAtAMalformedLength() {
            byte[] options = cat(bytes(2, 4), u16(536), bytes(8, 0), zeros(2), bytes(3, 3, 9, 0));
            assertThat(decode(LinkType.RAW, v4(tcp().options(options).build()))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.mss()).isEqualTo(536);
            assertThat(segment.windowScale()).isEqualTo(-1);
            byte[] overrun = cat(bytes(3, 3, 2), bytes(2, 40, 0, 0, 0));
            assertThat(decode(LinkType.RAW, v4(tcp().options(overrun).build()))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.windowScale()).isEqualTo(2);
            assertThat(segment.mss()).isEqualTo(-1);
        }

        @Test
        void sixteenCapturedBytesGiveAStream() {
            byte[] frame = eth(0x0800, v4(tcp().payload("hello").build()));
            for (int k = 0; k < 16; k++) {
                assertThat(decode(LinkType.ETHERNET, head(frame, 34 + k), frame.length)).as("%d TCP bytes", k)
                        .isNotEqualTo(DecodeStatus.TCP);
            }
            for (int k = 16; k <= 20; k++) {
                assertThat(decode(LinkType.ETHERNET, head(frame, 34 + k), frame.length)).isEqualTo(DecodeStatus.TCP);
                assertThat(segment.payloadLength()).isEqualTo(5);
                assertThat(segment.capturedPayloadLength()).isZero();
                assertThat(segment.headerTruncated()).isEqualTo(k < 20);
            }
        }

        @Test
        void optionsCutBySnaplen() {
            byte[] options = cat(bytes(2, 4), u16(1460), bytes(1, 1), bytes(8, 10), u32(1), u32(0), bytes(1, 3, 3, 7));
            byte[] frame = eth(0x0800, v4(tcp().options(options).build()));
            assertThat(decode(LinkType.ETHERNET, head(frame, 14 + 20 + 28), frame.length)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.headerTruncated()).isTrue();
            assertThat(segment.mss()).isEqualTo(1460);
            assertThat(segment.timestamps()).isFalse();
        }

        @Test
        void dataOffsetBelowFiveIsBogusButKeepsTheStream() {
            assertThat(decode(LinkType.RAW, v4(tcp().dataOffset(4).payload("hello").build()))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.headerLength()).isEqualTo(16);
            assertThat(segment.headerTruncated()).isTrue();
            assertThat(segment.payloadLength()).isEqualTo(9); // tshark: reported length minus the bogus header
            assertThat(segment.segmentLengthKnown()).isTrue();
            assertThat(segment.capturedPayloadLength()).isZero();
        }

        @Test
        void headerLongerThanTheIpPayloadIsAShortSegment() {
            assertThat(decode(LinkType.RAW, v4(tcp().dataOffset(7).build()))).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.headerTruncated()).isTrue();
            assertThat(segment.segmentLengthKnown()).isFalse();
            assertThat(segment.payloadLength()).isZero();
            assertThat(segment.capturedPayloadLength()).isZero();
        }

        @Test
        void aFailedDecodeLeavesNothingBehind() {
            assertThat(decode(LinkType.RAW, v4(syn()))).isEqualTo(DecodeStatus.TCP);
            assertThat(decode(LinkType.RAW, ipv4().protocol(17).payload(udp(1, 2, zeros(4))).build()))
                    .isEqualTo(DecodeStatus.NOT_TCP);
            assertThat(segment.srcPort()).isZero();
            assertThat(segment.ipVersion()).isZero();
            assertThat(segment.data()).isNull();
        }
    }
}

package io.ackwatch.decode;

import static io.ackwatch.decode.Packets.amsduSubframe;
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
import static io.ackwatch.decode.Packets.mpls;
import static io.ackwatch.decode.Packets.pppoeSession;
import static io.ackwatch.decode.Packets.radiotap;
import static io.ackwatch.decode.Packets.slice;
import static io.ackwatch.decode.Packets.tcp;
import static io.ackwatch.decode.Packets.u16;
import static io.ackwatch.decode.Packets.u32;
import static io.ackwatch.decode.Packets.u32le;
import static io.ackwatch.decode.Packets.udp;
import static io.ackwatch.decode.Packets.vlan;
import static io.ackwatch.decode.Packets.wlanData;
import static io.ackwatch.decode.Packets.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage in, a status out: random bytes under every link type, and valid frames of every kind cut short,
 * with flipped bytes and with lying original lengths. The decoder must never throw, and what it reports
 * for TCP must stay inside the frame.
 */
class DecoderRobustnessTest {
    private record Template(LinkType type, byte[] frame) {}

    private static final List<Template> TEMPLATES = templates();

    private static List<Template> templates() {
        byte[] options = cat(bytes(2, 4), u16(1460), bytes(4, 2, 8, 10), u32(1), u32(0), bytes(1, 3, 3, 7));
        byte[] seg = tcp().options(options).payload("GET / HTTP/1.1\r\n").build();
        byte[] v4 = ipv4().options(bytes(1, 1, 1, 0)).payload(seg).build();
        byte[] v6 = ipv6().nextHeader(0).payload(cat(extensionHeader(60, bytes(1, 2, 0, 0)),
                extensionHeader(6, bytes(1, 4, 0, 0, 0, 0)), seg)).build();
        byte[] quoted = ipv4().protocol(1).payload(icmpError(3, 3, Arrays.copyOf(v4, 48))).build();
        byte[] quoted6 = ipv6().nextHeader(58).payload(icmpError(1, 0, Arrays.copyOf(v6, 90))).build();
        byte[] fragment = ipv4().id(7).fragment(0, true).payload(Arrays.copyOf(seg, 24)).build();
        byte[] fragment6 = ipv6().nextHeader(44).payload(cat(fragmentHeader(6, 0, true, 3), Arrays.copyOf(seg, 24))).build();
        byte[] tail = ipv4().id(7).fragment(24, false).payload(Arrays.copyOfRange(seg, 24, seg.length)).build();
        byte[] greOuter = ipv4().protocol(47).payload(gre(0x3081, 0x880B, zeros(12), cat(bytes(0xFF, 3, 0, 0x21), v4))).build();
        byte[] vxlan = ipv4().protocol(17).payload(udp(40000, 4789, cat(bytes(8, 0, 0, 0, 0, 0, 1, 0), eth(0x0800, v4)))).build();
        byte[] gtp = ipv4().protocol(17).payload(udp(2152, 2152, cat(bytes(0x34, 0xFF), u16(v6.length + 4), u32(1),
                bytes(0, 0, 0, 0x85, 1, 0, 1, 0), v6))).build();
        byte[] snap = cat(bytes(0xAA, 0xAA, 3, 0, 0, 0, 8, 0), v4);
        byte[] fcs = bytes(1, 2, 3, 4);
        byte[] qosData = wlanData(8, 1, bytes(0, 0), snap);
        byte[] amsdu = wlanData(8, 1, bytes(0x80, 0), cat(amsduSubframe(bytes(0x42, 0x42, 3)), amsduSubframe(snap)));
        byte[] nflogTlv = cat(bytes(4 + v4.length, (4 + v4.length) >> 8, 9, 0), v4, zeros((4 - v4.length % 4) % 4));
        return List.of(
                new Template(LinkType.ETHERNET, eth(0x0800, v4)),
                new Template(LinkType.ETHERNET, eth(0x86DD, v6)),
                new Template(LinkType.ETHERNET, eth(0x8100, vlan(1, 0x88A8, vlan(2, 0x8864, pppoeSession(0x57, v6))))),
                new Template(LinkType.ETHERNET, eth(0x8847, mpls(3, false, mpls(4, true, cat(zeros(4), eth(0x0800, v4)))))),
                new Template(LinkType.ETHERNET, eth(0x0800, quoted)),
                new Template(LinkType.ETHERNET, eth(0x86DD, quoted6)),
                new Template(LinkType.ETHERNET, eth(0x0800, fragment)),
                new Template(LinkType.ETHERNET, eth(0x0800, tail)),
                new Template(LinkType.ETHERNET, eth(0x86DD, fragment6)),
                new Template(LinkType.ETHERNET, eth(0x0800, greOuter)),
                new Template(LinkType.ETHERNET, eth(0x0800, vxlan)),
                new Template(LinkType.ETHERNET, eth(0x0800, gtp)),
                new Template(LinkType.ETHERNET, eth(v4.length + 8, cat(bytes(0xAA, 0xAA, 3, 0, 0, 0, 8, 0), v4))),
                new Template(LinkType.NULL, cat(u32le(2), v4)),
                new Template(LinkType.LOOP, cat(u32(30), v6)),
                new Template(LinkType.RAW, v6),
                new Template(LinkType.IPV4, v4),
                new Template(LinkType.PPP, cat(bytes(0xFF, 3, 0, 0x21), v4)),
                new Template(LinkType.LINUX_SLL, cat(u16(0), u16(1), u16(6), zeros(8), u16(0x0800), v4)),
                new Template(LinkType.LINUX_SLL2, cat(u16(0x86DD), u16(0), u32(1), u16(1), bytes(0, 6), zeros(8), v6)),
                new Template(LinkType.NFLOG, cat(bytes(2, 0, 0, 1), nflogTlv)),
                new Template(LinkType.IEEE802_11, wlanData(0, 1, new byte[0], snap)),
                new Template(LinkType.IEEE802_11, wlanData(8, 0x83, cat(zeros(6), bytes(0, 0), zeros(4)), snap)),
                new Template(LinkType.IEEE802_11, wlanData(0, 2, new byte[0], cat(bytes(1, 1), zeros(10), snap))),
                new Template(LinkType.IEEE802_11, amsdu),
                new Template(LinkType.IEEE802_11_RADIOTAP, cat(radiotap(0x30, cat(head(qosData, 26), zeros(2),
                        slice(qosData, 26, qosData.length))), fcs)),
                new Template(LinkType.PPI, cat(bytes(0, 0, 32, 0), u32le(105), bytes(2, 0, 20, 0), zeros(8), bytes(1, 0),
                        zeros(10), amsdu, fcs)),
                new Template(LinkType.IEEE802_11_PRISM, cat(zeros(144), qosData)),
                new Template(LinkType.IEEE802_11_AVS, cat(u32(0x80211001L), u32(64), zeros(56), qosData)),
                new Template(LinkType.PKTAP, cat(u32le(108), u32le(1), u32le(1), zeros(96), eth(0x0800, v4))));
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 120);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void neverThrowsAndStaysInsideTheFrame(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PacketDecoder decoder = new PacketDecoder(); // shared across the seed's frames: reassembly state too
        TcpSegment segment = new TcpSegment();
        PacketRecord record = new PacketRecord();
        LinkType[] types = LinkType.values();
        for (int i = 0; i < 400; i++) {
            LinkType type;
            byte[] frame;
            if (random.nextInt(4) == 0) {
                type = types[random.nextInt(types.length)];
                frame = new byte[random.nextInt(160)];
                for (int j = 0; j < frame.length; j++) {
                    frame[j] = (byte) random.nextInt(256);
                }
            } else {
                Template t = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
                type = t.type();
                frame = mutate(t.frame(), random);
            }
            // the frame sits inside a larger buffer, as a reader's would
            int offset = random.nextInt(8);
            byte[] buffer = new byte[offset + frame.length + random.nextInt(8)];
            System.arraycopy(frame, 0, buffer, offset, frame.length);
            long original = switch (random.nextInt(4)) {
                case 0 -> frame.length + random.nextInt(70000);
                case 1 -> random.nextInt(frame.length + 1); // damaged: shorter than captured
                default -> frame.length;
            };
            record.set(i + 1, 0, type.code(), type, 0, 0, frame.length, original, buffer, offset, 0);

            DecodeStatus status = decoder.decode(record, segment);

            assertThat(status).isNotNull();
            if (status == DecodeStatus.TCP) {
                assertThat(segment.ipVersion()).isIn(4, 6);
                assertThat(segment.payloadLength()).isNotNegative();
                assertThat(segment.capturedPayloadLength()).isBetween(0, Math.max(0, segment.payloadLength()));
                byte[] data = segment.data();
                assertThat(segment.payloadOffset() + segment.capturedPayloadLength()).isLessThanOrEqualTo(data.length);
                if (data == buffer) {
                    assertThat(segment.payloadOffset() + segment.capturedPayloadLength())
                            .isLessThanOrEqualTo(offset + frame.length);
                }
            }
        }
        assertThat(decoder.pendingFragments()).isLessThanOrEqualTo(FragmentTable.MAX_DATAGRAMS);
        assertThat(decoder.bufferedFragmentBytes()).isLessThanOrEqualTo(FragmentTable.MAX_BYTES);
    }

    private static byte[] mutate(byte[] template, SplittableRandom random) {
        byte[] frame = template.clone();
        int flips = random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean()) {
            frame = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
        }
        return frame;
    }
}

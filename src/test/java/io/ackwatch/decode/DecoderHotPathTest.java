package io.ackwatch.decode;

import static io.ackwatch.decode.Packets.amsduSubframe;
import static io.ackwatch.decode.Packets.bytes;
import static io.ackwatch.decode.Packets.cat;
import static io.ackwatch.decode.Packets.eth;
import static io.ackwatch.decode.Packets.ipv4;
import static io.ackwatch.decode.Packets.ipv6;
import static io.ackwatch.decode.Packets.llcSnap;
import static io.ackwatch.decode.Packets.radiotap;
import static io.ackwatch.decode.Packets.tcp;
import static io.ackwatch.decode.Packets.u16;
import static io.ackwatch.decode.Packets.u32;
import static io.ackwatch.decode.Packets.u32le;
import static io.ackwatch.decode.Packets.vlan;
import static io.ackwatch.decode.Packets.wlanData;
import static io.ackwatch.decode.Packets.zeros;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing; frames are typical ones (no fragments). How fast it is, is measured by
 * the benchmark (README, Benchmark), not asserted here.
 */
class DecoderHotPathTest {
    private static final byte[] OPTIONS = cat(bytes(1, 1, 8, 10), u32(12345), u32(678));
    /** A Linux SYN-ACK's options and an unknown kind: every option the decoder keeps of a SYN. */
    private static final byte[] SYN_ACK_OPTIONS = cat(bytes(2, 4), u16(1460), bytes(4, 2, 8, 10), u32(12345), u32(678),
            bytes(1, 3, 3, 7), bytes(254, 4, 0xf9, 0x89));
    private static final List<byte[]> FRAMES = List.of(
            eth(0x0800, ipv4().payload(tcp().flags(TcpSegment.ACK).options(OPTIONS).payload(new byte[1448]).build()).build()),
            eth(0x0800, ipv4().payload(tcp().flags(TcpSegment.ACK).build()).build()),
            eth(0x0800, ipv4().payload(tcp().flags(TcpSegment.SYN | TcpSegment.ACK).options(SYN_ACK_OPTIONS).build()).build()),
            eth(0x8100, vlan(12, 0x86DD, ipv6().payload(tcp().options(cat(bytes(2, 4), u16(1440), bytes(1, 3, 3, 7))).build()).build())));

    /** Monitor-mode frames: radiotap with FCS over QoS data, an A-MSDU of three subframes, PPI over a mesh frame. */
    private static final List<PacketRecord> WIRELESS = wireless();

    private static List<PacketRecord> wireless() {
        byte[] snap = llcSnap(0x0800, ipv4().payload(tcp().flags(TcpSegment.ACK).payload(new byte[1200]).build()).build());
        byte[] other = llcSnap(0x0806, new byte[28]);
        byte[] fcs = bytes(1, 2, 3, 4);
        return List.of(
                Packets.record(LinkType.IEEE802_11_RADIOTAP, cat(radiotap(0x10, wlanData(8, 0x81, zeros(6), snap)), fcs)),
                Packets.record(LinkType.IEEE802_11, wlanData(8, 1, bytes(0x80, 0),
                        cat(amsduSubframe(other), amsduSubframe(other), amsduSubframe(snap)))),
                Packets.record(LinkType.PPI, cat(bytes(0, 0, 8, 0), u32le(105),
                        wlanData(0, 3, zeros(6), cat(bytes(0, 1), zeros(4), snap)))));
    }

    @Test
    void wirelessFramesAllocateNothing() {
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        PacketRecord[] records = WIRELESS.toArray(new PacketRecord[0]);
        for (PacketRecord r : records) {
            assertThat(decoder.decode(r, segment)).isEqualTo(DecodeStatus.TCP);
            assertThat(segment.payloadLength()).isEqualTo(1200);
        }
        assertThat(bytesAllocatedDecoding(decoder, records, segment))
                .as("bytes allocated while decoding 300,000 wireless frames").isLessThan(4096);
    }

    @Test
    void decodingAllocatesNothing() {
        PacketRecord[] records = new PacketRecord[FRAMES.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = Packets.record(LinkType.ETHERNET, FRAMES.get(i));
        }
        // a few hundred bytes of measuring noise at most; one object per frame would be megabytes
        assertThat(bytesAllocatedDecoding(new PacketDecoder(), records, new TcpSegment()))
                .as("bytes allocated while decoding 300,000 frames").isLessThan(4096);
    }

    /** Bytes this thread allocates while decoding 300,000 of {@code records} in turn, after a warm-up. */
    private static long bytesAllocatedDecoding(PacketDecoder decoder, PacketRecord[] records, TcpSegment segment) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        decodeAll(decoder, records, segment, 200_000); // warm up: JIT compilation allocates on its own threads
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long sum = decodeAll(decoder, records, segment, 300_000);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sum).as("TCP frames decoded").isPositive();
        return allocated;
    }

    private static long decodeAll(PacketDecoder decoder, PacketRecord[] records, TcpSegment segment, int rounds) {
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            PacketRecord r = records[i % records.length];
            if (decoder.decode(r, segment) == DecodeStatus.TCP) {
                sum += segment.srcPort() + segment.payloadLength();
            }
        }
        return sum;
    }
}

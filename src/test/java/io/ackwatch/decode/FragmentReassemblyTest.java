package io.ackwatch.decode;

import static io.ackwatch.decode.Packets.cat;
import static io.ackwatch.decode.Packets.eth;
import static io.ackwatch.decode.Packets.extensionHeader;
import static io.ackwatch.decode.Packets.fragmentHeader;
import static io.ackwatch.decode.Packets.head;
import static io.ackwatch.decode.Packets.ipv4;
import static io.ackwatch.decode.Packets.ipv6;
import static io.ackwatch.decode.Packets.record;
import static io.ackwatch.decode.Packets.slice;
import static io.ackwatch.decode.Packets.tcp;
import static io.ackwatch.decode.Packets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.LinkType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IPv4 and IPv6 fragments: like Wireshark with its default reassembly, the TCP segment appears in the frame
 * that completes the datagram, whatever the arrival order; the other pieces are not TCP.
 */
class FragmentReassemblyTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpSegment segment = new TcpSegment();

    /** A 120-byte TCP segment (20 header + 100 payload) with a recognisable payload. */
    private static byte[] segmentBytes(int sport) {
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return tcp().ports(sport, 80).flags(TcpSegment.ACK | TcpSegment.PSH).payload(payload).build();
    }

    private static byte[] v4Piece(byte[] datagramPayload, int id, int offset, int length, boolean more) {
        return eth(0x0800, ipv4().id(id).fragment(offset, more)
                .payload(slice(datagramPayload, offset, Math.min(datagramPayload.length, offset + length))).build());
    }

    private static byte[] v6Piece(byte[] datagramPayload, int nextHeader, long id, int offset, int length, boolean more) {
        byte[] piece = slice(datagramPayload, offset, Math.min(datagramPayload.length, offset + length));
        return eth(0x86DD, ipv6().nextHeader(44).payload(cat(fragmentHeader(nextHeader, offset, more, id), piece)).build());
    }

    private DecodeStatus decode(byte[] frame) {
        return decoder.decode(record(LinkType.ETHERNET, frame), segment);
    }

    /** Decodes the frames in order; returns the index of each frame that yielded TCP. */
    private List<Integer> tcpFrames(byte[]... frames) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            if (decode(frames[i]) == DecodeStatus.TCP) {
                hits.add(i);
            }
        }
        return hits;
    }

    private void assertWholeSegment(int sport) {
        assertThat(segment.srcPort()).isEqualTo(sport);
        assertThat(segment.payloadLength()).isEqualTo(100);
        assertThat(segment.capturedPayloadLength()).isEqualTo(100);
        String payload = new String(segment.data(), segment.payloadOffset(), 100, StandardCharsets.US_ASCII);
        assertThat(payload).startsWith("abcdefghijklmnopqrstuvwxyzabcd").endsWith("uv");
    }

    @Test
    void ipv4InOrder() {
        byte[] s = segmentBytes(7001);
        assertThat(tcpFrames(v4Piece(s, 1, 0, 48, true), v4Piece(s, 1, 48, 48, true), v4Piece(s, 1, 96, 24, false)))
                .containsExactly(2);
        assertWholeSegment(7001);
        assertThat(decoder.pendingFragments()).isZero();
        assertThat(decoder.bufferedFragmentBytes()).isZero();
    }

    @Test
    void ipv4OutOfOrderCompletesOnTheLastArrival() {
        byte[] s = segmentBytes(7002);
        assertThat(tcpFrames(v4Piece(s, 2, 96, 24, false), v4Piece(s, 2, 0, 48, true), v4Piece(s, 2, 48, 48, true)))
                .containsExactly(2);
        assertWholeSegment(7002);
    }

    @Test
    void ipv4OverlappingPieces() {
        byte[] s = segmentBytes(7003);
        assertThat(tcpFrames(v4Piece(s, 3, 0, 64, true), v4Piece(s, 3, 48, 48, true), v4Piece(s, 3, 88, 32, false)))
                .containsExactly(2);
        assertWholeSegment(7003);
    }

    @Test
    void ipv4IncompleteDatagramNeverShowsTcp() {
        byte[] s = segmentBytes(7004);
        assertThat(tcpFrames(v4Piece(s, 4, 0, 48, true), v4Piece(s, 4, 96, 24, false))).isEmpty();
        assertThat(decoder.pendingFragments()).isEqualTo(1);
    }

    @Test
    void ipv4DuplicatePiecesCompleteOnce() {
        byte[] s = segmentBytes(7005);
        byte[] first = v4Piece(s, 5, 0, 48, true);
        byte[] last = v4Piece(s, 5, 48, 72, false);
        assertThat(tcpFrames(first, first, last)).containsExactly(2);
        assertWholeSegment(7005);
    }

    @Test
    void otherTrafficBetweenThePiecesAndDistinctIds() {
        byte[] s = segmentBytes(7006);
        byte[] t = segmentBytes(7007);
        byte[] plain = eth(0x0800, ipv4().payload(tcp().build()).build());
        assertThat(tcpFrames(v4Piece(s, 6, 0, 48, true), v4Piece(t, 7, 0, 48, true), plain,
                v4Piece(t, 7, 48, 72, false), v4Piece(s, 6, 48, 72, false))).containsExactly(2, 3, 4);
        assertWholeSegment(7006);
    }

    @Test
    void ipv4FirstPieceTooShortForAStreamStillReassembles() {
        byte[] s = segmentBytes(7008);
        assertThat(tcpFrames(v4Piece(s, 8, 0, 8, true), v4Piece(s, 8, 8, 112, false))).containsExactly(1);
        assertWholeSegment(7008);
    }

    @Test
    void ipv4FirstPieceCutBySnaplenIsDecodedWithoutLength() {
        // tshark cannot reassemble a piece it does not have whole: it decodes the first piece's TCP header
        // (stream, ports, flags) with no tcp.len, and shows the later piece as data
        byte[] s = segmentBytes(7009);
        byte[] first = v4Piece(s, 9, 0, 48, true);
        assertThat(decoder.decode(record(LinkType.ETHERNET, head(first, 14 + 20 + 20), first.length), segment))
                .isEqualTo(DecodeStatus.TCP);
        assertThat(segment.srcPort()).isEqualTo(7009);
        assertThat(segment.payloadLength()).isZero();
        assertThat(segment.segmentLengthKnown()).isFalse();
        assertThat(decode(v4Piece(s, 9, 48, 72, false))).isEqualTo(DecodeStatus.NOT_TCP);
    }

    @Test
    void ipv6InOrderAndReversed() {
        byte[] s = segmentBytes(7010);
        assertThat(tcpFrames(v6Piece(s, 6, 10, 0, 48, true), v6Piece(s, 6, 10, 48, 48, true),
                v6Piece(s, 6, 10, 96, 24, false))).containsExactly(2);
        assertWholeSegment(7010);
        assertThat(segment.ipVersion()).isEqualTo(6);
        byte[] t = segmentBytes(7011);
        assertThat(tcpFrames(v6Piece(t, 6, 11, 96, 24, false), v6Piece(t, 6, 11, 0, 48, true),
                v6Piece(t, 6, 11, 48, 48, true))).containsExactly(2);
        assertWholeSegment(7011);
    }

    @Test
    void ipv6ExtensionHeaderAfterTheFragmentHeader() {
        byte[] s = cat(extensionHeader(6, bytes(1, 2, 0, 0)), segmentBytes(7012));
        assertThat(tcpFrames(v6Piece(s, 60, 12, 0, 32, true), v6Piece(s, 60, 12, 32, s.length - 32, false)))
                .containsExactly(1);
        assertWholeSegment(7012);
    }

    @Test
    void ipv6FirstPieceCutBySnaplenIsNotDecoded() {
        byte[] s = segmentBytes(7013);
        byte[] first = v6Piece(s, 6, 13, 0, 48, true);
        assertThat(decoder.decode(record(LinkType.ETHERNET, head(first, 14 + 40 + 8 + 20), first.length), segment))
                .isEqualTo(DecodeStatus.NOT_TCP);
    }

    /** Overlaps and repeated tails resolved as tshark 4.0 does (checked with these very bytes). */
    @Test
    void overlapsKeepTheLowerOffsetThenTheEarlierArrival() {
        byte[] s = tcp().ports(4444, 9100).flags(TcpSegment.ACK | TcpSegment.PSH)
                .payload("abcdefghijklmnopqrstuvwxyz0123456789ABCD").build();
        byte[] bad = s.clone();
        Arrays.fill(bad, 8, 24, (byte) 'X');
        // [8,24) of conflicting bytes first, then [0,16): the lower offset owns 8..15, the other piece 16..23
        assertThat(tcpFrames(v4Piece(bad, 1, 8, 16, true), v4Piece(s, 1, 0, 16, true), v4Piece(s, 1, 16, 44, false)))
                .containsExactly(2);
        assertThat(segment.ack()).isZero();
        assertThat(new String(segment.data(), segment.payloadOffset(), 6, StandardCharsets.US_ASCII)).isEqualTo("XXXXef");
        // same offset twice: the first arrival stays
        assertThat(tcpFrames(v4Piece(bad, 3, 0, 24, true), v4Piece(s, 3, 0, 24, true), v4Piece(s, 3, 24, 36, false)))
                .containsExactly(2);
        assertThat(segment.ack()).isEqualTo(0x5858_5858L);
    }

    @Test
    void theFirstTailFixesTheLength() {
        byte[] s = tcp().ports(4445, 9100).payload("abcdefghijklmnopqrstuvwxyz0123456789ABCD").build();
        assertThat(tcpFrames(v4Piece(s, 2, 24, 16, false), v4Piece(s, 2, 24, 36, false), v4Piece(s, 2, 0, 24, true)))
                .containsExactly(2);
        assertThat(segment.payloadLength()).isEqualTo(20);
    }

    @Test
    void tableIsBoundedAndEvictsTheOldest() {
        byte[] big = new byte[8000];
        for (int id = 0; id < 200; id++) {
            assertThat(decode(v4Piece(big, id, 0, 4000, true))).isEqualTo(DecodeStatus.NOT_TCP);
            assertThat(decoder.pendingFragments()).isLessThanOrEqualTo(FragmentTable.MAX_DATAGRAMS);
            assertThat(decoder.bufferedFragmentBytes()).isLessThanOrEqualTo(FragmentTable.MAX_BYTES);
        }
        // the newest datagram survived the evictions and still completes
        byte[] s = segmentBytes(7014);
        assertThat(tcpFrames(v4Piece(s, 500, 0, 48, true), v4Piece(s, 500, 48, 72, false))).containsExactly(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomSplitsAndOrdersCompleteExactlyOnce(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] s = segmentBytes(7100 + (int) seed);
        List<int[]> pieces = new ArrayList<>();
        int offset = 0;
        while (offset < s.length) {
            int length = Math.min(s.length - offset, 8 * (1 + random.nextInt(6)));
            pieces.add(new int[] {offset, length});
            offset += length;
        }
        // shuffle, then duplicate a random piece
        for (int i = pieces.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] tmp = pieces.get(i);
            pieces.set(i, pieces.get(j));
            pieces.set(j, tmp);
        }
        pieces.add(random.nextInt(pieces.size() + 1), pieces.get(random.nextInt(pieces.size())));
        boolean[] covered = new boolean[s.length];
        boolean completed = false;
        for (int[] p : pieces) {
            DecodeStatus status = decode(v4Piece(s, 42, p[0], p[1], p[0] + p[1] < s.length));
            Arrays.fill(covered, p[0], p[0] + p[1], true);
            boolean whole = true;
            for (boolean c : covered) {
                whole &= c;
            }
            if (whole && !completed) {
                assertThat(status).as("the piece that completes the datagram").isEqualTo(DecodeStatus.TCP);
                assertWholeSegment(7100 + (int) seed);
                completed = true;
            } else {
                // before completion nothing; after it, a late duplicate starts a new, incomplete datagram
                assertThat(status).isEqualTo(DecodeStatus.NOT_TCP);
            }
        }
        assertThat(completed).isTrue();
    }
}

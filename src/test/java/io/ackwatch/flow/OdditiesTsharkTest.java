package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.testsupport.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each connection's {@link Oddities}, per side, against tshark 4.0 on the testdata captures and the shared corpus:
 * for every oddity the first frame of the stream from that side whose fields show it (innermost IP header; TCP
 * options as tshark reads them on SYNs, where the decoder reads them), and no oddity tshark does not show.
 */
class OdditiesTsharkTest {
    private static final List<String> FIELDS = List.of("frame.number", "tcp.stream", "tcp.srcport", "ip.src",
            "ipv6.src", "tcp.flags", "ip.dsfield", "ipv6.tclass", "ip.hdr_len", "ip.flags.mf", "ip.frag_offset",
            "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "tcp.option_kind", "ip.dst", "ipv6.dst", "tcp.dstport",
            "tcp.seq", "tcp.ack", "tcp.len", "tcp.seq_raw", "tcp.ack_raw", "tcp.window_size",
            "tcp.window_size_scalefactor", "tcp.analysis.zero_window_probe");
    /** EOL, NOP, MSS, window scale, SACK-permitted, timestamps: the options a healthy SYN carries. */
    private static final List<Integer> KNOWN_KINDS = List.of(0, 1, 2, 3, 4, 8);

    @TempDir
    Path dir;

    static Stream<Path> captures() throws IOException {
        return TestCaptures.testdataAndCorpus(".*\\.pcap(ng)?", c -> true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyOddityWithItsFirstFrameAsTsharkShowsIt(Path capture) throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        Map<String, Map<Oddity, Long>> expected = new TreeMap<>();
        Map<String, Sender> senders = new HashMap<>();
        for (String[] row : Tshark.fields(capture, Files.createDirectories(dir.resolve("conf")),
                "tcp && !icmp && !icmpv6", FIELDS)) {
            if (row.length < FIELDS.size() || row[5].isEmpty()) {
                continue; // no flags: a header tshark could not read
            }
            Map<Oddity, Long> side = expected.computeIfAbsent(key(row[1], row[3].isEmpty() ? row[4] : last(row[3]),
                    row[2]), k -> new EnumMap<>(Oddity.class));
            long frame = Long.parseLong(row[0]);
            for (Oddity o : oddities(row)) {
                side.putIfAbsent(o, frame);
            }
            String peerKey = key(row[1], row[14].isEmpty() ? row[15] : last(row[14]), row[16]);
            Sender sender = senders.computeIfAbsent(key(row[1], row[3].isEmpty() ? row[4] : last(row[3]), row[2]),
                    k -> new Sender());
            Sender peer = senders.computeIfAbsent(peerKey, k -> new Sender());
            for (Oddity o : sender.stateful(row, peer)) {
                side.putIfAbsent(o, frame);
            }
        }
        expected.values().removeIf(Map::isEmpty);

        Map<String, Map<Oddity, Long>> tracked = new TreeMap<>();
        for (TcpFlow f : flows(capture)) {
            add(tracked, f.stream(), f.client(), f.clientSide().oddities());
            add(tracked, f.stream(), f.server(), f.serverSide().oddities());
        }
        assertThat(tracked).as("oddities by stream and sender in %s", capture.getFileName()).isEqualTo(expected);
    }

    private static List<Oddity> oddities(String[] row) {
        List<Oddity> out = new ArrayList<>();
        int flags = Integer.decode(row[5]);
        int tos = row[6].isEmpty() ? (row[7].isEmpty() ? 0 : Integer.decode(last(row[7])))
                : Integer.decode(last(row[6]));
        if ((flags & TcpSegment.URG) != 0) {
            out.add(Oddity.URGENT);
        }
        if ((flags & (TcpSegment.ECE | TcpSegment.CWR | 0x100)) != 0 || (tos & 3) != 0) {
            out.add(Oddity.ECN);
        }
        if ((flags & 0xE00) != 0) {
            out.add(Oddity.RESERVED_FLAGS);
        }
        if ((flags & TcpSegment.SYN) != 0 && !row[13].isEmpty()) {
            for (String kind : row[13].split(",")) {
                if (!KNOWN_KINDS.contains(Integer.parseInt(kind))) {
                    out.add(Oddity.UNKNOWN_TCP_OPTION);
                    break;
                }
            }
        }
        if (!row[8].isEmpty() && Integer.parseInt(last(row[8])) > 20) {
            out.add(Oddity.IP_OPTIONS);
        }
        boolean v4Fragment = !row[9].isEmpty() && (isTrue(last(row[9])) || Integer.parseInt(last(row[10])) > 0);
        if (v4Fragment || !row[11].isEmpty()) {
            out.add(Oddity.IP_FRAGMENT);
        }
        if (tos > 3) {
            out.add(Oddity.DSCP);
        }
        boolean synFinOrRst = (flags & TcpSegment.SYN) != 0 && (flags & (TcpSegment.FIN | TcpSegment.RST)) != 0;
        if ((flags & (TcpSegment.SYN | TcpSegment.RST | TcpSegment.ACK)) == 0 || synFinOrRst) {
            out.add(Oddity.ODD_FLAGS);
        }
        return out;
    }

    /**
     * What one side of a stream sent and was sent, from tshark's fields, for the oddities that need the
     * connection: a reset with its own data unacknowledged (relative numbers) and data beyond the right edge of
     * the peer's last advertised window (raw numbers, tshark's scaled window).
     */
    private static final class Sender {
        long payloadEnd = -1;
        long ackedByPeer = -1;
        long lastAckRaw;
        long window;
        int scale = -1;

        List<Oddity> stateful(String[] row, Sender peer) {
            List<Oddity> out = new ArrayList<>();
            int flags = Integer.decode(row[5]);
            int len = row[19].isEmpty() ? 0 : Integer.parseInt(row[19]);
            if (len > 0 && (flags & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) == 0
                    && row[24].isEmpty() && peer.scale != -1 && peer.lastAckRaw != 0) {
                long end = (Long.parseLong(row[20]) + len) & 0xFFFFFFFFL;
                long edge = (peer.lastAckRaw + peer.window) & 0xFFFFFFFFL;
                if (end != edge && (int) (end - edge) > 0) {
                    out.add(Oddity.OUT_OF_WINDOW);
                }
            }
            if (len > 0) {
                payloadEnd = Math.max(payloadEnd, Long.parseLong(row[17]) + len);
            }
            if ((flags & TcpSegment.ACK) != 0 && !row[18].isEmpty()) {
                peer.ackedByPeer = Math.max(peer.ackedByPeer, Long.parseLong(row[18]));
            }
            if ((flags & TcpSegment.RST) != 0 && payloadEnd >= 0 && ackedByPeer < payloadEnd) {
                out.add(Oddity.RESET_MID_JOB);
            }
            lastAckRaw = row[21].isEmpty() ? 0 : Long.parseLong(row[21]);
            window = row[22].isEmpty() ? 0 : Long.parseLong(row[22]);
            scale = row[23].isEmpty() ? -1 : Integer.parseInt(row[23]);
            return out;
        }
    }

    private static boolean isTrue(String cell) {
        return cell.equals("1") || cell.equalsIgnoreCase("true");
    }

    private static String last(String cell) {
        return cell.substring(cell.lastIndexOf(',') + 1);
    }

    private static String key(String stream, String address, String port) {
        return String.format("stream %6s from %s port %s", stream, address, port);
    }

    private static void add(Map<String, Map<Oddity, Long>> out, int stream, Endpoint sender, Oddities o) {
        if (o.mask() != 0) {
            out.put(key(Integer.toString(stream), sender.address(), Integer.toString(sender.port())),
                    new EnumMap<>(o.firstFrameByOddity()));
        }
    }

    private static List<TcpFlow> flows(Path capture) throws IOException {
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(FlowInterest.ALL), flows::add);
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                if (decoder.decode(record, segment) == DecodeStatus.TCP) {
                    tracker.accept(record, segment);
                }
            }
        } catch (CaptureException e) {
            // damaged captures of the corpus: tshark stops at the same place
        }
        tracker.finish();
        return flows;
    }
}

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
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.TestCaptures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SYN-ACK's options and window, as the decoder reads them and as the flow keeps the server's first one,
 * against a local tshark 4.0 ({@code tcp.options.*}, {@code tcp.window_size_value}) on the testdata captures, the
 * shared corpus and hand-made option lists that break the rules (skipped when tshark is absent).
 */
class SynAckOptionsTsharkTest {
    private static final String SYN_ACKS = "tcp.flags.syn==1 && tcp.flags.ack==1";
    private static final List<String> FIELDS = List.of("frame.number", "tcp.options.mss_val",
            "tcp.window_size_value", "tcp.options.sack_perm", "tcp.options.wscale.shift",
            "tcp.options.timestamp.tsval", "tcp.option_kind");
    /** EOL, NOP, MSS, window scale, SACK-permitted, timestamps: the options with fields of their own. */
    private static final List<Integer> KNOWN_KINDS = List.of(0, 1, 2, 3, 4, 8);

    @TempDir
    Path dir;

    /** The testdata captures, and the corpus captures where the oracle counts a SYN-ACK. */
    static Stream<Path> withSynAcks() throws IOException {
        return TestCaptures.testdataAndCorpus(".*\\.pcap(ng)?", c -> oracleSynAcks(c) > 0);
    }

    /** The corpus captures without a SYN-ACK in the oracle (no need to start tshark for each). */
    static Stream<Path> withoutSynAcks() {
        return Corpus.captures().stream().filter(c -> oracleSynAcks(c) == 0).map(Corpus.Capture::path);
    }

    private static long oracleSynAcks(Corpus.Capture c) {
        return Corpus.streams(c).stream().mapToLong(s -> s.count("synack_a") + s.count("synack_b")).sum();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withSynAcks")
    void everySynAckAsTsharkShowsIt(Path capture) throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        assertAgrees(capture, tshark(capture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutSynAcks")
    void noSynAckWhereTheOracleHasNone(Path capture) throws Exception {
        assertAgrees(capture, Map.of());
    }

    /**
     * Option lists that break the rules, one SYN-ACK each: lengths 0 and 1, a length byte or an option past the
     * header, known options with the wrong length, EOL before more options, a shift above 14, duplicates, unknown
     * and experimental kinds; then options cut by the snaplen and by the IP length, and a data offset below 5.
     */
    @Test
    void malformedOptionListsAsTsharkReadsThem() throws Exception {
        String[] optionLists = {"02000000", "02010000", "020805b4", "01010102", "020405b400030307", "02030501",
            "03030f01", "0806000000010000", "04030001", "fd02011e0420000101010101", "020405b4020402180303020303030501",
            "0101080a0000007b0000000004020000", "020405b40402080affffffff00000000", "0402080a000000010000000001030307",
            "1a0a00000000000000000000", "020505b4", "00020405b4000000", "0101010101010101", "22020000",
            "fe0cf9890000000000000000", "1e0c00000000000000000000", "0d040000", "0101fe0a0000000000000000"};
        List<byte[]> frames = new ArrayList<>();
        List<Integer> originalLengths = new ArrayList<>();
        for (int i = 0; i < optionLists.length; i++) {
            byte[] frame = synAck(40000 + i, HexFormat.of().parseHex(optionLists[i]), -1, -1);
            frames.add(frame);
            originalLengths.add(frame.length);
        }
        byte[] options = HexFormat.of().parseHex("020405b40402080a0000007b000000000103030701010101");
        byte[] whole = synAck(41000, options, -1, -1);
        frames.add(java.util.Arrays.copyOf(whole, 14 + 20 + 20 + 12)); // snaplen ends inside the timestamps
        originalLengths.add(whole.length);
        byte[] experimental = synAck(41001, HexFormat.of().parseHex("0204057afe0cf9890000000000000000"), -1, -1);
        frames.add(java.util.Arrays.copyOf(experimental, 14 + 20 + 20 + 7)); // ...inside an unknown option
        originalLengths.add(experimental.length);
        frames.add(synAck(41002, options, 20 + 28, -1)); // the IP length ends inside the options
        originalLengths.add(frames.get(frames.size() - 1).length);
        frames.add(synAck(41003, HexFormat.of().parseHex("020405b4"), -1, 4)); // data offset 4: bogus
        originalLengths.add(frames.get(frames.size() - 1).length);
        Path pcap = dir.resolve("syn-ack-options.pcap");
        Files.write(pcap, pcap(frames, originalLengths));

        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        Map<Long, SynAckOptions> expected = tshark(pcap);
        assertThat(expected).as("SYN-ACKs tshark shows (not the one with data offset 4)").hasSize(frames.size() - 1);
        assertAgrees(pcap, expected);
    }

    /** Each SYN-ACK tshark shows, by frame. */
    private Map<Long, SynAckOptions> tshark(Path capture) throws Exception {
        Map<Long, SynAckOptions> expected = new LinkedHashMap<>();
        for (String[] row : Tshark.fields(capture, Files.createDirectories(dir.resolve("conf")), SYN_ACKS, FIELDS)) {
            expected.put(Long.parseLong(row[0]), fromTshark(row));
        }
        return expected;
    }

    /** Every SYN-ACK the decoder reads, and each flow's first from the server, equal {@code expected}'s. */
    private static void assertAgrees(Path capture, Map<Long, SynAckOptions> expected) throws Exception {
        Map<Long, SynAckOptions> decoded = new LinkedHashMap<>();
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(FlowInterest.ALL), flows::add);
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                if (decoder.decode(record, segment) != DecodeStatus.TCP) {
                    continue;
                }
                // tshark shows no flags for a header whose data offset is below 5
                if (segment.has(TcpSegment.SYN) && segment.has(TcpSegment.ACK) && segment.headerLength() >= 20) {
                    packet.set(record, segment);
                    decoded.put(record.frame(), SynAckOptions.of(packet));
                }
                tracker.accept(record, segment);
            }
        } catch (CaptureException e) {
            // damaged captures of the corpus: tshark stops at the same place
        }
        tracker.finish();
        assertThat(decoded).as("every SYN-ACK of %s, by frame", capture.getFileName()).isEqualTo(expected);
        for (TcpFlow f : flows) {
            Handshake h = f.handshake();
            assertThat(h.synAckOptions()).as("stream %d's SYN-ACK (frame %d)", f.stream(), h.synAckFrame())
                    .isEqualTo(h.synAckFrame() > 0 ? expected.get(h.synAckFrame()) : null);
        }
    }

    /** What tshark shows; of a repeated option, its last occurrence counts, as in Wireshark's window analysis. */
    private static SynAckOptions fromTshark(String[] row) {
        TreeSet<Integer> other = new TreeSet<>();
        for (String kind : row[6].isEmpty() ? new String[0] : row[6].split(",")) {
            if (!KNOWN_KINDS.contains(Integer.parseInt(kind))) {
                other.add(Integer.parseInt(kind));
            }
        }
        return new SynAckOptions((int) last(row[1], -1), (int) last(row[2], -1), !row[3].isEmpty(),
                (int) last(row[4], -1), !row[5].isEmpty(), last(row[5], 0), List.copyOf(other));
    }

    private static long last(String cell, long absent) {
        return cell.isEmpty() ? absent : Long.parseLong(cell.substring(cell.lastIndexOf(',') + 1));
    }

    /** Ethernet, IPv4 and a SYN-ACK from 10.0.0.2:9100; {@code ipLength} and {@code dataOffset} -1 for the true ones. */
    private static byte[] synAck(int clientPort, byte[] options, int ipLength, int dataOffset) {
        int tcpLength = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + tcpLength);
        b.put(new byte[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 8, 0});
        b.put((byte) 0x45).put((byte) 0).putShort((short) (ipLength >= 0 ? ipLength : 20 + tcpLength))
                .putShort((short) 1).putShort((short) 0).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 2}).put(new byte[] {10, 0, 0, 1});
        b.putShort((short) 9100).putShort((short) clientPort).putInt(5000).putInt(1001)
                .put((byte) ((dataOffset >= 0 ? dataOffset : tcpLength / 4) << 4)).put((byte) 0x12)
                .putShort((short) (1000 + clientPort % 1000)).putShort((short) 0).putShort((short) 0).put(options);
        return b.array();
    }

    private static byte[] pcap(List<byte[]> frames, List<Integer> originalLengths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1).array());
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            out.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_000 + i).putInt(0)
                    .putInt(f.length).putInt(originalLengths.get(i)).array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}

package io.ackwatch.capture;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on small files built byte by byte: each exercises one rule of the pcap/pcapng formats. */
class HandBuiltCaptureTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private ReadAll read(CaptureBytes b) throws IOException {
        return ReadAll.of(write("t.bin", b.bytes()));
    }

    @Test
    void modifiedPcapHas24ByteRecordHeaders() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(0xa1b2cd34, LITTLE_ENDIAN, 2, 4, 65535, 1)
                .record(1000, 5, 60, 60, 8).record(1001, 999_999, 42, 1500, 8);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        assertThat(all.format()).isEqualTo(CaptureFormat.PCAP_MODIFIED);
        assertThat(all.frames()).hasSize(2);
        ReadAll.Frame second = all.frames().get(1);
        assertThat(second.capLen()).isEqualTo(42);
        assertThat(second.origLen()).isEqualTo(1500);
        assertThat(second.fileOffset()).isEqualTo(24 + 24 + 60);
        assertThat(second.data()).isEqualTo(CaptureBytes.payload(42));
        assertThat(EpochTime.format(second.seconds(), second.fraction())).isEqualTo("1001.999999000");
    }

    @Test
    void bigEndianNanosecondPcap() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(0xa1b23c4d, BIG_ENDIAN, 2, 4, 262144, 113)
                .record(1_700_000_000L, 123_456_789, 20, 20, 0);
        ReadAll all = read(b);
        assertThat(all.format()).isEqualTo(CaptureFormat.PCAP_NSEC);
        assertThat(all.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.linkType()).isEqualTo(LinkType.LINUX_SLL);
            assertThat(i.unitsPerSecond()).isEqualTo(1_000_000_000L);
            assertThat(i.precisionDigits()).isEqualTo(9);
        });
        ReadAll.Frame f = all.frames().get(0);
        assertThat(f.seconds()).isEqualTo(1_700_000_000L);
        assertThat(f.fraction()).isEqualTo(123_456_789L);
        assertThat(f.data()).isEqualTo(CaptureBytes.payload(20));
    }

    @Test
    void outOfRangeFractionsAreKeptAsWiresharkKeepsThem() throws IOException {
        // microseconds >= 10^6 are multiplied into a wrapping 32-bit nanosecond value, as in wiretap
        CaptureBytes b = CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 2, 4, 65535, 1)
                .record(1, 1_147_483, 4, 4, 0).record(1, 3_000_000, 4, 4, 0);
        ReadAll all = read(b);
        assertThat(EpochTime.format(all.frames().get(0).seconds(), all.frames().get(0).fraction()))
                .isEqualTo("1.1147483000");
        assertThat(all.frames().get(1).fraction()).isEqualTo((long) (int) 3_000_000_000L);
    }

    @Test
    void capLenAboveSnaplenIsAcceptedButAnAbsurdOneIsCorrupt() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 2, 4, 16, 1)
                .record(1, 0, 64, 64, 0).u32(2).u32(0).u32(300_000).u32(300_000);
        ReadAll all = read(b);
        assertThat(all.frames()).hasSize(1);
        assertThat(all.frames().get(0).capLen()).isEqualTo(64);
        assertThat(all.error().kind()).isEqualTo(ErrorKind.CORRUPT);
        assertThat(all.error().offset()).isEqualTo(24 + 16 + 64);
        assertThat(all.error().afterFrame()).isEqualTo(1);
    }

    @Test
    void pcapMajorVersion1AndReservedLinkTypeBitsAreUnsupported() throws IOException {
        assertThat(read(CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 1, 0, 65535, 1)).error().kind())
                .isEqualTo(ErrorKind.UNSUPPORTED);
        assertThat(read(CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 2, 4, 65535, 0x00010001)).error().kind())
                .isEqualTo(ErrorKind.UNSUPPORTED);
        // like Wireshark, later major versions are read (tshark 4.0.17 reads a 3.0 header)
        assertThat(read(CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 3, 0, 65535, 1).record(1, 0, 8, 8, 0)).error())
                .isNull();
        // FCS bits in the top nibble are information, not an error
        ReadAll fcs = read(CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 2, 4, 65535, 0x30000001).record(1, 0, 8, 8, 0));
        assertThat(fcs.error()).isNull();
        assertThat(fcs.interfaces().get(0).linkTypeCode()).isEqualTo(1);
    }

    @Test
    void unknownLinkTypeIsCountedButMarkedUnsupported() throws IOException {
        ReadAll all = read(CaptureBytes.pcap(0xa1b2c3d4, LITTLE_ENDIAN, 2, 4, 65535, 285).record(1, 0, 8, 8, 0));
        assertThat(all.error()).isNull();
        assertThat(all.frames()).hasSize(1);
        assertThat(all.interfaces().get(0).supported()).isFalse();
        assertThat(all.interfaces().get(0).linkType()).isEqualTo(LinkType.UNKNOWN);
    }

    @Test
    void simplePacketBlockUsesInterfaceZeroAndItsSnaplen() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).idb(1, 100, new byte[0]).spb(1514, 100).spb(60, 60);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        assertThat(all.frames()).hasSize(2);
        ReadAll.Frame cut = all.frames().get(0);
        assertThat(cut.capLen()).isEqualTo(100);
        assertThat(cut.origLen()).isEqualTo(1514);
        assertThat(cut.hasTimestamp()).isFalse();
        assertThat(cut.interfaceId()).isZero();
        assertThat(cut.data()).isEqualTo(CaptureBytes.payload(100));
        assertThat(all.frames().get(1).capLen()).isEqualTo(60);
    }

    @Test
    void simplePacketBlockBeforeAnyInterfaceIsCorrupt() throws IOException {
        ReadAll all = read(CaptureBytes.pcapng().shb(LITTLE_ENDIAN).spb(60, 60));
        assertThat(all.error().kind()).isEqualTo(ErrorKind.CORRUPT);
    }

    @Test
    void obsoletePacketBlockIsAFrame() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(BIG_ENDIAN).idb(1, 0, new byte[0]).idb(101, 0, new byte[0])
                .pb(1, 5_000_001L, 40, 80);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        ReadAll.Frame f = all.frames().get(0);
        assertThat(f.interfaceId()).isEqualTo(1);
        assertThat(f.linkTypeCode()).isEqualTo(101);
        assertThat(f.capLen()).isEqualTo(40);
        assertThat(f.origLen()).isEqualTo(80);
        assertThat(EpochTime.format(f.seconds(), f.fraction())).isEqualTo("5.000001000");
    }

    @Test
    void binaryTimestampResolutionAndOffset() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        byte[] options = CaptureBytes.concat(b.option(9, new byte[] {(byte) 0x88}), b.option(14, b.int64(100)),
                b.option(2, "eth0".getBytes(StandardCharsets.UTF_8)), b.endOfOptions());
        b.idb(1, 0, options).epb(0, 256 * 5 + 128, 60, 60).epb(0, 256L * 1_519_128_000 + 50, 60, 60);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        InterfaceInfo iface = all.interfaces().get(0);
        assertThat(iface.unitsPerSecond()).isEqualTo(256);
        assertThat(iface.precisionDigits()).isEqualTo(2);
        assertThat(iface.name()).isEqualTo("eth0");
        // tshark 4.0.17 prints 105.500000000 for the first packet (checked by hand)
        assertThat(EpochTime.format(all.frames().get(0).seconds(), all.frames().get(0).fraction()))
                .isEqualTo("105.500000000");
        assertThat(EpochTime.format(all.frames().get(1).seconds(), all.frames().get(1).fraction()))
                .isEqualTo("1519128100.195312500");
    }

    @Test
    void decimalResolutionsAndTheirPrecision() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN);
        b.idb(1, 0, CaptureBytes.concat(b.option(9, new byte[] {9}), b.endOfOptions()))
                .idb(1, 0, CaptureBytes.concat(b.option(9, new byte[] {3}), b.endOfOptions()))
                .epb(0, 1_234_567_890_123_456_789L, 4, 4).epb(1, 1_234_567L, 4, 4);
        ReadAll all = read(b);
        assertThat(all.interfaces()).extracting(InterfaceInfo::precisionDigits).containsExactly(9, 3);
        assertThat(all.frames().get(0).seconds()).isEqualTo(1_234_567_890L);
        assertThat(all.frames().get(0).fraction()).isEqualTo(123_456_789L);
        assertThat(all.frames().get(1).seconds()).isEqualTo(1234);
        assertThat(all.frames().get(1).fraction()).isEqualTo(567_000_000L);
    }

    @Test
    void sectionsOfBothByteOrdersRestartInterfaceNumbering() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).idb(1, 0, new byte[0]).idb(0, 0, new byte[0])
                .epb(1, 1_000_000, 30, 30).shb(BIG_ENDIAN).idb(113, 0, new byte[0]).epb(0, 2_000_000, 31, 31)
                .shb(LITTLE_ENDIAN).idb(101, 0, new byte[0]).idb(1, 0, new byte[0]).epb(1, 3_000_000, 32, 32);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        assertThat(all.interfaces()).extracting(InterfaceInfo::linkTypeCode).containsExactly(1, 0, 113, 101, 1);
        assertThat(all.interfaces()).extracting(InterfaceInfo::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(all.frames()).extracting(ReadAll.Frame::interfaceId).containsExactly(1, 2, 4);
        assertThat(all.frames()).extracting(ReadAll.Frame::sectionInterfaceId).containsExactly(1, 0, 1);
        assertThat(all.frames()).extracting(ReadAll.Frame::linkTypeCode).containsExactly(0, 113, 1);
        assertThat(all.frames()).extracting(ReadAll.Frame::capLen).containsExactly(30, 31, 32);
        assertThat(all.frames()).extracting(ReadAll.Frame::seconds).containsExactly(1L, 2L, 3L);
    }

    @Test
    void customBlocksAreNumberedFramesAndOtherBlocksAreSkipped() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).idb(1, 0, new byte[0]);
        b.custom(true, 32473, "an example Custom Block").epb(0, 1, 20, 20)
                .block(4, new byte[8]) // name resolution block
                .block(5, new byte[12]) // interface statistics
                .block(0x0A, new byte[16]) // decryption secrets
                .block(0x7777, new byte[4]) // unknown
                .custom(false, 1, "x").epb(0, 2, 21, 21);
        ReadAll all = read(b);
        assertThat(all.error()).isNull();
        assertThat(all.frames()).extracting(ReadAll.Frame::frame).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all.frames()).extracting(ReadAll.Frame::packet).containsExactly(false, true, false, true);
        ReadAll.Frame custom = all.frames().get(0);
        assertThat(custom.capLen()).isEqualTo(24); // block length 40 minus header, PEN and trailer
        assertThat(new String(custom.data(), 0, 23, StandardCharsets.US_ASCII)).isEqualTo("an example Custom Block");
        assertThat(custom.interfaceId()).isEqualTo(-1);
        assertThat(all.frames().get(3).capLen()).isEqualTo(21);
    }

    @Test
    void laterSectionWithUnsupportedVersionEndsAfterTheFirstSectionsFrames() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).idb(1, 0, new byte[0]).epb(0, 1, 20, 20);
        int secondSection = b.bytes().length;
        b.shb(LITTLE_ENDIAN, 2, 0, new byte[0]).idb(1, 0, new byte[0]).epb(0, 1, 20, 20);
        ReadAll all = read(b);
        assertThat(all.frames()).hasSize(1);
        assertThat(all.error().kind()).isEqualTo(ErrorKind.UNSUPPORTED);
        assertThat(all.error().offset()).isEqualTo(secondSection);
        assertThat(all.error().afterFrame()).isEqualTo(1);
        assertThat(read(CaptureBytes.pcapng().shb(LITTLE_ENDIAN, 1, 1, new byte[0])).error().kind())
                .isEqualTo(ErrorKind.UNSUPPORTED);
        assertThat(read(CaptureBytes.pcapng().shb(LITTLE_ENDIAN, 1, 2, new byte[0])).error()).isNull();
    }

    @Test
    void badBlockLengthsAreCorrupt() throws IOException {
        assertCorruptAfterOneFrame(b -> b.rawBlock(4, 8, new byte[0], 8)); // below the 12-byte minimum
        assertCorruptAfterOneFrame(b -> b.rawBlock(4, 14, new byte[2], 14)); // not a multiple of 4
        assertCorruptAfterOneFrame(b -> b.rawBlock(4, 16, new byte[4], 20)); // trailing length differs
        byte[] epbClaiming100Bytes = java.nio.ByteBuffer.allocate(28).order(LITTLE_ENDIAN).putInt(0).putInt(0).putInt(1)
                .putInt(100).putInt(100).array();
        assertCorruptAfterOneFrame(b -> b.rawBlock(6, 40, epbClaiming100Bytes, 40)); // too short for its data
        assertCorruptAfterOneFrame(b -> b.epb(3, 1, 20, 20)); // interface not described
        assertCorruptAfterOneFrame(b -> b.rawBlock(4, 0x7FFF_FFF0, new byte[4], 0)); // absurdly long
    }

    @Test
    void optionLongerThanItsBlockIsCorrupt() throws IOException {
        CaptureBytes b = CaptureBytes.pcapng();
        byte[] tooLong = CaptureBytes.concat(new byte[] {1, 0, 0x30, 0x30}, new byte[8]);
        ReadAll all = read(b.shb(LITTLE_ENDIAN, 1, 0, tooLong));
        assertThat(all.error().kind()).isEqualTo(ErrorKind.CORRUPT);
        assertThat(all.error().getMessage()).contains("option");
    }

    private void assertCorruptAfterOneFrame(java.util.function.UnaryOperator<CaptureBytes> damage) throws IOException {
        CaptureBytes b = CaptureBytes.pcapng().shb(LITTLE_ENDIAN).idb(1, 0, new byte[0]).epb(0, 1, 20, 20);
        int at = b.bytes().length;
        ReadAll all = read(damage.apply(b).epb(0, 1, 20, 20));
        assertThat(all.frames()).hasSize(1);
        assertThat(all.error()).isNotNull();
        assertThat(all.error().kind()).as(all.error().getMessage()).isEqualTo(ErrorKind.CORRUPT);
        assertThat(all.error().offset()).isEqualTo(at);
        assertThat(all.error().afterFrame()).isEqualTo(1);
        assertThat(all.error().getMessage()).doesNotContain("\n").contains("byte " + at);
    }
}

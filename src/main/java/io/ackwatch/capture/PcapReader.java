package io.ackwatch.capture;

import java.io.IOException;

/**
 * Classic libpcap files: 24-byte file header, then records of a 16-byte header (24 bytes in the
 * "modified" Kuznetzov format) and the packet bytes. Either byte order, microsecond or nanosecond stamps.
 */
final class PcapReader extends StreamReader {
    static final int MAGIC_USEC = 0xa1b2c3d4;
    static final int MAGIC_NSEC = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    private static final int FILE_HEADER = 24;

    private final CaptureFormat format;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeader;
    private final int linkTypeCode;
    private final LinkType linkType;

    private PcapReader(ByteSource src, Damage damage, Compression compression, CaptureFormat format,
            boolean bigEndian, int linkTypeCode, long snaplen) {
        super(src, damage, compression);
        this.format = format;
        this.bigEndian = bigEndian;
        this.nanos = format == CaptureFormat.PCAP_NSEC;
        this.recordHeader = format == CaptureFormat.PCAP_MODIFIED ? 24 : 16;
        this.linkTypeCode = linkTypeCode;
        this.linkType = LinkType.fromCode(linkTypeCode);
        long units = nanos ? 1_000_000_000L : 1_000_000L;
        interfaces.add(new InterfaceInfo(0, linkTypeCode, linkType, snaplen, units, precisionDigits(units), "",
                linkType != LinkType.UNKNOWN));
    }

    /** The pcap format of a magic number read in file order, or null. */
    static CaptureFormat formatOf(int magicLe, int magicBe) {
        for (int m : new int[] {magicLe, magicBe}) {
            if (m == MAGIC_USEC) {
                return CaptureFormat.PCAP;
            } else if (m == MAGIC_NSEC) {
                return CaptureFormat.PCAP_NSEC;
            } else if (m == MAGIC_MODIFIED) {
                return CaptureFormat.PCAP_MODIFIED;
            }
        }
        return null;
    }

    /** Reads the file header; the window starts at a pcap magic number. */
    static PcapReader open(ByteSource src, Damage damage, Compression compression) throws IOException {
        if (!src.ensure(FILE_HEADER)) {
            if (src.pendingFailure() != null) {
                throw damage.corrupt("compressed data cannot be decompressed: "
                        + Damage.oneLine(src.pendingFailure().getMessage()), src.offset(), 0, src.pendingFailure());
            }
            throw damage.truncated("pcap file header", 0, FILE_HEADER, src.available(), 0);
        }
        byte[] b = src.buf;
        int p = src.pos;
        boolean be = Bytes.int32(b, p, true) == MAGIC_USEC || Bytes.int32(b, p, true) == MAGIC_NSEC
                || Bytes.int32(b, p, true) == MAGIC_MODIFIED;
        CaptureFormat format = formatOf(Bytes.int32(b, p, be), 0);
        int major = Bytes.uint16(b, p + 4, be);
        int minor = Bytes.uint16(b, p + 6, be);
        long snaplen = Bytes.uint32(b, p + 16, be);
        int network = Bytes.int32(b, p + 20, be);
        if (major < 2) { // Wireshark's rule: 2.x and later are read
            throw damage.unsupported("pcap version " + major + "." + minor, 4, 0);
        }
        if ((network & 0x03FF0000) != 0) {
            // the upper bits carry FCS information; the reserved bits between must be zero
            throw damage.unsupported(String.format("pcap link-type field 0x%08x (reserved bits set)", network), 20, 0);
        }
        src.pos += FILE_HEADER;
        return new PcapReader(src, damage, compression, format, be, network & 0xFFFF, snaplen);
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    boolean readRecord(PacketRecord into) throws IOException {
        ByteSource s = src;
        int hdr = recordHeader;
        if (!s.ensure(hdr)) {
            if (s.available() == 0) {
                return cleanEnd();
            }
            throw shortData("record header", s.offset(), hdr, s.available());
        }
        byte[] b = s.buf;
        int p = s.pos;
        boolean be = bigEndian;
        long seconds = Bytes.uint32(b, p, be);
        int rawFraction = Bytes.int32(b, p + 4, be);
        long capLen = Bytes.uint32(b, p + 8, be);
        long origLen = Bytes.uint32(b, p + 12, be);
        long recordOffset = s.offset();
        if (capLen > MAX_CAPLEN) {
            throw damage.corrupt("record claims " + capLen + " captured bytes, more than the maximum of "
                    + MAX_CAPLEN, recordOffset, frame);
        }
        int len = (int) capLen;
        if (!s.ensure(hdr + len)) {
            throw shortData("record", recordOffset, hdr + len, s.available());
        }
        // Wireshark keeps the fraction as a signed 32-bit nanosecond count, wrapping microseconds * 1000
        long fraction = nanos ? rawFraction : rawFraction * 1000;
        frame++;
        into.set(frame, 0, linkTypeCode, linkType, seconds, fraction, len, origLen, s.buf, s.pos + hdr,
                recordOffset);
        s.pos += hdr + len;
        return true;
    }
}

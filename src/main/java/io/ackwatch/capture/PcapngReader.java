package io.ackwatch.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: a sequence of sections, each a Section Header Block with its own byte order followed by
 * Interface Description Blocks and packet blocks. Follows Wireshark 4.0's {@code wiretap/pcapng.c} where
 * that decides what the user sees: Enhanced, Simple and obsolete Packet Blocks, custom blocks, systemd journal
 * entries and sysdig events are numbered frames; every other block is checked for sane lengths and skipped
 * (held against tshark 4.0.17 by the test resource {@code decode/tshark/event-blocks.pcapng}).
 */
final class PcapngReader extends StreamReader {
    static final int SHB = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 0x00000001;
    private static final int PB = 0x00000002;
    private static final int SPB = 0x00000003;
    private static final int EPB = 0x00000006;
    private static final int SYSTEMD_JOURNAL = 0x00000009;
    private static final int SYSDIG_EVENT = 0x00000204;
    private static final int SYSDIG_EVENT_V2 = 0x00000216;
    private static final int CUSTOM = 0x00000BAD;
    private static final int CUSTOM_NO_COPY = 0x40000BAD;

    private static final int MIN_BLOCK = 12;
    private static final int MIN_SHB = 28;
    private static final int MIN_IDB = 20;
    private static final int MIN_EPB = 32;
    private static final int MIN_PB = 32;
    private static final int MIN_SPB = 16;
    private static final int MIN_CUSTOM = 16;
    /** Wireshark's limit: an EPB holding the largest D-Bus message plus 128 KiB of options. */
    private static final long MAX_BLOCK = 32 + 128L * 1024 * 1024 + 131_072;
    /** Skipped blocks up to this size are read whole so that their trailing length can be checked. */
    private static final int CHECKED_SKIP = 1 << 20;

    private static final int OPT_END = 0;
    private static final int OPT_IF_NAME = 2;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    /** Per-interface state used for every packet; InterfaceInfo is the public description. */
    private static final class Iface {
        final int fileId;
        final int linkTypeCode;
        final LinkType linkType;
        final long snaplen;
        final long unitsPerSecond;
        final long tsOffsetSeconds;

        Iface(int fileId, int linkTypeCode, long snaplen, long unitsPerSecond, long tsOffsetSeconds) {
            this.fileId = fileId;
            this.linkTypeCode = linkTypeCode;
            this.linkType = LinkType.fromCode(linkTypeCode);
            this.snaplen = snaplen;
            this.unitsPerSecond = unitsPerSecond;
            this.tsOffsetSeconds = tsOffsetSeconds;
        }
    }

    private final List<Iface> section = new ArrayList<>();
    private boolean bigEndian;
    private boolean leSeen;
    private boolean beSeen;

    private PcapngReader(ByteSource src, Damage damage, Compression compression) {
        super(src, damage, compression);
    }

    /** Reads the first Section Header Block; the window starts at the pcapng magic. */
    static PcapngReader open(ByteSource src, Damage damage, Compression compression) throws IOException {
        PcapngReader r = new PcapngReader(src, damage, compression);
        r.readSectionHeader(true);
        return r;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    /** True when the file held sections of both byte orders so far. */
    boolean mixedByteOrder() {
        return leSeen && beSeen;
    }

    @Override
    boolean readRecord(PacketRecord into) throws IOException {
        ByteSource s = src;
        while (true) {
            long blockOffset = s.offset();
            if (!s.ensure(8)) {
                if (s.available() == 0) {
                    return cleanEnd();
                }
                throw shortData("block header", blockOffset, 8, s.available());
            }
            int type = Bytes.int32(s.buf, s.pos, bigEndian);
            if (type == SHB) {
                readSectionHeader(false);
                continue;
            }
            long length = Bytes.uint32(s.buf, s.pos + 4, bigEndian);
            checkBlockLength(type, length, MIN_BLOCK, blockOffset);
            switch (type) {
                case EPB:
                    readEnhancedPacket(into, (int) length, blockOffset);
                    return true;
                case SPB:
                    readSimplePacket(into, (int) length, blockOffset);
                    return true;
                case PB:
                    readObsoletePacket(into, (int) length, blockOffset);
                    return true;
                case CUSTOM:
                case CUSTOM_NO_COPY:
                case SYSTEMD_JOURNAL:
                case SYSDIG_EVENT:
                case SYSDIG_EVENT_V2:
                    readOtherRecord(into, type, (int) length, blockOffset);
                    return true;
                case IDB:
                    readInterface((int) length, blockOffset);
                    break;
                default:
                    skipBlock(type, length, blockOffset);
                    break;
            }
        }
    }

    // ------------------------------------------------------------------ blocks that are frames

    private void readEnhancedPacket(PacketRecord into, int length, long blockOffset) throws IOException {
        checkMinimum("Enhanced Packet Block", length, MIN_EPB, blockOffset);
        loadBlock("Enhanced Packet Block", length, blockOffset);
        byte[] b = src.buf;
        int p = src.pos;
        boolean be = bigEndian;
        long localId = Bytes.uint32(b, p + 8, be);
        long high = Bytes.uint32(b, p + 12, be);
        long low = Bytes.uint32(b, p + 16, be);
        long capLen = Bytes.uint32(b, p + 20, be);
        long origLen = Bytes.uint32(b, p + 24, be);
        Iface iface = packetInterface("Enhanced Packet Block", localId, capLen, length, MIN_EPB, blockOffset);
        checkOptions("Enhanced Packet Block", b, p + 28 + (int) padded(capLen), p + length - 4, be, blockOffset);
        setPacket(into, iface, (int) localId, (high << 32) | low, (int) capLen, origLen, p + 28, blockOffset);
        src.pos += length;
    }

    private void readObsoletePacket(PacketRecord into, int length, long blockOffset) throws IOException {
        checkMinimum("Packet Block", length, MIN_PB, blockOffset);
        loadBlock("Packet Block", length, blockOffset);
        byte[] b = src.buf;
        int p = src.pos;
        boolean be = bigEndian;
        int localId = Bytes.uint16(b, p + 8, be);
        long high = Bytes.uint32(b, p + 12, be);
        long low = Bytes.uint32(b, p + 16, be);
        long capLen = Bytes.uint32(b, p + 20, be);
        long origLen = Bytes.uint32(b, p + 24, be);
        Iface iface = packetInterface("Packet Block", localId, capLen, length, MIN_PB, blockOffset);
        checkOptions("Packet Block", b, p + 28 + (int) padded(capLen), p + length - 4, be, blockOffset);
        setPacket(into, iface, localId, (high << 32) | low, (int) capLen, origLen, p + 28, blockOffset);
        src.pos += length;
    }

    private void readSimplePacket(PacketRecord into, int length, long blockOffset) throws IOException {
        checkMinimum("Simple Packet Block", length, MIN_SPB, blockOffset);
        loadBlock("Simple Packet Block", length, blockOffset);
        if (section.isEmpty()) {
            throw damage.corrupt("Simple Packet Block before any Interface Description Block of its section",
                    blockOffset, frame);
        }
        Iface iface = section.get(0);
        long origLen = Bytes.uint32(src.buf, src.pos + 8, bigEndian);
        // no captured length in an SPB: it is the packet length, cut to the interface's snaplen (0 = none)
        long capLen = iface.snaplen != 0 && origLen > iface.snaplen ? iface.snaplen : origLen;
        if (MIN_SPB + padded(capLen) > length) {
            throw damage.corrupt("Simple Packet Block of " + length + " bytes is too small for a packet of "
                    + origLen + " bytes", blockOffset, frame);
        }
        checkCapLen(capLen, blockOffset);
        frame++;
        into.set(frame, iface.fileId, iface.linkTypeCode, iface.linkType, 0, 0, (int) capLen, origLen, src.buf,
                src.pos + 12, blockOffset);
        into.setSectionInterfaceId(0);
        into.markNoTimestamp();
        src.pos += length;
    }

    /** Custom and event blocks: Wireshark numbers them as frames, so they count, but carry no packet. */
    private void readOtherRecord(PacketRecord into, int type, int length, long blockOffset) throws IOException {
        boolean custom = type == CUSTOM || type == CUSTOM_NO_COPY;
        int header = custom ? MIN_CUSTOM - 4 : MIN_BLOCK - 4;
        checkMinimum(custom ? "Custom Block" : "event block", length, custom ? MIN_CUSTOM : MIN_BLOCK, blockOffset);
        loadBlock(custom ? "Custom Block" : "event block", length, blockOffset);
        frame++;
        int dataLen = length - header - 4;
        into.set(frame, -1, -1, LinkType.UNKNOWN, 0, 0, dataLen, dataLen, src.buf, src.pos + header, blockOffset);
        into.markNonPacket();
        src.pos += length;
    }

    private Iface packetInterface(String block, long localId, long capLen, int length, int fixed, long blockOffset)
            throws CaptureException {
        if (fixed + padded(capLen) > length) {
            throw damage.corrupt(block + " of " + length + " bytes is too small for " + capLen
                    + " bytes of packet data", blockOffset, frame);
        }
        if (localId >= section.size()) {
            throw damage.corrupt(block + " names interface " + localId + " but its section describes "
                    + section.size(), blockOffset, frame);
        }
        checkCapLen(capLen, blockOffset);
        return section.get((int) localId);
    }

    private void checkCapLen(long capLen, long blockOffset) throws CaptureException {
        if (capLen > MAX_CAPLEN) {
            throw damage.corrupt("packet claims " + capLen + " captured bytes, more than the maximum of "
                    + MAX_CAPLEN, blockOffset, frame);
        }
    }

    private void setPacket(PacketRecord into, Iface iface, int localId, long ticks, int capLen, long origLen,
            int dataAt, long blockOffset) {
        long units = iface.unitsPerSecond;
        long seconds;
        long fraction;
        if (units == 1_000_000L && ticks >= 0) {
            seconds = ticks / 1_000_000L;
            fraction = (ticks % 1_000_000L) * 1000L;
        } else {
            seconds = Long.divideUnsigned(ticks, units);
            // as Wireshark computes it in 64-bit unsigned arithmetic (which wraps for huge resolutions)
            fraction = Long.divideUnsigned(Long.remainderUnsigned(ticks, units) * 1_000_000_000L, units);
        }
        frame++;
        into.set(frame, iface.fileId, iface.linkTypeCode, iface.linkType, seconds + iface.tsOffsetSeconds, fraction,
                capLen, origLen, src.buf, dataAt, blockOffset);
        into.setSectionInterfaceId(localId);
    }

    // ------------------------------------------------------------------ blocks read internally

    private void readSectionHeader(boolean first) throws IOException {
        ByteSource s = src;
        long blockOffset = s.offset();
        if (!s.ensure(12)) {
            if (first && s.pendingFailure() == null) {
                throw damage.truncated("pcapng section header", blockOffset, MIN_SHB, s.available(), frame);
            }
            throw shortData("section header block", blockOffset, MIN_SHB, s.available());
        }
        int magic = Bytes.int32(s.buf, s.pos + 8, false);
        boolean be;
        if (magic == BYTE_ORDER_MAGIC) {
            be = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            be = true;
        } else if (first) {
            throw new CaptureException(ErrorKind.BAD_MAGIC, damage.file() + ": starts like a pcapng file but has no "
                    + "valid byte-order magic (" + Bytes.hex(s.buf, s.pos + 8, 4) + ") - it is not a capture "
                    + "Wireshark or ackwatch can read; check that the right file was given", 8, 0);
        } else {
            throw damage.corrupt("section header with unknown byte-order magic " + Bytes.hex(s.buf, s.pos + 8, 4),
                    blockOffset, frame);
        }
        long length = Bytes.uint32(s.buf, s.pos + 4, be);
        checkBlockLength(SHB, length, MIN_SHB, blockOffset);
        if (!s.ensure((int) length)) {
            throw shortData("section header block", blockOffset, length, s.available());
        }
        byte[] b = s.buf;
        int p = s.pos;
        int major = Bytes.uint16(b, p + 12, be);
        int minor = Bytes.uint16(b, p + 14, be);
        checkOptions("Section Header Block", b, p + 24, p + (int) length - 4, be, blockOffset);
        checkTrailer("Section Header Block", b, p, (int) length, be, blockOffset);
        if (!(major == 1 && (minor == 0 || minor == 2))) {
            throw damage.unsupported("pcapng section version " + major + "." + minor, blockOffset, frame);
        }
        bigEndian = be;
        if (be) {
            beSeen = true;
        } else {
            leSeen = true;
        }
        section.clear();
        s.pos += (int) length;
    }

    private void readInterface(int length, long blockOffset) throws IOException {
        checkMinimum("Interface Description Block", length, MIN_IDB, blockOffset);
        loadBlock("Interface Description Block", length, blockOffset);
        byte[] b = src.buf;
        int p = src.pos;
        boolean be = bigEndian;
        int linkTypeCode = Bytes.uint16(b, p + 8, be);
        long snaplen = Bytes.uint32(b, p + 12, be);
        int end = p + length - 4;
        checkOptions("Interface Description Block", b, p + 16, end, be, blockOffset);
        long units = 1_000_000L;
        long tsOffset = 0;
        String name = "";
        int at = p + 16;
        while (end - at >= 4) {
            int code = Bytes.uint16(b, at, be);
            int len = Bytes.uint16(b, at + 2, be);
            at += 4;
            if (code == OPT_END) {
                break;
            }
            if (code == OPT_IF_TSRESOL && len == 1) {
                units = unitsPerSecond(b[at]);
            } else if (code == OPT_IF_TSOFFSET && len == 8) {
                tsOffset = Bytes.int64(b, at, be);
            } else if (code == OPT_IF_NAME) {
                name = new String(b, at, len, StandardCharsets.UTF_8).replace("\0", "");
            }
            at += (int) padded(len);
        }
        int fileId = interfaces.size();
        Iface iface = new Iface(fileId, linkTypeCode, snaplen, units, tsOffset);
        section.add(iface);
        interfaces.add(new InterfaceInfo(fileId, linkTypeCode, iface.linkType, snaplen, units,
                precisionDigits(units), name, iface.linkType != LinkType.UNKNOWN));
        src.pos += length;
    }

    /** if_tsresol: 10^-n seconds, or 2^-n with the top bit set; Wireshark's "all ones" when it overflows. */
    static long unitsPerSecond(byte tsresol) {
        int exponent = tsresol & 0x7F;
        boolean binary = (tsresol & 0x80) != 0;
        if (binary ? exponent >= 64 : exponent >= 20) {
            return -1L; // 2^64 - 1 ticks per second, as Wireshark sets it
        }
        long units = 1;
        for (int i = 0; i < exponent; i++) {
            units *= binary ? 2 : 10;
        }
        return units;
    }

    private void skipBlock(int type, long length, long blockOffset) throws IOException {
        if (length <= CHECKED_SKIP) {
            loadBlock(type, (int) length, blockOffset);
            src.pos += (int) length;
            return;
        }
        String what = blockName(type);
        if (!src.skip(length - 4)) {
            throw shortData(what, blockOffset, length, src.offset() - blockOffset);
        }
        if (!src.ensure(4)) {
            throw shortData(what, blockOffset, length, length - 4 + src.available());
        }
        long trailer = Bytes.uint32(src.buf, src.pos, bigEndian);
        if (trailer != length) {
            throw damage.corrupt(what + " has a trailing length of " + trailer + " instead of " + length,
                    blockOffset, frame);
        }
        src.pos += 4;
    }

    // ------------------------------------------------------------------ checks

    private void checkBlockLength(int type, long length, int minimum, long blockOffset) throws CaptureException {
        String problem = null;
        if (length < minimum) {
            problem = "less than the minimum of " + minimum;
        } else if (length % 4 != 0) {
            problem = "not a multiple of 4";
        } else if (length > MAX_BLOCK) {
            problem = "more than the maximum of " + MAX_BLOCK;
        }
        if (problem != null) {
            throw damage.corrupt(blockName(type) + " has a length of " + length + " bytes, " + problem, blockOffset,
                    frame);
        }
    }

    private static String blockName(int type) {
        return type == SHB ? "section header block" : String.format("block of type 0x%08x", type);
    }

    private void checkMinimum(String block, int length, int minimum, long blockOffset) throws CaptureException {
        if (length < minimum) {
            throw damage.corrupt(block + " of " + length + " bytes is shorter than the minimum of " + minimum,
                    blockOffset, frame);
        }
    }

    /** Brings the whole block into the window and checks that its trailing length repeats the leading one. */
    private void loadBlock(String block, int length, long blockOffset) throws IOException {
        if (!src.ensure(length)) {
            throw shortData(block, blockOffset, length, src.available());
        }
        checkTrailer(block, src.buf, src.pos, length, bigEndian, blockOffset);
    }

    /** {@link #loadBlock(String, int, long)} for a skipped block, naming it only when something is wrong. */
    private void loadBlock(int type, int length, long blockOffset) throws IOException {
        if (!src.ensure(length)) {
            throw shortData(blockName(type), blockOffset, length, src.available());
        }
        if (Bytes.uint32(src.buf, src.pos + length - 4, bigEndian) != length) {
            checkTrailer(blockName(type), src.buf, src.pos, length, bigEndian, blockOffset);
        }
    }

    private void checkTrailer(String block, byte[] b, int p, int length, boolean be, long blockOffset)
            throws CaptureException {
        long trailer = Bytes.uint32(b, p + length - 4, be);
        if (trailer != length) {
            throw damage.corrupt(block + " has a trailing length of " + trailer + " instead of " + length,
                    blockOffset, frame);
        }
    }

    /** Options must fit in their block, as Wireshark checks; it rejects the file otherwise. */
    private void checkOptions(String block, byte[] b, int at, int end, boolean be, long blockOffset)
            throws CaptureException {
        while (at < end) {
            if (end - at < 4) {
                throw damage.corrupt(block + " has " + (end - at) + " bytes left, too few for an option header",
                        blockOffset, frame);
            }
            int code = Bytes.uint16(b, at, be);
            int len = Bytes.uint16(b, at + 2, be);
            at += 4;
            if (code == OPT_END) {
                return;
            }
            if (len > end - at) {
                throw damage.corrupt(block + " has an option of " + len + " bytes but only " + (end - at)
                        + " bytes are left in the block", blockOffset, frame);
            }
            at += (int) Math.min(padded(len), end - at);
        }
    }

    private static long padded(long n) {
        return (n + 3) & ~3L;
    }
}

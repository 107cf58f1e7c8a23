package io.ackwatch.capture;

/**
 * One packet record as read from the file. This is a <em>reused</em> holder: a reader fills the same
 * instance on every {@link CaptureReader#next(PacketRecord)} call, so reading allocates nothing per packet.
 * Its content is valid only until the next call; a stage that needs to keep anything copies it.
 *
 * <p>Timestamps keep the file's seconds and fraction separately because damaged files can hold a fraction
 * out of range (Wireshark prints such a value unnormalised); {@link #timestampNanos()} folds them.
 */
public final class PacketRecord {
    private long frame;
    private int interfaceId;
    private int linkTypeCode;
    private LinkType linkType = LinkType.UNKNOWN;
    private long seconds;
    private long fractionNanos;
    private int capturedLength;
    private long originalLength;
    private byte[] data = new byte[0];
    private int offset;
    private long fileOffset;

    /** Fills every field; for capture readers. {@code data[offset, offset+capturedLength)} is the packet. */
    public void set(long frame, int interfaceId, int linkTypeCode, LinkType linkType, long seconds,
            long fractionNanos, int capturedLength, long originalLength, byte[] data, int offset, long fileOffset) {
        this.frame = frame;
        this.interfaceId = interfaceId;
        this.linkTypeCode = linkTypeCode;
        this.linkType = linkType;
        this.seconds = seconds;
        this.fractionNanos = fractionNanos;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.data = data;
        this.offset = offset;
        this.fileOffset = fileOffset;
    }

    /** Wireshark's frame.number: 1-based, every packet record in file order across all interfaces. */
    public long frame() {
        return frame;
    }

    /** File-wide interface id (0 for pcap). */
    public int interfaceId() {
        return interfaceId;
    }

    public int linkTypeCode() {
        return linkTypeCode;
    }

    public LinkType linkType() {
        return linkType;
    }

    public long seconds() {
        return seconds;
    }

    /** Fraction of the second in nanoseconds; may exceed 999_999_999 in damaged files. */
    public long fractionNanos() {
        return fractionNanos;
    }

    /** Nanoseconds since the epoch (valid until the year 2262). */
    public long timestampNanos() {
        return seconds * 1_000_000_000L + fractionNanos;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public long originalLength() {
        return originalLength;
    }

    /** Backing array; the packet is {@code data()[offset(), offset()+capturedLength())}. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** Byte offset of this record's header in the (uncompressed) capture stream. */
    public long fileOffset() {
        return fileOffset;
    }
}

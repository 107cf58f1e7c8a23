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
    private int sectionInterfaceId;
    private boolean hasTimestamp = true;
    private boolean packet = true;

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
        this.sectionInterfaceId = interfaceId;
        this.hasTimestamp = true;
        this.packet = true;
    }

    /**
     * For capture readers, after {@link #set}: the interface number local to the pcapng section, which is
     * what tshark 4.0 shows as {@code frame.interface_id} (it does not renumber interfaces of later sections).
     */
    public void setSectionInterfaceId(int sectionInterfaceId) {
        this.sectionInterfaceId = sectionInterfaceId;
    }

    /** For capture readers, after {@link #set}: the record has no timestamp (pcapng Simple Packet Block). */
    public void markNoTimestamp() {
        this.hasTimestamp = false;
    }

    /**
     * For capture readers, after {@link #set}: the record is not a packet but still a numbered frame (pcapng
     * custom, systemd-journal or sysdig block, which Wireshark numbers like packets); its link type is
     * {@link LinkType#UNKNOWN} and its interface id -1.
     */
    public void markNonPacket() {
        this.packet = false;
        this.hasTimestamp = false;
    }

    /**
     * For a capture set, after a file's reader filled this record: its frame and interface numbers moved on by
     * those of the set's earlier files, as {@code mergecap -a} numbers them.
     */
    public void renumber(long framesBefore, int interfacesBefore) {
        frame += framesBefore;
        if (interfaceId >= 0) {
            interfaceId += interfacesBefore;
        }
    }

    /** Wireshark's frame.number: 1-based, every packet record in file order across all interfaces. */
    public long frame() {
        return frame;
    }

    /**
     * File-wide interface id (0 for pcap): the index into {@link CaptureReader#interfaces()}; -1 for a
     * record that is not a packet.
     */
    public int interfaceId() {
        return interfaceId;
    }

    /**
     * The interface number as tshark 4.0 prints {@code frame.interface_id}: local to the pcapng section
     * (equal to {@link #interfaceId()} in single-section files; 0 for pcap).
     */
    public int sectionInterfaceId() {
        return sectionInterfaceId;
    }

    /** False for a pcapng Simple Packet Block and for non-packet records; the time fields are then 0. */
    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** False for pcapng records Wireshark numbers as frames but that carry no packet (e.g. custom blocks). */
    public boolean isPacket() {
        return packet;
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

    /**
     * Fraction of the second in nanoseconds, as Wireshark keeps it (a signed 32-bit value): may exceed
     * 999_999_999, or even be negative, in damaged pcap files.
     */
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

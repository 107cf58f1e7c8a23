package io.ackwatch.pipeline;

import io.ackwatch.capture.PacketRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packet records to a classic pcap file with their link type, timestamps and original lengths, so
 * that an evidence file opens in Wireshark exactly like the original frames. Nanosecond pcap when the
 * source had sub-microsecond precision.
 */
final class PcapWriter implements AutoCloseable {
    private static final int DEFAULT_SNAPLEN = 262144;

    private final OutputStream out;
    private final boolean nanos;
    private final int linkType;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

    /** @param snaplen the source interface's snapshot length, 0 or less when unknown */
    PcapWriter(Path file, int linkType, long snaplen, boolean nanos) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.nanos = nanos;
        this.linkType = linkType;
        ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0)
                .putInt(snaplen > 0 && snaplen <= Integer.MAX_VALUE ? (int) snaplen : DEFAULT_SNAPLEN).putInt(linkType);
        out.write(global.array());
    }

    int linkType() {
        return linkType;
    }

    void write(PacketRecord r) throws IOException {
        long fraction = nanos ? r.fractionNanos() : r.fractionNanos() / 1000;
        header.clear();
        header.putInt((int) r.seconds()).putInt((int) fraction).putInt(r.capturedLength())
                .putInt((int) Math.min(r.originalLength(), 0xFFFFFFFFL));
        out.write(header.array());
        out.write(r.data(), r.offset(), r.capturedLength());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.ackwatch.scale;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams Ethernet/IPv4/TCP frames into a little-endian pcap file, so that captures of hundreds of megabytes are
 * written without holding them in memory. Lengths are correct; checksums are zero (Wireshark does not check
 * them by default). Timestamps are written as the unsigned 32-bit seconds the format has. Public for the
 * hand-built captures of other packages' tests.
 */
public final class ScalePcapWriter implements Closeable {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private static final int HEADERS = 14 + 20 + 20;
    private static final int MAX_PAYLOAD = 1460;

    private final OutputStream out;
    private final boolean nanos;
    private final ByteBuffer frame = ByteBuffer.allocate(16 + HEADERS + MAX_PAYLOAD);
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private long frames;
    private int ipId;

    /** @param nanos true for the nanosecond-resolution magic, false for microseconds */
    public ScalePcapWriter(Path file, boolean nanos) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        this.nanos = nanos;
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('A' + i % 26);
        }
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(1);
        out.write(h.array());
    }

    /**
     * One TCP segment.
     *
     * @param seconds seconds since the epoch, 0 to 2^32-1
     * @param fraction microseconds or nanoseconds within the second, as the file's resolution says
     */
    void tcp(long seconds, long fraction, int srcIp, int srcPort, int dstIp, int dstPort, int flags, long seq, long ack,
            int payloadLength) throws IOException {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL || fraction < 0 || fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            throw new IllegalArgumentException("timestamp out of the pcap range: " + seconds + "." + fraction);
        }
        int ipLength = 20 + 20 + payloadLength;
        int captured = 14 + ipLength;
        ByteBuffer b = frame.clear();
        b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) seconds).putInt((int) fraction).putInt(captured).putInt(captured);
        b.order(ByteOrder.BIG_ENDIAN);
        // Ethernet: the MAC follows the IP, so both directions look like the same two stations
        b.putShort((short) 0x0200).putInt(dstIp).putShort((short) 0x0200).putInt(srcIp).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) ipId++).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(srcIp).putInt(dstIp);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(payload, 0, payloadLength);
        out.write(b.array(), 0, b.position());
        frames++;
    }

    /** One TCP segment at {@code epochNanos}, truncated to microseconds in a microsecond file. */
    public void tcpAt(long epochNanos, int srcIp, int srcPort, int dstIp, int dstPort, int flags, long seq, long ack,
            int payloadLength) throws IOException {
        long fraction = epochNanos % 1_000_000_000L;
        tcp(epochNanos / 1_000_000_000L, nanos ? fraction : fraction / 1000, srcIp, srcPort, dstIp, dstPort, flags, seq,
                ack, payloadLength);
    }

    /** Frames written so far, which is the frame number of the last one. */
    long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}

package io.ackwatch.flow;

import io.ackwatch.flow.TcpScript.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes hand-built Ethernet/IPv4/TCP frames into a nanosecond pcap file, for cross-checks with tshark. */
final class PcapWriter {
    /** One TCP segment on the wire; {@code shift} ≥ 0 adds a window-scale option, {@code mss} > 0 an MSS option. */
    record Frame(long nanos, Host src, Host dst, int flags, long seq, long ack, int window, int len, int shift,
            int mss) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int ipId;

    PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.writeBytes(h.array());
    }

    void add(Frame f) {
        int optLen = (f.mss() > 0 ? 4 : 0) + (f.shift() >= 0 ? 4 : 0);
        int tcpLen = 20 + optLen;
        int ipLen = 20 + tcpLen + f.len();
        ByteBuffer p = ByteBuffer.allocate(14 + ipLen).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) ipId++).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(f.src().ipv4()).putInt(f.dst().ipv4());
        p.putShort((short) f.src().port()).putShort((short) f.dst().port()).putInt((int) f.seq()).putInt((int) f.ack())
                .put((byte) ((tcpLen / 4) << 4)).put((byte) f.flags()).putShort((short) f.window())
                .putShort((short) 0).putShort((short) 0);
        if (f.mss() > 0) {
            p.put((byte) 2).put((byte) 4).putShort((short) f.mss());
        }
        if (f.shift() >= 0) {
            p.put((byte) 1).put((byte) 3).put((byte) 3).put((byte) f.shift());
        }
        for (int i = 0; i < f.len(); i++) {
            p.put((byte) ('a' + (i % 26)));
        }
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (f.nanos() / 1_000_000_000L)).putInt((int) (f.nanos() % 1_000_000_000L))
                .putInt(p.capacity()).putInt(p.capacity());
        out.writeBytes(r.array());
        out.writeBytes(p.array());
    }

    void write(Path file) throws IOException {
        Files.write(file, out.toByteArray());
    }
}

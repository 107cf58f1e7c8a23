import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a large benchmark capture from small Ethernet pcap files: the inputs are laid end to end as one
 * "round", and rounds are repeated with times shifted past the previous round. Every IP address is moved by a
 * number of its own for each input of each round, so each input's connections are new connections with the same
 * failure patterns. (Until 2026-12-07 the addresses moved per round only: the testdata files share addresses,
 * ports and initial sequence numbers, so a connection of one file and the same one of the next, a second later,
 * were one stream to Wireshark and to ackwatch, and half the connections of printer-1m were two merged.) Writes a
 * little-endian microsecond pcap.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/MultiplyCapture.java OUT PACKETS IN...}.
 */
public final class MultiplyCapture {
    private record Packet(long micros, byte[] data, int origLen, int input) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java MultiplyCapture.java OUT.pcap MIN_PACKETS IN.pcap...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long want = Long.parseLong(args[1]);
        List<Packet> round = new ArrayList<>();
        long offset = 0;
        int inputs = 0;
        for (int i = 2; i < args.length; i++) {
            List<Packet> part = read(Path.of(args[i]));
            if (part.isEmpty()) {
                continue;
            }
            long base = part.get(0).micros();
            long end = 0;
            for (Packet p : part) {
                long t = offset + (p.micros() - base);
                round.add(new Packet(t, p.data(), p.origLen(), inputs));
                end = Math.max(end, t);
            }
            offset = end + 1_000_000;
            inputs++;
        }
        if (round.isEmpty()) {
            throw new IOException("no packets in the inputs");
        }
        long roundSpan = offset;
        long start = 1_700_000_000L * 1_000_000L;
        long written = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer hdr = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            hdr.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
            os.write(hdr.array());
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; written < want; r++) {
                for (Packet p : round) {
                    long t = start + (long) r * roundSpan + p.micros();
                    byte[] d = p.data().clone();
                    shiftAddresses(d, r * inputs + p.input());
                    rec.clear();
                    rec.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(d.length).putInt(p.origLen());
                    os.write(rec.array());
                    os.write(d);
                    written++;
                }
            }
        }
        Files.writeString(Path.of(out + ".count"), written + "\n");
        System.err.printf("%s: %d packets (%d per round)%n", out, written, round.size());
    }

    private static List<Packet> read(Path file) throws IOException {
        List<Packet> packets = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            byte[] gh = in.readNBytes(24);
            ByteBuffer g = ByteBuffer.wrap(gh).order(ByteOrder.LITTLE_ENDIAN);
            int magic = g.getInt(0);
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
                order = ByteOrder.BIG_ENDIAN;
                magic = Integer.reverseBytes(magic);
            }
            boolean nanos = magic == 0xA1B23C4D;
            if (magic != 0xA1B2C3D4 && !nanos) {
                throw new IOException(file + ": not a classic pcap file");
            }
            if (ByteBuffer.wrap(gh).order(order).getInt(20) != 1) {
                throw new IOException(file + ": only Ethernet captures can be multiplied");
            }
            while (true) {
                byte[] rh = in.readNBytes(16);
                if (rh.length < 16) {
                    break;
                }
                ByteBuffer h = ByteBuffer.wrap(rh).order(order);
                long sec = h.getInt(0) & 0xFFFFFFFFL;
                long frac = h.getInt(4) & 0xFFFFFFFFL;
                int cap = h.getInt(8);
                int orig = h.getInt(12);
                byte[] data = in.readNBytes(cap);
                if (data.length < cap) {
                    break;
                }
                packets.add(new Packet(sec * 1_000_000 + (nanos ? frac / 1000 : frac), data, orig, 0));
            }
        }
        return packets;
    }

    /** Adds {@code shift} to both IP addresses (IPv4 bytes 1-2, IPv6 bytes 4-5), behind any VLAN tags. */
    private static void shiftAddresses(byte[] d, int shift) {
        int off = 12;
        int type = u16(d, off);
        while ((type == 0x8100 || type == 0x88A8) && off + 6 <= d.length) {
            off += 4;
            type = u16(d, off);
        }
        int ip = off + 2;
        if (type == 0x0800 && ip + 20 <= d.length) {
            add16(d, ip + 12 + 1, shift);
            add16(d, ip + 16 + 1, shift);
        } else if (type == 0x86DD && ip + 40 <= d.length) {
            add16(d, ip + 8 + 4, shift);
            add16(d, ip + 24 + 4, shift);
        }
    }

    private static int u16(byte[] d, int i) {
        return i + 2 <= d.length ? ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF) : 0;
    }

    private static void add16(byte[] d, int i, int v) {
        int x = (u16(d, i) + v) & 0xFFFF;
        d[i] = (byte) (x >>> 8);
        d[i + 1] = (byte) x;
    }
}

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes the two benchmark shapes that printer captures do not give (little-endian microsecond Ethernet pcap,
 * addresses in 172.16.0.0/12, so they never collide with testdata's 10.99.0.0/16):
 *
 * <ul>
 *   <li>{@code short OUT CONNECTIONS}: many short web connections (handshake, a request, a one- to
 *       four-segment answer, FINs both ways) from 4,000 clients to 40 servers on ports 80 and 443, each
 *       preceded by a DNS query and answer; a new connection every 0.5 ms, so a few overlap. This is the shape
 *       where connection state, not per-packet work, decides the cost: {@code --all-flows} judges every one.</li>
 *   <li>{@code mirror OUT PACKETS PRINTERS.pcap}: a mirror port where printers are a small part: bulk transfers
 *       (SMB port 445, an ACK every second segment) spread evenly over the time span of {@code PRINTERS.pcap}
 *       (made by MultiplyCapture, held in memory: keep it small), merged with its packets in time order,
 *       {@code PACKETS} in all.</li>
 * </ul>
 *
 * <p>Payloads look like the real thing (HTTP text on port 80, TLS records and SMB data as random bytes), so that
 * content readers do the work real traffic makes them do. Checksums are left zero (neither tshark nor ackwatch checks them by default). Run with the JDK's source
 * launcher: {@code java bench/SyntheticCapture.java short bench/out/short.pcap 200000}.
 */
public final class SyntheticCapture {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;
    private static final long START_MICROS = 1_700_000_000L * 1_000_000L;

    /** One packet waiting to be written: its time, and the frame. */
    private record Frame(long micros, byte[] data) {}

    private final PriorityQueue<Frame> pending = new PriorityQueue<>((a, b) -> Long.compare(a.micros, b.micros));
    private final OutputStream os;
    private final ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private int ipId;

    private SyntheticCapture(OutputStream os) throws IOException {
        this.os = os;
        ByteBuffer hdr = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        hdr.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        os.write(hdr.array());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("short") || args[0].equals("mirror") && args.length == 4)) {
            System.err.println("usage: java SyntheticCapture.java short OUT.pcap CONNECTIONS\n"
                    + "       java SyntheticCapture.java mirror OUT.pcap PACKETS PRINTERS.pcap");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        long count = Long.parseLong(args[2]);
        long written;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            SyntheticCapture w = new SyntheticCapture(os);
            if (args[0].equals("short")) {
                w.shortConnections(count);
            } else {
                w.mirror(count, Path.of(args[3]));
            }
            w.flushBefore(Long.MAX_VALUE);
            written = w.written;
        }
        Files.writeString(Path.of(out + ".count"), written + "\n");
        System.err.printf("%s: %d packets%n", out, written);
    }

    private void shortConnections(long connections) throws IOException {
        SplittableRandom random = new SplittableRandom(19);
        int[] nextPort = new int[4000];
        for (long i = 0; i < connections; i++) {
            long t = START_MICROS + i * 500;
            flushBefore(t);
            int client = (int) (i % nextPort.length);
            int clientIp = 0xAC10_0000 | (client + 2);      // 172.16.x.y
            int server = random.nextInt(40);
            int serverIp = 0xAC1F_0000 | (server + 2);      // 172.31.0.x
            int serverPort = server % 2 == 0 ? 80 : 443;
            int clientPort = 32768 + nextPort[client]++ % 28000;
            long rtt = 300 + random.nextInt(700);
            // the DNS lookup that precedes it
            int dnsIp = 0xAC1F_FF02;
            int dnsPort = 40000 + random.nextInt(20000);
            int dnsId = random.nextInt(0x10000);
            queue(t, dns(udp(clientIp, dnsIp, dnsPort, 53, 40), dnsId, 0x0100));
            queue(t + rtt, dns(udp(dnsIp, clientIp, 53, dnsPort, 120), dnsId, 0x8180));
            t += rtt + 50;
            long cs = random.nextInt() & 0xFFFFFFFFL;
            long ss = random.nextInt() & 0xFFFFFFFFL;
            queue(t, tcp(clientIp, serverIp, clientPort, serverPort, cs, 0, SYN, 0, true));
            queue(t + rtt, tcp(serverIp, clientIp, serverPort, clientPort, ss, cs + 1, SYN | ACK, 0, true));
            cs++;
            ss++;
            long c = t + rtt + 60;
            queue(c, tcp(clientIp, serverIp, clientPort, serverPort, cs, ss, ACK, 0, false));
            int request = 200 + random.nextInt(300);
            queue(c + 20, web(tcp(clientIp, serverIp, clientPort, serverPort, cs, ss, PSH | ACK, request, false),
                    serverPort, true, true, random));
            cs += request;
            long s = c + 20 + rtt + 200;
            int segments = 1 + random.nextInt(4);
            for (int k = 0; k < segments; k++) {
                int len = k == segments - 1 ? 100 + random.nextInt(1348) : 1448;
                queue(s + k * 10L, web(tcp(serverIp, clientIp, serverPort, clientPort, ss, cs,
                        (k == segments - 1 ? PSH : 0) | ACK, len, false), serverPort, false, k == 0, random));
                ss += len;
            }
            long a = s + segments * 10L + rtt;
            queue(a, tcp(clientIp, serverIp, clientPort, serverPort, cs, ss, ACK, 0, false));
            queue(a + 100, tcp(clientIp, serverIp, clientPort, serverPort, cs, ss, FIN | ACK, 0, false));
            queue(a + 100 + rtt, tcp(serverIp, clientIp, serverPort, clientPort, ss, cs + 1, FIN | ACK, 0, false));
            queue(a + 100 + 2 * rtt, tcp(clientIp, serverIp, clientPort, serverPort, cs + 1, ss + 1, ACK, 0, false));
        }
    }

    /** Bulk transfers over the printers' time span, merged with their packets. */
    private void mirror(long packets, Path printers) throws IOException {
        List<Frame> printer = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(printers), 1 << 20))) {
            ByteBuffer g = ByteBuffer.wrap(in.readNBytes(24)).order(ByteOrder.LITTLE_ENDIAN);
            if (g.getInt(0) != 0xA1B2C3D4 || g.getInt(20) != 1) {
                throw new IOException(printers + ": expected a little-endian microsecond Ethernet pcap (MultiplyCapture's)");
            }
            for (Frame f = next(in); f != null; f = next(in)) {
                printer.add(f);
            }
        }
        if (printer.isEmpty()) {
            throw new IOException(printers + ": no packets");
        }
        long first = printer.get(0).micros;
        long span = Math.max(1, printer.get(printer.size() - 1).micros - first);
        long background = Math.max(0, packets - printer.size());
        long gap = Math.max(1, span / Math.max(1, background));
        for (Frame f : printer) {
            queue(f.micros, f.data);
        }
        SplittableRandom random = new SplittableRandom(23);
        long t = first;
        long made = 0;
        for (int transfer = 0; made < background; transfer++) {
            // one transfer: 300 segments of 1448 bytes, an ACK every second one
            int clientIp = 0xAC10_0000 | (transfer % 60000 + 2);
            int serverIp = 0xAC1F_0100 | (transfer % 50 + 2);
            int clientPort = 49152 + transfer % 16000;
            long cs = random.nextInt() & 0xFFFFFFFFL;
            long ss = random.nextInt() & 0xFFFFFFFFL;
            for (int k = 0; k < 300 && made < background; k++) {
                flushBefore(t);
                queue(t, noise(tcp(clientIp, serverIp, clientPort, 445, cs, ss, ACK, 1448, false), random));
                cs += 1448;
                made++;
                t += gap;
                if (k % 2 == 1 && made < background) {
                    queue(t, tcp(serverIp, clientIp, 445, clientPort, ss, cs, ACK, 0, false));
                    made++;
                    t += gap;
                }
            }
        }
    }

    private static Frame next(DataInputStream in) throws IOException {
        byte[] rh = in.readNBytes(16);
        if (rh.length < 16) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(rh).order(ByteOrder.LITTLE_ENDIAN);
        long micros = (h.getInt(0) & 0xFFFFFFFFL) * 1_000_000 + (h.getInt(4) & 0xFFFFFFFFL);
        byte[] data = in.readNBytes(h.getInt(8));
        return new Frame(micros, data);
    }

    private void queue(long micros, byte[] frame) {
        pending.add(new Frame(micros, frame));
    }

    private void flushBefore(long micros) throws IOException {
        while (!pending.isEmpty() && pending.peek().micros < micros) {
            Frame f = pending.poll();
            rec.clear();
            rec.putInt((int) (f.micros / 1_000_000)).putInt((int) (f.micros % 1_000_000))
                    .putInt(f.data.length).putInt(f.data.length);
            os.write(rec.array());
            os.write(f.data);
            written++;
        }
    }

    private byte[] tcp(int src, int dst, int sport, int dport, long seq, long ack, int flags, int len, boolean syn) {
        int options = syn ? 12 : 0; // MSS, SACK permitted, NOPs, window scale
        byte[] d = ip(src, dst, 6, 20 + options + len);
        int o = 34;
        put16(d, o, sport);
        put16(d, o + 2, dport);
        put32(d, o + 4, seq);
        put32(d, o + 8, ack);
        d[o + 12] = (byte) ((20 + options) / 4 << 4);
        d[o + 13] = (byte) flags;
        put16(d, o + 14, syn ? 64240 : 501);
        if (syn) {
            byte[] opts = {2, 4, 0x05, (byte) 0xB4, 1, 3, 3, 7, 1, 1, 4, 2};
            System.arraycopy(opts, 0, d, o + 20, opts.length);
        }
        return d;
    }

    /** Offset of the payload in a frame from {@link #tcp} without options. */
    private static final int PAYLOAD = 14 + 20 + 20;
    private static final byte[] LOREM = ("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
            + " tempor incididunt ut labore et dolore magna aliqua.</p>\n").getBytes(StandardCharsets.US_ASCII);

    /**
     * Fills a web segment's payload as real traffic looks, not with zeros (a reader that skips blanks would then
     * scan the whole stream, which no real stream makes it do): on port 80 an HTTP request or an answer with an
     * HTML body, on 443 TLS application-data records of random bytes.
     */
    private static byte[] web(byte[] frame, int serverPort, boolean fromClient, boolean first,
            SplittableRandom random) {
        int len = frame.length - PAYLOAD;
        if (serverPort == 443) {
            noise(frame, random);
            if (first) {
                frame[PAYLOAD] = 0x17;
                frame[PAYLOAD + 1] = 0x03;
                frame[PAYLOAD + 2] = 0x03;
            }
            return frame;
        }
        String start = !first ? "" : fromClient
                ? "GET /page/" + random.nextInt(100_000) + " HTTP/1.1\r\nHost: intranet.example\r\n"
                        + "User-Agent: Mozilla/5.0\r\nAccept: text/html\r\nCookie: id=" + random.nextLong() + "\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: nginx\r\n\r\n<html><body>\n";
        byte[] head = start.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(head.length, len);
        System.arraycopy(head, 0, frame, PAYLOAD, n);
        for (int i = n; i < len; i++) {
            frame[PAYLOAD + i] = fromClient ? (byte) (i == len - 1 ? '\n' : i == len - 2 ? '\r' : 'x')
                    : LOREM[(i - n) % LOREM.length];
        }
        return frame;
    }

    /** Random payload bytes (compressed or encrypted data). */
    private static byte[] noise(byte[] frame, SplittableRandom random) {
        for (int i = PAYLOAD; i < frame.length; i++) {
            frame[i] = (byte) random.nextInt(256);
        }
        return frame;
    }

    private byte[] udp(int src, int dst, int sport, int dport, int len) {
        byte[] d = ip(src, dst, 17, 8 + len);
        put16(d, 34, sport);
        put16(d, 36, dport);
        put16(d, 38, 8 + len);
        return d;
    }

    /** A DNS header (the rest stays zero): its own ID, so tshark does not take queries for retransmissions. */
    private static byte[] dns(byte[] frame, int id, int flags) {
        put16(frame, 42, id);
        put16(frame, 44, flags);
        return frame;
    }

    /** Ethernet and IPv4 headers for {@code payload} bytes after the IP header. */
    private byte[] ip(int src, int dst, int protocol, int payload) {
        byte[] d = new byte[14 + 20 + payload];
        d[0] = 0x02;
        d[5] = (byte) dst;
        d[6] = 0x02;
        d[11] = (byte) src;
        put16(d, 12, 0x0800);
        d[14] = 0x45;
        put16(d, 16, 20 + payload);
        put16(d, 18, ipId++ & 0xFFFF);
        d[20] = 0x40; // don't fragment
        d[22] = 64;
        d[23] = (byte) protocol;
        put32(d, 26, src & 0xFFFFFFFFL);
        put32(d, 30, dst & 0xFFFFFFFFL);
        return d;
    }

    private static void put16(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 8);
        d[i + 1] = (byte) v;
    }

    private static void put32(byte[] d, int i, long v) {
        d[i] = (byte) (v >>> 24);
        d[i + 1] = (byte) (v >>> 16);
        d[i + 2] = (byte) (v >>> 8);
        d[i + 3] = (byte) v;
    }
}

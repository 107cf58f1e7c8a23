package io.ackwatch.decode;

import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Builds packets byte by byte for decoder tests (the layouts are the RFCs', written out by hand). */
final class Packets {
    static final String CLIENT = "10.0.0.1";
    static final String SERVER = "10.0.0.2";
    static final String CLIENT6 = "2001:db8::1";
    static final String SERVER6 = "2001:db8::2";

    private Packets() {}

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] u16(int v) {
        return bytes(v >> 8, v);
    }

    static byte[] u32(long v) {
        return bytes((int) (v >> 24), (int) (v >> 16), (int) (v >> 8), (int) v);
    }

    static byte[] u32le(long v) {
        return bytes((int) v, (int) (v >> 8), (int) (v >> 16), (int) (v >> 24));
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static byte[] head(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    // ---- link layers

    static byte[] eth(int type, byte[] payload) {
        return cat(bytes(0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB), u16(type), payload);
    }

    /** A VLAN tag (TCI, then the inner type) in front of {@code payload}. */
    static byte[] vlan(int tci, int innerType, byte[] payload) {
        return cat(u16(tci), u16(innerType), payload);
    }

    static byte[] mpls(int label, boolean bottom, byte[] payload) {
        return cat(u32(((long) label << 12) | (bottom ? 0x100 : 0) | 64), payload);
    }

    static byte[] pppoeSession(int pppProtocol, byte[] payload) {
        return cat(bytes(0x11, 0x00), u16(0x1234), u16(payload.length + 2), u16(pppProtocol), payload);
    }

    static byte[] llcSnap(int ethertype, byte[] payload) {
        return cat(bytes(0xAA, 0xAA, 0x03, 0, 0, 0), u16(ethertype), payload);
    }

    /** A data frame (type 2) with zero addresses; {@code extra} is what follows the sequence control. */
    static byte[] wlanData(int subtype, int flags, byte[] extra, byte[] body) {
        return cat(bytes(subtype << 4 | 8, flags, 44, 0), zeros(18), bytes(0x10, 0), extra, body);
    }

    /** An A-MSDU subframe: destination, source, length, LLC frame, padded to 4 bytes. */
    static byte[] amsduSubframe(byte[] llc) {
        return cat(zeros(12), u16(llc.length), llc, zeros(-(14 + llc.length) & 3));
    }

    /** A radiotap header with TSFT and Flags. */
    static byte[] radiotap(int flags, byte[] frame) {
        return cat(bytes(0, 0, 18, 0), u32le(3), zeros(8), bytes(flags, 0), frame);
    }

    static byte[] gre(int flags, int protocol, byte[] optionalFields, byte[] payload) {
        return cat(u16(flags), u16(protocol), optionalFields, payload);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return cat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
    }

    static byte[] icmpError(int type, int code, byte[] quoted) {
        return cat(bytes(type, code, 0, 0), zeros(4), quoted);
    }

    static PacketRecord record(LinkType type, byte[] data) {
        return record(type, data, data.length);
    }

    static PacketRecord record(LinkType type, byte[] data, long originalLength) {
        PacketRecord r = new PacketRecord();
        r.set(1, 0, type.code(), type, 0, 0, data.length, originalLength, data, 0, 0);
        return r;
    }

    // ---- IP and TCP builders

    static Ipv4 ipv4() {
        return new Ipv4();
    }

    static Ipv6 ipv6() {
        return new Ipv6();
    }

    static Tcp tcp() {
        return new Tcp();
    }

    static final class Ipv4 {
        String src = CLIENT;
        String dst = SERVER;
        int protocol = 6;
        int id = 1;
        int flagsAndOffset = 0x4000;
        int ttl = 64;
        int totalLength = -1;
        int ihlOverride = -1;
        byte[] options = new byte[0];
        byte[] payload = new byte[0];

        Ipv4 src(String s) { src = s; return this; }
        Ipv4 dst(String d) { dst = d; return this; }
        Ipv4 protocol(int p) { protocol = p; return this; }
        Ipv4 id(int i) { id = i; return this; }
        Ipv4 ttl(int t) { ttl = t; return this; }
        Ipv4 totalLength(int t) { totalLength = t; return this; }
        Ipv4 ihl(int words) { ihlOverride = words; return this; }
        Ipv4 options(byte[] o) { options = o; return this; }
        Ipv4 payload(byte[] p) { payload = p; return this; }

        /** Fragment offset in bytes (multiple of 8) and the more-fragments flag. */
        Ipv4 fragment(int offsetBytes, boolean more) {
            flagsAndOffset = (more ? 0x2000 : 0) | (offsetBytes / 8);
            return this;
        }

        byte[] build() {
            int ihl = ihlOverride >= 0 ? ihlOverride : 5 + options.length / 4;
            int total = totalLength >= 0 ? totalLength : 20 + options.length + payload.length;
            return cat(bytes(0x40 | ihl, 0), u16(total), u16(id), u16(flagsAndOffset), bytes(ttl, protocol), u16(0),
                    address(src), address(dst), options, payload);
        }
    }

    static final class Ipv6 {
        String src = CLIENT6;
        String dst = SERVER6;
        int nextHeader = 6;
        int hopLimit = 64;
        int payloadLength = -1;
        byte[] payload = new byte[0];

        Ipv6 src(String s) { src = s; return this; }
        Ipv6 dst(String d) { dst = d; return this; }
        Ipv6 nextHeader(int n) { nextHeader = n; return this; }
        Ipv6 payloadLength(int n) { payloadLength = n; return this; }
        Ipv6 payload(byte[] p) { payload = p; return this; }

        byte[] build() {
            int plen = payloadLength >= 0 ? payloadLength : payload.length;
            return cat(u32(0x6000_0000L), u16(plen), bytes(nextHeader, hopLimit), address(src), address(dst), payload);
        }
    }

    /** A generic IPv6 extension header (hop-by-hop, routing, destination options), padded to 8 bytes. */
    static byte[] extensionHeader(int nextHeader, byte[] body) {
        int length = body.length + 2;
        int padded = (length + 7) / 8 * 8;
        return cat(bytes(nextHeader, padded / 8 - 1), body, zeros(padded - length));
    }

    static byte[] fragmentHeader(int nextHeader, int offsetBytes, boolean more, long id) {
        return cat(bytes(nextHeader, 0), u16((offsetBytes & 0xFFF8) | (more ? 1 : 0)), u32(id));
    }

    static final class Tcp {
        int sport = 40000;
        int dport = 9100;
        long seq = 1000;
        long ack = 0;
        int flags = TcpSegment.SYN;
        int window = 65535;
        int dataOffset = -1;
        byte[] options = new byte[0];
        byte[] payload = new byte[0];

        Tcp ports(int s, int d) { sport = s; dport = d; return this; }
        Tcp seq(long s) { seq = s; return this; }
        Tcp ack(long a) { ack = a; return this; }
        Tcp flags(int f) { flags = f; return this; }
        Tcp window(int w) { window = w; return this; }
        Tcp dataOffset(int words) { dataOffset = words; return this; }
        Tcp options(byte[] o) { options = o; return this; }
        Tcp payload(byte[] p) { payload = p; return this; }
        Tcp payload(String text) { payload = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII); return this; }

        byte[] build() {
            int offset = dataOffset >= 0 ? dataOffset : 5 + options.length / 4;
            return cat(u16(sport), u16(dport), u32(seq), u32(ack), u16((offset << 12) | (flags & 0x0FFF)), u16(window),
                    u16(0), u16(0), options, payload);
        }
    }
}

package io.ackwatch.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds pcap and pcapng files byte by byte for unit tests of the readers. */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes pcap(int magic, ByteOrder order, int major, int minor, int snaplen, int network) {
        CaptureBytes b = new CaptureBytes(order);
        b.u32(magic).u16(major).u16(minor).u32(0).u32(0).u32(snaplen).u32(network);
        return b;
    }

    static CaptureBytes pcapng() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
    }

    /** A pcap record: 16-byte header (plus {@code extra} bytes for the modified format) and the data. */
    CaptureBytes record(long sec, long frac, int capLen, int origLen, int extraHeader) {
        u32(sec).u32(frac).u32(capLen).u32(origLen);
        out.writeBytes(new byte[extraHeader]);
        out.writeBytes(payload(capLen));
        return this;
    }

    /** A section header block in {@code order}; later blocks use that order. */
    CaptureBytes shb(ByteOrder order, int major, int minor, byte[] options) {
        this.order = order;
        return block(0x0A0D0D0A, concat(buf(16).putInt(0x1A2B3C4D).putShort((short) major).putShort((short) minor)
                .putLong(-1).array(), options));
    }

    CaptureBytes shb(ByteOrder order) {
        return shb(order, 1, 0, new byte[0]);
    }

    CaptureBytes idb(int linkType, int snaplen, byte[] options) {
        return block(1, concat(buf(8).putShort((short) linkType).putShort((short) 0).putInt(snaplen).array(), options));
    }

    CaptureBytes epb(int iface, long ticks, int capLen, int origLen) {
        return block(6, concat(buf(20).putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(capLen)
                .putInt(origLen).array(), padded(payload(capLen))));
    }

    CaptureBytes pb(int iface, long ticks, int capLen, int origLen) {
        return block(2, concat(buf(20).putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32))
                .putInt((int) ticks).putInt(capLen).putInt(origLen).array(), padded(payload(capLen))));
    }

    CaptureBytes spb(int origLen, int dataLen) {
        return block(3, concat(buf(4).putInt(origLen).array(), padded(payload(dataLen))));
    }

    CaptureBytes custom(boolean copy, int pen, String text) {
        return block(copy ? 0xBAD : 0x40000BAD, concat(buf(4).putInt(pen).array(),
                padded(text.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Any block: type, total length, body (already padded), total length. */
    CaptureBytes block(int type, byte[] body) {
        int total = 12 + body.length;
        return rawBlock(type, total, body, total);
    }

    CaptureBytes rawBlock(int type, int length, byte[] body, int trailer) {
        u32(type).u32(length);
        out.writeBytes(body);
        return u32(trailer);
    }

    /** An option TLV, padded to 4 bytes. */
    byte[] option(int code, byte[] value) {
        return concat(buf(4).putShort((short) code).putShort((short) value.length).array(), padded(value));
    }

    byte[] endOfOptions() {
        return new byte[4];
    }

    byte[] int64(long v) {
        return buf(8).putLong(v).array();
    }

    CaptureBytes u32(long v) {
        out.writeBytes(buf(4).putInt((int) v).array());
        return this;
    }

    CaptureBytes u16(int v) {
        out.writeBytes(buf(2).putShort((short) v).array());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Recognisable packet bytes: byte i is {@code i & 0xFF}. */
    static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] padded(byte[] b) {
        byte[] p = new byte[(b.length + 3) & ~3];
        System.arraycopy(b, 0, p, 0, b.length);
        return p;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }
}

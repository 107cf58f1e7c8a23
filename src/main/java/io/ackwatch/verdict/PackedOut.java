package io.ackwatch.verdict;

import java.util.Arrays;

/**
 * Variable-length numbers and bytes for {@link VerdictPacker}: a growable buffer reused for every connection; each
 * packed verdict gets an exact-size copy.
 */
final class PackedOut {
    byte[] buf = new byte[512];
    int pos;

    void reset() {
        pos = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }

    void varint(int v) {
        varlong(v & 0xFFFF_FFFFL);
    }

    void zigzag(long v) {
        varlong((v << 1) ^ (v >> 63));
    }

    void varlong(long v) {
        if (pos + 10 > buf.length) {
            grow(10);
        }
        // locals: the client compiler would load and store the fields once per byte
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    void bytes(byte[] b, int length) {
        bytes(b, 0, length);
    }

    void bytes(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, buf, pos, length);
        pos += length;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
}

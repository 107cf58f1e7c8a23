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
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void bytes(byte[] b, int length) {
        ensure(length);
        System.arraycopy(b, 0, buf, pos, length);
        pos += length;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}

package io.ackwatch.verdict;

import java.nio.charset.StandardCharsets;

/** Reads what {@link PackedOut} wrote. */
final class PackedIn {
    final byte[] buf;
    int pos;

    PackedIn(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int varint() {
        return (int) varlong();
    }

    long zigzag() {
        long v = varlong();
        return (v >>> 1) ^ -(v & 1);
    }

    String utf8(int length) {
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    long varlong() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
            shift += 7;
        }
    }
}

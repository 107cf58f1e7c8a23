package io.ackwatch.decode;

/**
 * Unsigned big- and little-endian reads from a byte array, without wrappers (the decoder's hot path). The
 * 32-bit reads are built from the 16-bit ones so that every method stays under C1's inlining limit (35
 * bytecode bytes); written out in one expression they were a call per field.
 */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    static long u32(byte[] b, int i) {
        return (u16(b, i) << 16 | u16(b, i + 2)) & 0xFFFF_FFFFL;
    }

    static long u32le(byte[] b, int i) {
        return (u16le(b, i + 2) << 16 | u16le(b, i)) & 0xFFFF_FFFFL;
    }

    /** Six bytes big-endian (a MAC address). */
    static long u48(byte[] b, int i) {
        return ((long) u16(b, i) << 32) | u32(b, i + 2);
    }

    /** Eight bytes big-endian as a long (an IPv6 address half). */
    static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }
}

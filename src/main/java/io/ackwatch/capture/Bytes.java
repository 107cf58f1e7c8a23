package io.ackwatch.capture;

/**
 * Reads fixed-width unsigned fields from a byte array in either byte order, without allocating. Plain shifts
 * rather than byte-array VarHandles: the launcher runs the C1 compiler only, which does not inline the
 * VarHandle byte-order conversion, and these reads happen for every record of a capture. Each method is built
 * from the 16-bit reads so that its bytecode stays under C1's inlining limit (35 bytes): a four-byte read
 * written out in one expression is 43 bytes and became a call per field.
 */
final class Bytes {
    private Bytes() {}

    /** Signed 32-bit value. */
    static int int32(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? int32be(b, at) : int32le(b, at);
    }

    /** Unsigned 32-bit value. */
    static long uint32(byte[] b, int at, boolean bigEndian) {
        return int32(b, at, bigEndian) & 0xFFFF_FFFFL;
    }

    static int uint16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? uint16be(b, at) : uint16le(b, at);
    }

    static long int64(byte[] b, int at, boolean bigEndian) {
        long first = uint32(b, at, bigEndian);
        long second = uint32(b, at + 4, bigEndian);
        return bigEndian ? first << 32 | second : second << 32 | first;
    }

    private static int int32be(byte[] b, int at) {
        return uint16be(b, at) << 16 | uint16be(b, at + 2);
    }

    private static int int32le(byte[] b, int at) {
        return uint16le(b, at + 2) << 16 | uint16le(b, at);
    }

    private static int uint16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int uint16le(byte[] b, int at) {
        return (b[at + 1] & 0xFF) << 8 | b[at] & 0xFF;
    }

    /** The first {@code n} bytes at {@code at} as hex, for messages. */
    static String hex(byte[] b, int at, int n) {
        StringBuilder sb = new StringBuilder(2 * n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((b[at + i] >> 4) & 0xF, 16)).append(Character.forDigit(b[at + i] & 0xF, 16));
        }
        return sb.toString();
    }
}

package io.ackwatch.capture;

/**
 * Reads fixed-width unsigned fields from a byte array in either byte order, without allocating. Plain shifts
 * rather than byte-array VarHandles: the launcher runs the C1 compiler only, which does not inline the
 * VarHandle byte-order conversion, and these reads happen for every record of a capture.
 */
final class Bytes {
    private Bytes() {}

    /** Signed 32-bit value. */
    static int int32(byte[] b, int at, boolean bigEndian) {
        return bigEndian
                ? b[at] << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF)
                : b[at + 3] << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    /** Unsigned 32-bit value. */
    static long uint32(byte[] b, int at, boolean bigEndian) {
        return Integer.toUnsignedLong(int32(b, at, bigEndian));
    }

    static int uint16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    static long int64(byte[] b, int at, boolean bigEndian) {
        long first = uint32(b, at, bigEndian);
        long second = uint32(b, at + 4, bigEndian);
        return bigEndian ? first << 32 | second : second << 32 | first;
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

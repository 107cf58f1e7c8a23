package io.ackwatch.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads fixed-width unsigned fields from a byte array in either byte order, without allocating. */
final class Bytes {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    /** Signed 32-bit value. */
    static int int32(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(b, at) : (int) INT_LE.get(b, at);
    }

    /** Unsigned 32-bit value. */
    static long uint32(byte[] b, int at, boolean bigEndian) {
        return Integer.toUnsignedLong(int32(b, at, bigEndian));
    }

    static int uint16(byte[] b, int at, boolean bigEndian) {
        short s = bigEndian ? (short) SHORT_BE.get(b, at) : (short) SHORT_LE.get(b, at);
        return Short.toUnsignedInt(s);
    }

    static long int64(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (long) LONG_BE.get(b, at) : (long) LONG_LE.get(b, at);
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

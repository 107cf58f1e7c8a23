package io.ackwatch.flow;

/**
 * TCP sequence-number arithmetic on unsigned 32-bit values held in longs, wrap-aware the way Wireshark's
 * {@code GT_SEQ}/{@code LT_SEQ}/{@code LE_SEQ} macros are (the signed 32-bit difference decides).
 */
final class Seq32 {
    static final long MASK = 0xFFFF_FFFFL;

    private Seq32() {}

    static long add(long a, long b) {
        return (a + b) & MASK;
    }

    static long sub(long a, long b) {
        return (a - b) & MASK;
    }

    /** a after b. */
    static boolean gt(long a, long b) {
        return (int) (a - b) > 0;
    }

    /** a before b. */
    static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }

    static boolean ge(long a, long b) {
        return (int) (a - b) >= 0;
    }

    /**
     * Extends a 32-bit value to 64 bits next to a 64-bit reference (the nearest value with the same low 32
     * bits), so byte counts of streams longer than 4 GiB stay right.
     */
    static long unwrap(long value32, long reference) {
        return reference + (int) (value32 - (reference & MASK));
    }
}

package io.ackwatch.capture;

/** Formats packet timestamps exactly as tshark 4.0 prints {@code frame.time_epoch}. */
public final class EpochTime {
    private EpochTime() {}

    /**
     * {@code seconds.fraction} with nine fraction digits. A fraction out of range (damaged pcap files) is
     * printed the way Wireshark does: unnormalised, and a negative one as its magnitude with a leading
     * minus sign on the whole value (e.g. {@code 1.1147483649}, {@code -1418145370.2147483648}).
     */
    public static String format(long seconds, long fractionNanos) {
        StringBuilder sb = new StringBuilder(24);
        long frac = fractionNanos;
        if (frac < 0) {
            // Wireshark negates a 32-bit value: INT_MIN stays INT_MIN and is then shown as unsigned
            frac = (-frac) & 0xFFFF_FFFFL;
            if (seconds >= 0) {
                sb.append('-');
            }
        }
        sb.append(seconds).append('.');
        String digits = Long.toString(frac);
        for (int i = digits.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** The record's time as tshark prints it; empty for records without a timestamp, as tshark leaves it. */
    public static String format(PacketRecord r) {
        return r.hasTimestamp() ? format(r.seconds(), r.fractionNanos()) : "";
    }
}

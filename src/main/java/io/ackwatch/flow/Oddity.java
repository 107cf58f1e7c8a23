package io.ackwatch.flow;

import io.ackwatch.decode.TcpSegment;

/**
 * Something in a packet that printer firmware is known to choke on and that a healthy print job rarely carries.
 * The tracker keeps, per direction of a connection, which of these it saw and the first frame of each
 * ({@link Oddities}); the onset analysis compares them with the printer's healthy period.
 */
public enum Oddity {
    URGENT("urgent data (URG set)"),
    ECN("ECN (ECE/CWR flags or an ECN-marked IP header)"),
    RESERVED_FLAGS("reserved TCP flag bits set"),
    UNKNOWN_TCP_OPTION("a TCP option other than MSS, window scale, SACK and timestamps"),
    IP_OPTIONS("IP options"),
    IP_FRAGMENT("IP fragments"),
    DSCP("a DSCP marking"),
    ODD_FLAGS("a segment with flags no TCP stack sends (no ACK outside SYN and RST, or SYN with FIN or RST)"),
    /** Set by the tracker: needs the sender's data and the peer's acknowledgements. */
    RESET_MID_JOB("a reset before all its data was acknowledged"),
    /** Set by the sequence analysis: needs the peer's last ACK and window. */
    OUT_OF_WINDOW("data beyond the receiver's advertised window");

    private final String description;

    Oddity(String description) {
        this.description = description;
    }

    /** For reports: "urgent data (URG set)". */
    public String description() {
        return description;
    }

    /** Stable name for JSON: "urgent", "ip-options". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    int bit() {
        return 1 << ordinal();
    }

    private static final int ECN_FLAGS = TcpSegment.ECE | TcpSegment.CWR | 0x100;
    private static final int RESERVED = 0xE00;

    /** The oddities of one decoded segment as a bit set (bit = ordinal); allocates nothing. */
    static int of(TcpSegment s) {
        int flags = s.flags();
        int tos = s.trafficClass();
        int bits = 0;
        if ((flags & TcpSegment.URG) != 0) {
            bits |= 1;
        }
        if ((flags & ECN_FLAGS) != 0 || (tos > 0 && (tos & 3) != 0)) {
            bits |= 1 << 1;
        }
        if ((flags & RESERVED) != 0) {
            bits |= 1 << 2;
        }
        if ((s.otherOptions(0) | s.otherOptions(1) | s.otherOptions(2) | s.otherOptions(3)) != 0) {
            bits |= 1 << 3;
        }
        if (s.ipOptions()) {
            bits |= 1 << 4;
        }
        if (s.ipFragment()) {
            bits |= 1 << 5;
        }
        if (tos > 3) {
            bits |= 1 << 6;
        }
        if ((flags & (TcpSegment.SYN | TcpSegment.RST | TcpSegment.ACK)) == 0
                || (flags & TcpSegment.SYN) != 0 && (flags & (TcpSegment.FIN | TcpSegment.RST)) != 0) {
            bits |= 1 << 7;
        }
        return bits;
    }
}

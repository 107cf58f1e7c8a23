package io.ackwatch.flow;

/**
 * Wireshark's {@code tcp.analysis.*} flags. {@link #fieldName()} is the name after {@code tcp.analysis.}
 * (used as key in the report's {@code tcp_analysis} counts and in display filters); {@link #oracleCode()}
 * is the abbreviation the corpus oracle uses in its frames.tsv, empty for flags the oracle does not list.
 * Each flag is one bit of an int mask ({@link #bit()}), so a frame's flags cost no allocation.
 */
public enum TcpAnalysisFlag {
    RETRANSMISSION("retransmission", "RT"),
    FAST_RETRANSMISSION("fast_retransmission", "FRT"),
    SPURIOUS_RETRANSMISSION("spurious_retransmission", "SRT"),
    DUPLICATE_ACK("duplicate_ack", "DA"),
    ZERO_WINDOW("zero_window", "ZW"),
    WINDOW_FULL("window_full", "WF"),
    LOST_SEGMENT("lost_segment", "LS"),
    ACK_LOST_SEGMENT("ack_lost_segment", "ALS"),
    KEEP_ALIVE("keep_alive", "KA"),
    OUT_OF_ORDER("out_of_order", "OOO"),
    REUSED_PORTS("reused_ports", "RP"),
    WINDOW_UPDATE("window_update", ""),
    KEEP_ALIVE_ACK("keep_alive_ack", ""),
    ZERO_WINDOW_PROBE("zero_window_probe", ""),
    ZERO_WINDOW_PROBE_ACK("zero_window_probe_ack", "");

    /** Number of flags; {@code values()} would copy the array on every connection. */
    static final int COUNT = values().length;

    private final String fieldName;
    private final String oracleCode;

    TcpAnalysisFlag(String fieldName, String oracleCode) {
        this.fieldName = fieldName;
        this.oracleCode = oracleCode;
    }

    public String fieldName() {
        return fieldName;
    }

    public String oracleCode() {
        return oracleCode;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    /** Display filter matching frames with this flag, e.g. {@code tcp.analysis.retransmission}. */
    public String displayFilter() {
        return "tcp.analysis." + fieldName;
    }
}

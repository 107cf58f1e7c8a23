package io.ackwatch.flow;

/**
 * Wireshark's {@code tcp.analysis.*} flags. {@link #fieldName()} is the name after {@code tcp.analysis.}
 * (used as key in the report's {@code tcp_analysis} counts and in display filters); {@link #oracleCode()}
 * is the abbreviation the corpus oracle uses in its frames.tsv, empty for flags the oracle does not list.
 * Each flag is one bit of an int mask ({@link #bit()}), so a frame's flags cost no allocation.
 */
public enum TcpAnalysisFlag {
    RETRANSMISSION("retransmission", "RT",
            "Retransmission", "TCP Retransmission"),
    FAST_RETRANSMISSION("fast_retransmission", "FRT",
            "Fast retransmission", "TCP Fast Retransmission"),
    SPURIOUS_RETRANSMISSION("spurious_retransmission", "SRT",
            "Spurious retransmission", "TCP Spurious Retransmission"),
    DUPLICATE_ACK("duplicate_ack", "DA",
            "Dup ACK", "TCP Dup ACK"),
    ZERO_WINDOW("zero_window", "ZW",
            "Zero window", "TCP ZeroWindow"),
    WINDOW_FULL("window_full", "WF",
            "Window full", "TCP Window Full"),
    LOST_SEGMENT("lost_segment", "LS",
            "Prev. segment not captured", "TCP Previous segment not captured"),
    ACK_LOST_SEGMENT("ack_lost_segment", "ALS",
            "ACKed unseen segment", "TCP ACKed unseen segment"),
    KEEP_ALIVE("keep_alive", "KA",
            "Keep-alive", "TCP Keep-Alive"),
    OUT_OF_ORDER("out_of_order", "OOO",
            "Out-of-order", "TCP Out-Of-Order"),
    REUSED_PORTS("reused_ports", "RP",
            "Ports reused", "TCP Port numbers reused"),
    WINDOW_UPDATE("window_update", "",
            "Window update", "TCP Window Update"),
    KEEP_ALIVE_ACK("keep_alive_ack", "",
            "Keep-alive ACK", "TCP Keep-Alive ACK"),
    ZERO_WINDOW_PROBE("zero_window_probe", "",
            "Zero window probe", "TCP ZeroWindowProbe"),
    ZERO_WINDOW_PROBE_ACK("zero_window_probe_ack", "",
            "Zero window probe ACK", "TCP ZeroWindowProbeAck");

    /** Number of flags; {@code values()} would copy the array on every connection. */
    static final int COUNT = values().length;

    private final String fieldName;
    private final String oracleCode;
    private final String label;
    private final String expertSummary;

    TcpAnalysisFlag(String fieldName, String oracleCode, String label, String expertSummary) {
        this.fieldName = fieldName;
        this.oracleCode = oracleCode;
        this.label = label;
        this.expertSummary = expertSummary;
    }

    /** A few words for the flag, close to Wireshark's expert-info wording, as ladders print them. */
    public String label() {
        return label;
    }

    /** Wireshark's own expert-info summary, e.g. {@code TCP Retransmission}, as its packet list shows it. */
    public String expertSummary() {
        return expertSummary;
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

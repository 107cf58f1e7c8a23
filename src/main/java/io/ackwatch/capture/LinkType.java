package io.ackwatch.capture;

/**
 * The link-layer header types ackwatch knows by name, with their LINKTYPE_ number (the value stored in
 * pcap and pcapng files) and the libpcap DLT name used in reports.
 *
 * <p>Several DLT numbers mean "raw IP" depending on the platform that wrote the file; all of them map to
 * {@link #RAW}. A number that is not listed is {@link #UNKNOWN}; the report then names it
 * {@code LINKTYPE_<n>} (see {@link #displayName(int)}).
 */
public enum LinkType {
    NULL(0, "NULL"),
    ETHERNET(1, "EN10MB"),
    PPP(9, "PPP"),
    RAW(101, "RAW"),
    PPP_HDLC(50, "PPP_SERIAL"),
    PPP_ETHER(51, "PPP_ETHER"),
    C_HDLC(104, "C_HDLC"),
    IEEE802_11(105, "IEEE802_11"),
    LOOP(108, "LOOP"),
    LINUX_SLL(113, "LINUX_SLL"),
    IEEE802_11_PRISM(119, "PRISM_HEADER"),
    IEEE802_11_RADIOTAP(127, "IEEE802_11_RADIO"),
    IEEE802_11_AVS(163, "IEEE802_11_RADIO_AVS"),
    PPI(192, "PPI"),
    IPV4(228, "IPV4"),
    IPV6(229, "IPV6"),
    NFLOG(239, "NFLOG"),
    PKTAP(258, "PKTAP"),
    LINUX_SLL2(276, "LINUX_SLL2"),
    UNKNOWN(-1, "UNKNOWN");

    private final int code;
    private final String dltName;

    LinkType(int code, String dltName) {
        this.code = code;
        this.dltName = dltName;
    }

    /** LINKTYPE_ number as written in capture files, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** libpcap's DLT name, e.g. {@code EN10MB}. */
    public String dltName() {
        return dltName;
    }

    /**
     * Maps a LINKTYPE_/DLT number from a file header to a link type. DLT_RAW is 12 on most BSDs and 14 on
     * OpenBSD; files written there carry those numbers, so they are raw IP too. 149 is DLT_USER2 in the
     * registry but Apple's DLT_PKTAP on macOS, and tshark decodes it as PKTAP.
     */
    public static LinkType fromCode(int code) {
        switch (code) {
            case 0: return NULL;
            case 1: return ETHERNET;
            case 9: return PPP;
            case 12: case 14: case 101: return RAW;
            case 50: return PPP_HDLC;
            case 51: return PPP_ETHER;
            case 104: return C_HDLC;
            case 105: return IEEE802_11;
            case 108: return LOOP;
            case 113: return LINUX_SLL;
            case 119: return IEEE802_11_PRISM;
            case 127: return IEEE802_11_RADIOTAP;
            case 149: case 258: return PKTAP;
            case 163: return IEEE802_11_AVS;
            case 192: return PPI;
            case 228: return IPV4;
            case 229: return IPV6;
            case 239: return NFLOG;
            case 276: return LINUX_SLL2;
            default: return UNKNOWN;
        }
    }

    /** Name for reports: the DLT name, or {@code LINKTYPE_<n>} for a number ackwatch does not know. */
    public static String displayName(int code) {
        LinkType t = fromCode(code);
        return t == UNKNOWN ? "LINKTYPE_" + code : t.dltName;
    }
}

package io.ackwatch.report;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/** Short names for TCP flags and Wireshark analysis flags as ladders and tables print them. */
public final class SegmentMarks {
    private static final int[] FLAG_BITS = {
        TcpSegment.FIN, TcpSegment.SYN, TcpSegment.RST, TcpSegment.PSH,
        TcpSegment.ACK, TcpSegment.URG, TcpSegment.ECE, TcpSegment.CWR
    };
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    private SegmentMarks() {}

    /** TCP flags in Wireshark's Info-column order, e.g. {@code SYN,ACK} or {@code FIN,PSH,ACK}. */
    public static String tcpFlags(int flags) {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                sb.append(sb.length() > 0 ? "," : "").append(FLAG_NAMES[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /**
     * Words for the analysis flags of one frame, most telling first. A fast or spurious retransmission also
     * carries Wireshark's plain retransmission flag, and a zero-window-probe ACK the zero-window flag; only the
     * more specific word is shown.
     */
    public static List<String> analysis(int mask) {
        List<String> marks = new ArrayList<>(2);
        for (TcpAnalysisFlag flag : TcpAnalysisFlag.values()) {
            if (!flag.in(mask)) {
                continue;
            }
            if (flag == TcpAnalysisFlag.RETRANSMISSION
                    && (TcpAnalysisFlag.FAST_RETRANSMISSION.in(mask)
                            || TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.in(mask))) {
                continue;
            }
            if (flag == TcpAnalysisFlag.ZERO_WINDOW && TcpAnalysisFlag.ZERO_WINDOW_PROBE_ACK.in(mask)) {
                continue;
            }
            marks.add(flag.label());
        }
        return marks;
    }

}

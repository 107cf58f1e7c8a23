package io.ackwatch.report;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Direction;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.FlowVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exchange of one connection as a sequence (ladder) diagram, cut to the rows around the evidence: the
 * rows are plain data so that text, markdown and HTML draw the same picture (see {@link LadderText}).
 *
 * @param client left column
 * @param server right column
 * @param serverRole "printer" or "server"
 * @param precisionDigits decimals of the capture's timestamps
 * @param lines segments and gaps in time order
 */
public record Ladder(Endpoint client, Endpoint server, String serverRole, int precisionDigits, List<Line> lines) {

    /** About as many rows as fit a terminal screen or a ticket without scrolling past the point. */
    public static final int DEFAULT_MAX_ROWS = 40;
    private static final int HANDSHAKE_ROWS = 3;
    private static final int MAX_EVIDENCE_HEAD = 10;

    public Ladder {
        lines = List.copyOf(lines);
    }

    /** A row of the ladder: one segment, or a run of segments left out. */
    public sealed interface Line permits Segment, Gap {}

    /**
     * One segment.
     *
     * @param relativeNanos time since the connection's first frame
     * @param tcpFlags TCP flag bits as in {@link TcpSegment}
     * @param analysis mask of {@link TcpAnalysisFlag#bit()}
     * @param evidence true when a finding names this frame
     * @param relayCopy true when this frame is a relay's second copy of an earlier one (see the relay finding)
     */
    public record Segment(long frame, long relativeNanos, Direction direction, int tcpFlags, long seq, long ack,
            int len, int window, int analysis, boolean evidence, boolean relayCopy) implements Line {

        public boolean fromClient() {
            return direction == Direction.CLIENT_TO_SERVER;
        }

        public boolean reset() {
            return (tcpFlags & TcpSegment.RST) != 0;
        }

        public boolean retransmission() {
            return !relayCopy && TcpAnalysisFlag.RETRANSMISSION.in(analysis)
                    || TcpAnalysisFlag.FAST_RETRANSMISSION.in(analysis)
                    || TcpAnalysisFlag.SPURIOUS_RETRANSMISSION.in(analysis);
        }

        /** e.g. {@code PSH,ACK seq=1 ack=1 len=1460}; the window only when it is zero. */
        public String label() {
            StringBuilder sb = new StringBuilder(40).append(SegmentMarks.tcpFlags(tcpFlags));
            sb.append(" seq=").append(seq);
            if ((tcpFlags & TcpSegment.ACK) != 0) {
                sb.append(" ack=").append(ack);
            }
            sb.append(" len=").append(len);
            if (window == 0 && (tcpFlags & TcpSegment.RST) == 0) {
                sb.append(" win=0");
            }
            return sb.toString();
        }

        /**
         * Analysis words, plus {@code RST} for a reset (the one thing a reader must not miss). A relay's copy is
         * named as such: Wireshark's words for it (retransmission, duplicate ACK) would say the sender sent it twice.
         */
        public List<String> marks() {
            List<String> marks = relayCopy ? new ArrayList<>(List.of("Relay copy"))
                    : new ArrayList<>(SegmentMarks.analysis(analysis));
            if (reset()) {
                marks.add(0, "RST");
            }
            return marks;
        }
    }

    /** Segments not shown: cut for length here, or never kept by the flow stage. */
    public record Gap(long segments) implements Line {}

    /** The ladder of a judged connection, at most {@link #DEFAULT_MAX_ROWS} segment rows. */
    public static Ladder of(FlowVerdict verdict, int precisionDigits) {
        return of(verdict, precisionDigits, DEFAULT_MAX_ROWS);
    }

    /**
     * The ladder around the frames of the most severe findings, at most {@code maxRows} segment rows; every
     * frame any finding names is marked as evidence.
     */
    public static Ladder of(FlowVerdict verdict, int precisionDigits, int maxRows) {
        TcpFlow flow = verdict.flow();
        SegmentLog log = flow.log();
        Set<Long> evidenceFrames = new TreeSet<>();
        Set<Long> focus = new TreeSet<>();
        Severity worst = verdict.findings().stream().map(Finding::severity).min(Comparator.naturalOrder())
                .orElse(Severity.INFO);
        for (Finding f : verdict.findings()) {
            evidenceFrames.addAll(f.frames());
            if (f.severity() == worst) {
                focus.addAll(f.frames());
            }
        }
        // the rows are chosen around the most severe findings: an info remark must not crowd out the failure
        boolean[] shown = choose(log, focus, maxRows);
        List<Line> lines = new ArrayList<>();
        long pendingGap = 0;
        for (int i = 0; i < log.size(); i++) {
            if (i == log.omittedAt()) {
                pendingGap += log.omitted();
            }
            if (!shown[i]) {
                pendingGap++;
                continue;
            }
            if (pendingGap > 0) {
                lines.add(new Gap(pendingGap));
                pendingGap = 0;
            }
            lines.add(new Segment(log.frame(i), log.timeNanos(i) - flow.startNanos(), log.direction(i),
                    log.tcpFlags(i), log.seq(i), log.ack(i), log.len(i), log.window(i), log.analysis(i),
                    evidenceFrames.contains(log.frame(i)), log.relayCopy(i)));
        }
        if (log.omittedAt() >= log.size() && log.omitted() > 0) {
            pendingGap += log.omitted();
        }
        if (pendingGap > 0) {
            lines.add(new Gap(pendingGap));
        }
        return new Ladder(flow.client(), flow.server(), verdict.printer() ? "printer" : "server",
                precisionDigits, lines);
    }

    /** Segment rows (gaps not counted). */
    public int segmentRows() {
        return (int) lines.stream().filter(Segment.class::isInstance).count();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * Which rows to show: the evidence first, then the handshake and the last row, single rows between shown
     * ones, then the rows nearest the evidence, until the budget is spent. Without evidence the start and the end of the connection are shown.
     */
    private static boolean[] choose(SegmentLog log, Set<Long> evidenceFrames, int maxRows) {
        int n = log.size();
        boolean[] shown = new boolean[n];
        if (n <= maxRows) {
            Arrays.fill(shown, true);
            return shown;
        }
        Map<Long, Integer> indexOfFrame = new HashMap<>();
        for (int i = 0; i < n; i++) {
            indexOfFrame.put(log.frame(i), i);
        }
        List<Integer> evidence = new ArrayList<>();
        for (long frame : evidenceFrames) {
            Integer i = indexOfFrame.get(frame);
            if (i != null) {
                evidence.add(i);
            }
        }
        if (evidence.isEmpty()) {
            evidence.add(n - 1);
        }
        int budget = maxRows;
        int evidenceBudget = maxRows * 3 / 4;
        if (evidence.size() > evidenceBudget) {
            // the start of the trouble and its end tell the story; the middle repeats itself
            int head = Math.min(MAX_EVIDENCE_HEAD, evidenceBudget / 3);
            List<Integer> cut = new ArrayList<>(evidence.subList(0, head));
            cut.addAll(evidence.subList(evidence.size() - (evidenceBudget - head), evidence.size()));
            evidence = cut;
        }
        for (int i : evidence) {
            budget -= mark(shown, i);
        }
        for (int i = 0; i < Math.min(HANDSHAKE_ROWS, n) && budget > 0; i++) {
            budget -= mark(shown, i);
        }
        if (budget > 0) {
            // how the connection ended (FIN, RST, or just the last packet seen)
            budget -= mark(shown, n - 1);
        }
        // context stays on the evidence's side of segments the flow stage dropped: rows from before the drop
        // would suggest a continuity the log does not have
        int cut = log.omittedAt();
        for (int i = 1; i < n - 1 && budget > 0; i++) {
            // a single hidden row costs a "1 segment omitted" line anyway: show the segment instead
            if (!shown[i] && shown[i - 1] && shown[i + 1] && i != cut && i + 1 != cut) {
                budget -= mark(shown, i);
            }
        }
        for (int r = 1; r < n && budget > 0; r++) {
            for (int e : evidence) {
                if (budget > 0 && e - r >= 0 && sameSide(e - r, e, cut)) {
                    budget -= mark(shown, e - r);
                }
                if (budget > 0 && e + r < n && sameSide(e + r, e, cut)) {
                    budget -= mark(shown, e + r);
                }
            }
        }
        return shown;
    }

    private static boolean sameSide(int i, int j, int cut) {
        return cut < 0 || (i < cut) == (j < cut);
    }

    private static int mark(boolean[] shown, int i) {
        if (shown[i]) {
            return 0;
        }
        shown[i] = true;
        return 1;
    }
}

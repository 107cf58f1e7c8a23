package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The client sent at least two data segments and the server acknowledged none of them within the RFC 1122
 * §4.2.3.2 bound ({@link Thresholds#delayedAckBoundMillis()}): a failure when no ACK ever came, a warning when the
 * server stayed silent past the bound while the client resent, and acknowledged only then. A receiver must ACK at
 * least every second full-sized segment and never wait longer than 0.5 s, so a delayed ACK (200 ms on Windows) is
 * no missing ACK, and neither is a connection or capture that ends before the bound has passed.
 */
public final class MissingAckRule extends Rule {
    public static final String ID = "missing-ack-after-two-segments";
    private static final int FALLBACK_MSS = 1460;

    public MissingAckRule() {
        super(ID, Severity.FAILURE,
                "the server never acknowledged two or more client data segments (RFC 1122 §4.2.3.2: an ACK is due"
                        + " for every second full-sized segment and within 500 ms); silent for delayed ACKs within the bound"
                        + " and when the connection or capture ends before the bound");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Finding> never = neverAcknowledged(ctx);
        return never.isEmpty() ? acknowledgedLate(ctx) : never;
    }

    /**
     * Two or more segments outstanding, the server silent for longer than the bound, the client resending, and
     * only then an ACK: the same stall as the failure, survived. A warning.
     */
    private List<Finding> acknowledgedLate(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        SegmentLog log = facts.log();
        ArrayList<DataSegment> data = facts.dataList(true);
        long bound = ctx.thresholds().delayedAckBoundNanos();
        for (int i = 0; i + 1 < data.size(); i++) {
            DataSegment a = data.get(i);
            DataSegment b = data.get(i + 1);
            if (!a.acked() || a.ackNanos() <= b.nanos() || a.ackNanos() - b.nanos() <= bound
                    || !a.retransmittedBeforeAck() || serverSpoke(log, b.index(), a.ackNanos())) {
                continue;
            }
            List<Long> originals = new ArrayList<>();
            List<Long> resent = new ArrayList<>();
            List<List<Long>> resentPerSegment = new ArrayList<>();
            long bytes = 0;
            int count = 0;
            // every segment outstanding when the first ACK came: b at least, acknowledged by it or later
            for (DataSegment d : data.subList(i, data.size())) {
                if (d.nanos() < a.ackNanos() && (!d.acked() || d.ackNanos() >= a.ackNanos())) {
                    List<Long> before = resentBefore(d, a.ackNanos());
                    originals.add(d.frame());
                    resent.addAll(before);
                    resentPerSegment.add(before);
                    bytes += d.length();
                    count++;
                }
            }
            if (count < 2) {
                continue; // one segment held past the bound is a late ACK, not two segments unacknowledged
            }
            List<Long> frames = new ArrayList<>(originals);
            frames.addAll(resent);
            frames.add(a.ackFrame());
            String msg = "The " + ctx.serverName() + " left the " + Evidence.count(count, "data segment") + " ("
                    + bytes + " bytes) the client sent (" + Evidence.frameList(originals) + ") unacknowledged for "
                    + Evidence.duration(a.ackNanos() - b.nanos()) + ", beyond the " + ctx.thresholds()
                    .delayedAckBoundMillis() + " ms RFC 1122 allows: the client retransmitted "
                    + whatWasResent(resentPerSegment) + " (" + Evidence.frameList(resent)
                    + ") before an ACK arrived (frame " + a.ackFrame() + ").";
            return List.of(finding(ctx, Severity.WARNING, frames, msg));
        }
        return List.of();
    }

    /** Frames of the retransmissions of {@code d} sent before {@code nanos}. */
    private static List<Long> resentBefore(DataSegment d, long nanos) {
        List<Long> frames = d.retransmissionFrames();
        List<Long> times = d.retransmissionNanos();
        List<Long> out = new ArrayList<>(frames.size());
        for (int k = 0; k < frames.size(); k++) {
            if (times.get(k) < nanos) {
                out.add(frames.get(k));
            }
        }
        return out;
    }

    /**
     * Which of the segments named before ("them") the client resent and how often, from the retransmissions
     * actually seen: {@code the first of them 4 times}, {@code each of them 2 times}, {@code 2 of them, 5 times
     * in all}. Saying "them 4 times" when only one was resent would overstate what the client did.
     */
    static String whatWasResent(List<List<Long>> resentPerSegment) {
        int n = resentPerSegment.size();
        List<Integer> resentIndexes = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (!resentPerSegment.get(i).isEmpty()) {
                resentIndexes.add(i);
                total += resentPerSegment.get(i).size();
            }
        }
        if (resentIndexes.isEmpty()) {
            return "none of them";
        }
        if (resentIndexes.size() == 1) {
            int k = resentIndexes.get(0);
            String which = n == 1 ? "it" : k == 0 ? "the first of them" : k == n - 1 ? "the last of them"
                    : "one of them";
            return which + " " + Evidence.times(total);
        }
        boolean sameCount = resentIndexes.size() == n
                && resentPerSegment.stream().allMatch(r -> r.size() == resentPerSegment.get(0).size());
        if (sameCount) {
            return "each of them " + Evidence.times(resentPerSegment.get(0).size());
        }
        return resentIndexes.size() + " of them, " + Evidence.times(total) + " in all";
    }

    /** True when the server sent anything between log index {@code after} and time {@code before} (exclusive). */
    private static boolean serverSpoke(SegmentLog log, int after, long before) {
        for (int i = after + 1; i < log.size() && log.timeNanos(i) < before; i++) {
            if (!log.fromClient(i)) {
                return true;
            }
        }
        return false;
    }

    private List<Finding> neverAcknowledged(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        List<DataSegment> unacked = facts.unacknowledged(true);
        if (unacked.size() < 2) {
            return List.of();
        }
        SegmentLog log = facts.log();
        DataSegment first = unacked.get(0);
        DataSegment second = unacked.get(1);
        int rst = firstRstAfter(log, second.index());
        long answerUntil = rst >= 0 ? log.timeNanos(rst) : ctx.observedUntilNanos();
        if (answerUntil - second.nanos() < ctx.thresholds().delayedAckBoundNanos()) {
            return List.of();
        }
        if (!corroborated(ctx, unacked, log, second)) {
            return List.of();
        }
        List<Long> frames = new ArrayList<>();
        List<Long> resent = new ArrayList<>();
        long bytes = 0;
        long lastSend = first.nanos();
        boolean fullSized = true;
        int mss = ctx.flow().serverSide().mss() > 0 ? ctx.flow().serverSide().mss() : FALLBACK_MSS;
        List<Long> originals = new ArrayList<>();
        List<List<Long>> resentPerSegment = new ArrayList<>();
        for (DataSegment d : unacked) {
            originals.add(d.frame());
            resent.addAll(d.retransmissionFrames());
            resentPerSegment.add(d.retransmissionFrames());
            bytes += d.length();
            lastSend = Math.max(lastSend, d.lastSendNanos());
            fullSized &= d.length() >= mss;
        }
        frames.addAll(originals);
        frames.addAll(resent);
        StringBuilder msg = new StringBuilder()
                .append("The ").append(ctx.serverName()).append(" never acknowledged the ")
                .append(Evidence.count(unacked.size(), fullSized ? "full-sized data segment" : "data segment"))
                .append(" (").append(bytes).append(" bytes) the client sent (")
                .append(Evidence.frameList(originals)).append(')');
        if (!resent.isEmpty()) {
            msg.append("; the client retransmitted ").append(whatWasResent(resentPerSegment)).append(" over ")
                    .append(Evidence.duration(lastSend - first.nanos())).append(" (")
                    .append(Evidence.frameList(resent)).append(')');
        }
        String ending = ending(ctx, log, first.index(), frames);
        msg.append(ending).append('.');
        return List.of(finding(ctx, Severity.FAILURE, frames, msg));
    }

    /**
     * Absent ACKs prove something only when the client behaved as if it got none: it resent the data, or the
     * connection was closed with the data outstanding. A client that keeps sending new data without resending
     * is being acknowledged by ACKs the capture does not hold (one-sided capture, asymmetric route), and so is
     * one that sent more than the server's window allows.
     */
    private static boolean corroborated(RuleContext ctx, List<DataSegment> unacked, SegmentLog log,
            DataSegment second) {
        if (ctx.flow().serverSide().packets() == 0) {
            return false;
        }
        long bytes = 0;
        boolean resent = false;
        for (DataSegment d : unacked) {
            bytes += d.length();
            resent |= d.retransmissions() > 0;
        }
        long window = ctx.facts().maxWindowBytes(false);
        if (window > 0 && bytes > window) {
            return false;
        }
        if (resent) {
            return true;
        }
        for (int i = second.index() + 1; i < log.size(); i++) {
            if ((log.tcpFlags(i) & (TcpSegment.RST | TcpSegment.FIN)) != 0
                    && log.timeNanos(i) - second.nanos() >= ctx.thresholds().delayedAckBoundNanos()) {
                return true;
            }
        }
        return false;
    }

    private static int firstRstAfter(SegmentLog log, int index) {
        for (int i = index + 1; i < log.size(); i++) {
            if ((log.tcpFlags(i) & TcpSegment.RST) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** How the connection ended after the unacknowledged data, as a clause starting with " and" or "; ". */
    private static String ending(RuleContext ctx, SegmentLog log, int after, List<Long> frames) {
        for (int i = after + 1; i < log.size(); i++) {
            int flags = log.tcpFlags(i);
            if ((flags & TcpSegment.RST) != 0) {
                frames.add(log.frame(i));
                return log.fromClient(i)
                        ? " and the client gave up and reset the connection (frame " + log.frame(i) + ")"
                        : " and the " + ctx.serverNoun() + " reset the connection (frame " + log.frame(i) + ")";
            }
        }
        for (int i = after + 1; i < log.size(); i++) {
            if ((log.tcpFlags(i) & TcpSegment.FIN) != 0) {
                frames.add(log.frame(i));
                return log.fromClient(i)
                        ? " and the client closed the connection (frame " + log.frame(i) + ")"
                        : " and the " + ctx.serverNoun() + " closed the connection (frame " + log.frame(i) + ")";
            }
        }
        return "; the data was still unacknowledged " + Evidence.duration(ctx.observedUntilNanos()
                - log.timeNanos(after)) + " after it was first sent, at the connection's last packet";
    }
}

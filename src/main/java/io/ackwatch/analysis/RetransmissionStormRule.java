package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The same data was sent again at least {@link Thresholds#retransmissionStormCount()} times (RFC 1122 §4.2.3.5:
 * R1 ≥ 3 retransmissions is the point where TCP must report trouble). A failure when the data was never
 * acknowledged, a warning when an ACK finally came. Intervals that double are the sender's RTO back-off: no
 * ACK came back at all. A segment resent once or twice (ordinary loss recovery) stays below the threshold.
 */
public final class RetransmissionStormRule extends Rule {
    public static final String ID = "retransmission-storm";
    /** An interval at least this much longer than the one before counts as a back-off step. */
    private static final double BACKOFF_FACTOR = 1.5;
    /** Retransmission timers do not fire faster than this (Linux's minimum RTO is 200 ms). */
    private static final long MIN_INTERVAL_NANOS = 10_000_000;

    public RetransmissionStormRule() {
        super(ID, Severity.FAILURE,
                "the same data was retransmitted at least retransmission-storm-count times (RFC 1122 §4.2.3.5);"
                        + " failure when never acknowledged, warning when finally acknowledged");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (boolean fromClient : new boolean[] {true, false}) {
            Finding f = stormOf(ctx, fromClient);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private Finding stormOf(RuleContext ctx, boolean fromClient) {
        long limit = ctx.thresholds().retransmissionStormCount();
        List<DataSegment> storms = new ArrayList<>();
        DataSegment worst = null;
        ArrayList<DataSegment> data = ctx.facts().dataList(fromClient);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
            if (d.retransmissionsBeforeAck() >= limit) {
                storms.add(d);
                if (worst == null || d.retransmissionsBeforeAck() > worst.retransmissionsBeforeAck()) {
                    worst = d;
                }
            }
        }
        if (worst == null) {
            return null;
        }
        String sender = ctx.noun(fromClient);
        String receiver = ctx.noun(!fromClient);
        List<Long> frames = new ArrayList<>();
        frames.add(worst.frame());
        List<Long> resent = worst.retransmissionFramesBeforeAck();
        frames.addAll(resent);
        StringBuilder msg = new StringBuilder("The ").append(sender).append(" retransmitted the ")
                .append(worst.length()).append("-byte segment at relative seq ").append(worst.seq())
                .append(" (frame ").append(worst.frame()).append(") ")
                .append(Evidence.times(resent.size())).append(" over ")
                .append(Evidence.duration(lastResendNanos(worst) - worst.nanos())).append(" (")
                .append(Evidence.frameList(resent)).append(')');
        List<Long> intervals = intervals(worst);
        if (backsOff(intervals)) {
            StringJoiner j = new StringJoiner(", ");
            intervals.forEach(v -> j.add(Evidence.seconds(v)));
            msg.append(", the interval doubling each time (").append(j).append(" s) as a retransmission timer"
                    + " backs off when no ACK returns");
        }
        if (fromClient && resent.size() >= ctx.thresholds().clientGiveUpRetransmissions()) {
            msg.append(", as many as Windows sends before it gives up");
        }
        Severity severity;
        if (worst.acked() && worst.ackFrame() == 0) {
            severity = Severity.WARNING;
            msg.append("; its ACK lies in the middle of the connection that was not kept for analysis");
        } else if (worst.acked()) {
            severity = Severity.WARNING;
            frames.add(worst.ackFrame());
            msg.append("; the ").append(receiver).append(" acknowledged it only ")
                    .append(Evidence.duration(worst.ackNanos() - worst.nanos())).append(" after the first send (frame ")
                    .append(worst.ackFrame()).append(')');
        } else {
            severity = Severity.FAILURE;
            msg.append("; the ").append(receiver).append(" never acknowledged it");
        }
        msg.append('.');
        if (storms.size() > 1) {
            msg.append(' ').append(storms.size() - 1).append(storms.size() == 2 ? " other segment was" : " other segments were")
                    .append(" also retransmitted at least ").append(Evidence.times(limit)).append('.');
            for (DataSegment d : storms) {
                frames.add(d.frame());
                frames.addAll(d.retransmissionFramesBeforeAck());
            }
        }
        return finding(ctx, severity, frames, msg);
    }

    private static long lastResendNanos(DataSegment d) {
        int n = d.retransmissionsBeforeAck();
        return n == 0 ? d.nanos() : d.retransmissionNanos(n - 1);
    }

    private static List<Long> intervals(DataSegment d) {
        List<Long> out = new ArrayList<>();
        long prev = d.nanos();
        for (int k = 0, n = d.retransmissionsBeforeAck(); k < n; k++) {
            long t = d.retransmissionNanos(k);
            out.add(t - prev);
            prev = t;
        }
        return out;
    }

    /** True when there are at least two intervals, the first measurable, and each clearly longer than the last. */
    static boolean backsOff(List<Long> intervals) {
        if (intervals.size() < 2 || intervals.get(0) < MIN_INTERVAL_NANOS) {
            return false;
        }
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i) < BACKOFF_FACTOR * intervals.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}

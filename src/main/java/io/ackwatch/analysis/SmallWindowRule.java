package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * The printer advertised a receive window smaller than one full segment while the client had data waiting: the
 * client can only send pieces that each fill the window, and a window that stays that small stalls the job as
 * surely as a zero window (which {@link ZeroWindowRule} reports). Evidence: the printer's window below the MSS it
 * announced, and client segments Wireshark flags "window full". A warning when it lasts
 * {@link Thresholds#zeroWindowWarningMillis()}, info for a brief dip. Like a zero window, it is the printer's
 * flow control: a network loss does not shrink a window.
 */
public final class SmallWindowRule extends Rule {
    public static final String ID = "small-window";
    /** RFC 1122 §4.2.2.6's default send MSS, when the printer's SYN-ACK named none. */
    private static final int DEFAULT_MSS = 536;

    public SmallWindowRule() {
        super(ID, Severity.WARNING,
                "the printer's receive window stayed below one full segment while the client had data waiting (window"
                        + " full): warning when it lasted zero-window-warning-ms, info for a brief dip");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        SegmentLog log = facts.log();
        if (log.size() == 0 || !facts.anyFlagged(TcpAnalysisFlag.WINDOW_FULL)) {
            return List.of();
        }
        int mss = mss(ctx);
        int shift = shift(ctx);
        int first = -1;
        int grewAt = -1;
        long smallest = Long.MAX_VALUE;
        int adverts = 0;
        for (int i = 0; i < log.size(); i++) {
            int flags = log.tcpFlags(i);
            if (log.fromClient(i) || (flags & (TcpSegment.SYN | TcpSegment.RST)) != 0) {
                continue;
            }
            long window = (long) log.window(i) << shift;
            if (window > 0 && window < mss) {
                first = first < 0 ? i : first;
                grewAt = -1;
                smallest = Math.min(smallest, window);
                adverts++;
            } else if (first >= 0 && window >= mss && grewAt < 0) {
                grewAt = i;
            }
        }
        if (first < 0) {
            return List.of();
        }
        List<Long> full = new ArrayList<>();
        for (int i = first + 1; i < log.size() && (grewAt < 0 || i < grewAt); i++) {
            if (log.fromClient(i) && log.has(i, TcpAnalysisFlag.WINDOW_FULL)) {
                full.add(log.frame(i));
            }
        }
        if (full.isEmpty()) {
            return List.of(); // the client had nothing more to send: a small window held nothing back
        }
        boolean never = grewAt < 0;
        long until = never ? ctx.observedUntilNanos() : log.timeNanos(grewAt);
        long lasted = until - log.timeNanos(first);
        List<Long> frames = new ArrayList<>();
        frames.add(log.frame(first));
        frames.addAll(full);
        if (!never) {
            frames.add(log.frame(grewAt));
        }
        StringBuilder msg = new StringBuilder("The ").append(ctx.serverName())
                .append(" advertised a receive window below one full segment (down to ").append(smallest)
                .append(" bytes, its MSS ").append(mss).append(") from frame ").append(log.frame(first))
                .append(never ? " on, for at least " : ", for ").append(Evidence.duration(lasted))
                .append(never ? "" : " until frame " + log.frame(grewAt)).append(" (")
                .append(Evidence.count(adverts, "ACK")).append("): the client could send only pieces that each")
                .append(" filled the window (").append(Evidence.count(full.size(), "segment"))
                .append(" flagged window full), which stalls a job as a zero window does");
        msg.append(never ? "; the window never grew to a full segment." : ".");
        Severity severity = lasted >= ctx.thresholds().zeroWindowWarningNanos() ? Severity.WARNING : Severity.INFO;
        return List.of(finding(ctx, severity, frames, msg));
    }

    /**
     * The printer's last window advertisement before log index {@code index}, when it was below one full segment
     * (scaled, and above zero): the segment at {@code index} was sent into a window too small for a full one.
     * -1 when that advertisement was a full segment or more, zero, or absent.
     */
    public static int subSegmentWindowBefore(RuleContext ctx, int index) {
        SegmentLog log = ctx.facts().log();
        for (int i = Math.min(index, log.size()) - 1; i >= 0; i--) {
            int flags = log.tcpFlags(i);
            if (!log.fromClient(i) && (flags & TcpSegment.ACK) != 0 && (flags & (TcpSegment.SYN | TcpSegment.RST)) == 0) {
                long window = (long) log.window(i) << shift(ctx);
                return window > 0 && window < mss(ctx) ? i : -1;
            }
        }
        return -1;
    }

    /** The printer's MSS: what its SYN-ACK announced, else RFC 1122's default. */
    public static int mss(RuleContext ctx) {
        return ctx.flow().serverSide().mss() > 0 ? ctx.flow().serverSide().mss() : DEFAULT_MSS;
    }

    /** The printer's window scale, when both sides agreed to scaling. */
    private static int shift(RuleContext ctx) {
        boolean scaled = ctx.flow().clientSide().windowScale() >= 0 && ctx.flow().serverSide().windowScale() >= 0;
        return scaled ? ctx.flow().serverSide().windowScale() : 0;
    }
}

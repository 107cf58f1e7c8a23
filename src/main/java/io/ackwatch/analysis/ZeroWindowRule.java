package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The server closed its receive window: a printer pausing the job (paper, duplex drying, processing) is flow
 * control, not a fault (RFC 1122 §4.2.2.17 allows it indefinitely). Info while the pause is short, a warning when
 * one lasts at least {@link Thresholds#zeroWindowWarningMillis()} or the printer stops answering the client's
 * probes; a failure when it never reopened and the connection was then closed or reset: the job stalled for good
 * (the printer stopped reading). A zero window from the client is reported as info.
 */
public final class ZeroWindowRule extends Rule {
    public static final String ID = "zero-window";
    /** Probes left unanswered at the end before the advertiser counts as no longer responding. */
    private static final int UNANSWERED_PROBES = 2;

    public ZeroWindowRule() {
        super(ID, Severity.FAILURE,
                "the printer advertised a zero window: failure when it never reopened before the connection ended,"
                        + " warning when it lasted zero-window-warning-ms or probes went unanswered, info for a brief"
                        + " pause");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<Finding> out = new ArrayList<>();
        Finding server = episodes(ctx, false);
        if (server != null) {
            out.add(server);
        }
        Finding client = episodes(ctx, true);
        if (client != null) {
            out.add(client);
        }
        return out;
    }

    /**
     * The connection was reset or closed by either side (not cut off by the capture's end) while the job was not
     * known to be complete.
     */
    private static boolean ended(RuleContext ctx) {
        if (ctx.job() != null && Boolean.TRUE.equals(ctx.job().complete())) {
            return false;
        }
        return ctx.flow().clientSide().rst() + ctx.flow().serverSide().rst() + ctx.flow().clientSide().fin()
                + ctx.flow().serverSide().fin() > 0;
    }

    private Finding episodes(RuleContext ctx, boolean fromClient) {
        List<FlowFacts.ZeroWindow> list = ctx.facts().zeroWindows(fromClient);
        if (list.isEmpty()) {
            return null;
        }
        FlowFacts.ZeroWindow longest = list.get(0);
        long total = 0;
        for (FlowFacts.ZeroWindow z : list) {
            total += z.durationNanos();
            if (z.durationNanos() > longest.durationNanos()) {
                longest = z;
            }
        }
        FlowFacts.ZeroWindow last = list.get(list.size() - 1);
        boolean hung = !last.reopened() && last.unansweredProbes() >= UNANSWERED_PROBES;
        boolean tooLong = longest.durationNanos() >= ctx.thresholds().zeroWindowWarningNanos();
        String noun = ctx.noun(fromClient);
        StringBuilder msg = new StringBuilder("The ").append(ctx.name(fromClient)).append(" advertised a zero window ");
        if (list.size() > 1) {
            msg.append(list.size()).append(" times for ").append(Evidence.duration(total))
                    .append(" in all, the longest ");
        }
        msg.append(longest.reopened() ? "for " : "from frame " + longest.startFrame() + " on, for at least ")
                .append(Evidence.duration(longest.durationNanos()));
        msg.append(longest.reopened() ? " (frames " + longest.startFrame() + "–" + longest.endFrame() + ")" : "");
        if (!fromClient) {
            msg.append(": it stopped taking data while busy (paper, duplex drying, processing)");
        }
        boolean endedClosed = !last.reopened() && ended(ctx);
        if (!last.reopened()) {
            msg.append(endedClosed ? "; the window never reopened before the connection ended, so the job's end was"
                    + " never delivered" : "; the window never reopened");
        }
        if (hung) {
            msg.append(" and the ").append(noun).append(" stopped answering the last ").append(last.unansweredProbes())
                    .append(" probes");
        } else if (longest.probes() > 0) {
            msg.append("; the peer's ").append(Evidence.count(longest.probes(), "probe"))
                    .append(longest.probes() == 1 ? " was answered" : " were answered");
        }
        msg.append('.');
        Severity severity = fromClient ? Severity.INFO
                : endedClosed ? Severity.FAILURE : tooLong || hung ? Severity.WARNING : Severity.INFO;
        List<Long> frames = new ArrayList<>(longest.frames());
        if (longest.endFrame() > 0) {
            frames.add(longest.endFrame());
        }
        if (hung && last != longest) {
            frames.addAll(last.frames());
        }
        return finding(ctx, severity, frames, msg);
    }
}

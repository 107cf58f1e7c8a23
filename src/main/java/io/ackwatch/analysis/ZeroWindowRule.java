package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The server closed its receive window: a printer pausing the job (paper, duplex drying, processing) is flow
 * control, not a fault (RFC 1122 §4.2.2.17 allows it indefinitely). Info while the pause is short, a warning when
 * one lasts at least {@link Thresholds#zeroWindowWarningMillis()} or the printer stops answering the client's
 * probes. A zero window from the client is reported as info.
 */
public final class ZeroWindowRule extends Rule {
    public static final String ID = "zero-window";
    /** Probes left unanswered at the end before the advertiser counts as no longer responding. */
    private static final int UNANSWERED_PROBES = 2;

    public ZeroWindowRule() {
        super(ID, Severity.WARNING,
                "the printer advertised a zero window: warning when it lasted zero-window-warning-ms or probes went"
                        + " unanswered, info for a brief pause");
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
        if (!last.reopened()) {
            msg.append("; the window never reopened");
        }
        if (hung) {
            msg.append(" and the ").append(noun).append(" stopped answering the last ").append(last.unansweredProbes())
                    .append(" probes");
        } else if (longest.probes() > 0) {
            msg.append("; the peer's ").append(Evidence.count(longest.probes(), "probe"))
                    .append(longest.probes() == 1 ? " was answered" : " were answered");
        }
        msg.append('.');
        Severity severity = !fromClient && (tooLong || hung) ? Severity.WARNING : Severity.INFO;
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

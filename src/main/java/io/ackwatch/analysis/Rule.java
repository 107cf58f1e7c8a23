package io.ackwatch.analysis;

import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.Collection;
import java.util.List;

/**
 * One diagnosis about a connection. A rule looks at a {@link RuleContext} and returns at most a few findings,
 * each with its severity, the frames that prove it, a message for a support ticket and a Wireshark filter.
 * Rules never decide who is at fault: that depends on where the capture was taken, which the verdict stage
 * works out.
 *
 * <p>An abstract class rather than an interface so that id, severity and summary are stated once, in each
 * rule's constructor, instead of as three one-line overrides per rule.
 */
public abstract sealed class Rule
        permits MissingAckRule, RetransmissionStormRule, PrinterResetRule, ConnectionRefusedRule,
                SynUnansweredRule, ClientResetRule, ZeroWindowRule, SmallWindowRule, SlowAckRule, PacketLossRule,
                SpuriousRetransmissionRule, CaptureGapRule, DuplicateFramesRule, RelayRule {
    private final String id;
    private final Severity severity;
    private final String summary;

    Rule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    /** Stable kebab-case id used in reports, e.g. {@code missing-ack-after-two-segments}. */
    public final String id() {
        return id;
    }

    /** The most severe finding this rule can produce. */
    public final Severity severity() {
        return severity;
    }

    /** One line for README and help: what the rule detects and when it stays silent. */
    public final String summary() {
        return summary;
    }

    /** Findings for this connection; empty when the rule does not apply. */
    public abstract List<Finding> evaluate(RuleContext context);

    /**
     * A finding of this rule covering {@code frames} (any order, the most telling first: those are listed when
     * there are more than {@link Evidence#MAX_LISTED_FRAMES}), filtering on exactly them; no frames: the
     * connection.
     */
    final Finding finding(RuleContext ctx, Severity severity, Collection<Long> frames, CharSequence message) {
        long[] sorted = Evidence.sortedDistinct(frames);
        return new Finding(id, severity, Evidence.listed(frames, sorted), sorted.length, message.toString(),
                Evidence.filter(ctx.flow().stream(), sorted));
    }

    /**
     * A finding that is exactly the {@code count} frames of the connection Wireshark flags with any of
     * {@code flags}, for a connection whose frames were not kept one by one: none listed, the flag filter selects
     * them.
     */
    final Finding flagFinding(RuleContext ctx, Severity severity, int count, CharSequence message,
            TcpAnalysisFlag... flags) {
        return new Finding(id, severity, List.of(), count, message.toString(),
                Evidence.filter(ctx.flow().stream(), flags));
    }
}

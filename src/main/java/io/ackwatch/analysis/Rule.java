package io.ackwatch.analysis;

import java.util.List;

/**
 * One diagnosis about a connection. A rule looks at a {@link RuleContext} and returns at most a few findings,
 * each with its severity, the frames that prove it, a message for a support ticket and a Wireshark filter.
 * Rules never decide who is at fault: that depends on where the capture was taken, which the verdict stage
 * works out.
 */
public sealed interface Rule
        permits MissingAckRule, RetransmissionStormRule, PrinterResetRule, ConnectionRefusedRule,
                SynUnansweredRule, ClientResetRule, ZeroWindowRule, SlowAckRule, PacketLossRule,
                SpuriousRetransmissionRule, CaptureGapRule, DuplicateFramesRule {

    /** Stable kebab-case id used in reports, e.g. {@code missing-ack-after-two-segments}. */
    String id();

    /** The most severe finding this rule can produce. */
    Severity severity();

    /** One line for README and help: what the rule detects and when it stays silent. */
    String summary();

    /** Findings for this connection; empty when the rule does not apply. */
    List<Finding> evaluate(RuleContext context);
}

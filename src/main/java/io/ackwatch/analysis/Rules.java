package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The registry of rules, in a fixed order, and the one call that runs them all. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            new ConnectionRefusedRule(),
            new SynUnansweredRule(),
            new MissingAckRule(),
            new RetransmissionStormRule(),
            new PrinterResetRule(),
            new ClientResetRule(),
            new ZeroWindowRule(),
            new SmallWindowRule(),
            new PacketLossRule(),
            new SlowAckRule(),
            new SpuriousRetransmissionRule(),
            new CaptureGapRule(),
            new DuplicateFramesRule(),
            new RelayRule());

    private static final Rule[] IN_ORDER = ALL.toArray(new Rule[0]);

    /** Most severe first; among equals, in rule order. */
    public static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity);

    private Rules() {}

    public static List<Rule> all() {
        return ALL;
    }

    public static Rule byId(String id) {
        for (Rule r : ALL) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + id + "'");
    }

    /** Runs every rule; findings sorted most severe first (stable, so rule order breaks ties). */
    public static List<Finding> evaluate(RuleContext context) {
        ArrayList<Finding> out = null;
        for (Rule r : IN_ORDER) {
            List<Finding> found = r.evaluate(context);
            if (!found.isEmpty()) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.addAll(found);
            }
        }
        if (out == null) {
            return List.of(); // most connections
        }
        if (out.size() > 1) {
            out.sort(MOST_SEVERE_FIRST);
        }
        return List.copyOf(out);
    }
}

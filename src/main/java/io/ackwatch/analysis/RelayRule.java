package io.ackwatch.analysis;

import io.ackwatch.flow.RelayedCopies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Another host on the LAN relays this connection: each of its packets was captured twice, the second time from
 * the relay's MAC address with the same IP packet (see {@code flow.RelayCopyDetector}). Nothing was lost, so the
 * copies are left out of every other rule; but a relay on the path (ARP spoofing, a misconfigured bridge) is
 * something an admin must hear about, and it adds its holding time to every round trip. Info: the job's fate is
 * judged on the packets without the copies.
 */
public final class RelayRule extends Rule {
    public static final String ID = "relay";

    public RelayRule() {
        super(ID, Severity.INFO, "packets seen twice, the second time from another host's MAC address (same IP"
                + " packet): a host on the LAN relays the traffic (ARP spoofing or a misconfigured bridge); the copies"
                + " are not counted as retransmissions or duplicate ACKs");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        List<RelayedCopies> relayed = ctx.flow().relayed();
        if (relayed.isEmpty()) {
            return List.of();
        }
        int total = 0;
        Set<Long> relays = new LinkedHashSet<>();
        StringBuilder seen = new StringBuilder();
        for (RelayedCopies r : relayed) {
            total += r.frames();
            relays.add(r.relayMac());
            seen.append(seen.length() == 0 ? "" : "; ").append(Evidence.count(r.frames(), "frame")).append(" from the ")
                    .append(ctx.noun(r.fromClient())).append(", first seen from ")
                    .append(RelayedCopies.macText(r.senderMac()));
        }
        List<Long> frames = new ArrayList<>();
        for (int i : ctx.facts().relayCopies()) {
            frames.add(ctx.facts().log().frame(i));
        }
        long[] sorted = Evidence.sortedDistinct(frames);
        List<String> macs = relays.stream().map(RelayedCopies::macText).toList();
        String msg = (macs.size() == 1 ? "The host with MAC address " + macs.get(0) : "Hosts with MAC addresses "
                + String.join(", ", macs)) + " relayed this connection: " + Evidence.count(total, "frame")
                + " were captured twice, the second time from that MAC a moment later and the same IP packet (same"
                + " sequence numbers, flags, payload and IP ID) (" + seen + "). A host on the LAN relays this traffic"
                + " (ARP spoofing or a misconfigured bridge): check the ARP tables of the client and its gateway for"
                + " that MAC. The copies are not retransmissions or duplicate ACKs, whatever Wireshark's flags say;"
                + " ackwatch left them out of its other rules.";
        return List.of(new Finding(ID, Severity.INFO, Evidence.listed(frames, sorted), Math.max(total, sorted.length),
                msg, Evidence.sourceMacFilter(ctx.flow().stream(), relays)));
    }
}

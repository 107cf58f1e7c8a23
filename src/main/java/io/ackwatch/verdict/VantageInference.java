package io.ackwatch.verdict;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.RoundTrip;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a capture was taken, as far as one connection's packets show it. Three independent signals vote:
 * <ol>
 *   <li>Handshake timing: next to the client the SYN→SYN-ACK gap holds the whole round trip and the client's
 *       ACK follows the SYN-ACK at once; next to the server it is the other way round; in the middle both gaps
 *       hold part of the path.</li>
 *   <li>TTLs: a host's own packets carry an initial TTL (32, 60, 64, 128 or 255) at its own capture point, a
 *       routed peer's arrive decremented. Both initial means the same subnet (or loopback): no vote.</li>
 *   <li>Segments longer than the peer's MSS can only be seen on the sending host (TSO/LSO hands the NIC
 *       super-segments), so they place the capture on that host; this signal wins over the others.</li>
 * </ol>
 * When the TTLs place the capture next to one host and the handshake points at the other end, the TTLs win: that
 * host (or its NIC) answered slowly. Handshake timing wins over TTLs that show routers on both sides (a capture a
 * few hops from one host). Missing signals give {@link Vantage#UNKNOWN}.
 */
public final class VantageInference {
    private static final Set<Integer> INITIAL_TTLS = Set.of(32, 60, 64, 128, 255);
    /** Gaps below this are too small to compare (timestamp resolution, same-host scheduling). */
    private static final long MIN_GAP_NANOS = 50_000;
    /** Both gaps at least this long make the capture point "between" the hosts. */
    private static final long MIDDLE_MIN_GAP_NANOS = 1_000_000;
    /** A host that takes this long to answer in the handshake was slow to answer; below it, scheduling. */
    private static final long SLOW_ANSWER_NANOS = 10_000_000;

    /** The vantage and the sentences that justify it. */
    public record Result(Vantage vantage, List<String> reasons) {
        public Result {
            reasons = List.copyOf(reasons);
        }

        static Result unknown(String reason) {
            return new Result(Vantage.UNKNOWN, List.of(reason));
        }
    }

    private record Vote(Vantage vantage, String reason) {}

    private VantageInference() {}

    public static Result infer(FlowFacts facts, Thresholds thresholds, boolean printer) {
        TcpFlow flow = facts.flow();
        String server = printer ? "printer" : "server";
        if (flow.client().address().equals(flow.server().address())) {
            return Result.unknown("both ends share one address (loopback), so client side and " + server
                    + " side are the same place");
        }
        List<Vote> votes = new ArrayList<>();
        Vantage offload = offloadVote(facts, server, votes);
        handshakeVote(facts, thresholds, server, votes);
        ttlVote(facts, server, votes);
        if (votes.isEmpty()) {
            String handshake = facts.flow().handshake().complete()
                    ? "the handshake's timing places it next to neither host" : "no complete handshake";
            return Result.unknown("the packets cannot tell where the capture was taken (" + handshake
                    + ", no telling TTLs)");
        }
        if (offload == null && votes.size() == 2 && votes.get(1).vantage() != Vantage.MIDDLE && votes.get(0).vantage() != Vantage.MIDDLE
                && votes.get(0).vantage() != votes.get(1).vantage()) {
            // TTLs tell where the capture is; a handshake pointing the other way means that host answered slowly
            Vote ttl = votes.get(1);
            String slow = ttl.vantage() == Vantage.SERVER ? server : "client";
            RoundTrip rtt = RoundTrip.of(flow.handshake(), facts.log());
            long slowGap = ttl.vantage() == Vantage.SERVER ? rtt.serverSideNanos() : rtt.clientSideNanos();
            String handshake = votes.get(0).reason();
            int so = handshake.indexOf(", so ");
            String gaps = so < 0 ? handshake : handshake.substring(0, so);
            // a gap of a few milliseconds is a host's scheduling, not a slow answer: say so, don't blame
            return new Result(ttl.vantage(), List.of(ttl.reason(), slowGap >= SLOW_ANSWER_NANOS
                    ? gaps + ", so the " + slow + " itself was slow to answer"
                    : gaps + ": gaps below 10 ms are the hosts' own scheduling, too small to outweigh the TTLs"));
        }
        if (offload == null && votes.size() == 2 && votes.get(1).vantage() == Vantage.MIDDLE && votes.get(0).vantage() != Vantage.MIDDLE) {
            // routed hops on both sides only say the capture is not on a host; the handshake says which end it is near
            return new Result(votes.get(0).vantage(), List.of(votes.get(0).reason(), "the TTLs show routers on both"
                    + " sides, so the capture point is a few hops from that host rather than on it"));
        }
        List<String> reasons = new ArrayList<>();
        boolean agree = true;
        for (Vote v : votes) {
            reasons.add(v.reason());
            agree &= v.vantage() == votes.get(0).vantage();
        }
        if (offload != null) {
            return new Result(offload, List.of(votes.get(0).reason()));
        }
        if (agree) {
            return new Result(votes.get(0).vantage(), reasons);
        }
        reasons.add(0, "the signals disagree, so the capture point is unknown");
        return new Result(Vantage.UNKNOWN, reasons);
    }

    /** The capture's vantage: the vantage most of the known connections agree on, UNKNOWN on a tie or none. */
    public static Vantage aggregate(List<Vantage> perFlow) {
        Map<Vantage, Integer> counts = new EnumMap<>(Vantage.class);
        int known = 0;
        for (Vantage v : perFlow) {
            if (v != Vantage.UNKNOWN) {
                counts.merge(v, 1, Integer::sum);
                known++;
            }
        }
        for (Map.Entry<Vantage, Integer> e : counts.entrySet()) {
            if (e.getValue() * 2 > known) {
                return e.getKey();
            }
        }
        return Vantage.UNKNOWN;
    }

    private static Vantage offloadVote(FlowFacts facts, String server, List<Vote> votes) {
        int i = facts.firstOversizedSegment();
        if (i < 0) {
            return null;
        }
        SegmentLog log = facts.log();
        boolean fromClient = log.fromClient(i);
        int limit = fromClient ? facts.flow().serverSide().mss() : facts.flow().clientSide().mss();
        Vantage v = fromClient ? Vantage.CLIENT : Vantage.SERVER;
        String who = fromClient ? "client" : server;
        votes.add(new Vote(v, "frame " + log.frame(i) + " carries " + log.len(i) + " bytes, more than the peer's MSS of "
                + limit + ": only the " + who + " host itself sees such offloaded super-segments"));
        return v;
    }

    private static void handshakeVote(FlowFacts facts, Thresholds thresholds, String server,
            List<Vote> votes) {
        RoundTrip rtt = RoundTrip.of(facts.flow().handshake(), facts.log());
        if (!rtt.present()) {
            return;
        }
        long a = rtt.serverSideNanos();
        long b = rtt.clientSideNanos();
        if (Math.max(a, b) < MIN_GAP_NANOS) {
            return;
        }
        long ratio = thresholds.vantageGapRatio();
        String gaps = "the SYN-ACK came " + Evidence.duration(a) + " after the SYN and the client's ACK "
                + Evidence.duration(b) + " after the SYN-ACK";
        if (a >= ratio * b) {
            votes.add(new Vote(Vantage.CLIENT, gaps + ", so the round trip lies beyond the capture point on the " + server
                    + "'s side: the capture is next to the client"));
        } else if (b >= ratio * a) {
            votes.add(new Vote(Vantage.SERVER, gaps + ", so the " + server + " answered at once and the round trip lies on the"
                    + " client's side: the capture is next to the " + server));
        } else if (Math.min(a, b) >= MIDDLE_MIN_GAP_NANOS) {
            votes.add(new Vote(Vantage.MIDDLE, gaps + ": both halves of the round trip lie beyond the capture point, so it"
                    + " sits between the hosts"));
        }
    }

    private static void ttlVote(FlowFacts facts, String server, List<Vote> votes) {
        int c = ttlOf(facts, true);
        int s = ttlOf(facts, false);
        if (c < 0 || s < 0) {
            return;
        }
        boolean ci = INITIAL_TTLS.contains(c);
        boolean si = INITIAL_TTLS.contains(s);
        String ttls = "the client's packets carry TTL " + c + " and the " + server + "'s TTL " + s;
        if (ci && !si) {
            votes.add(new Vote(Vantage.CLIENT, ttls + ": the " + server + "'s packets crossed routers, the client's did"
                    + " not, so the capture is on the client's side"));
        } else if (si && !ci) {
            votes.add(new Vote(Vantage.SERVER, ttls + ": the client's packets crossed routers, the " + server
                    + "'s did not, so the capture is on the " + server + "'s side"));
        } else if (!ci && !si) {
            votes.add(new Vote(Vantage.MIDDLE, ttls + ": both crossed routers, so the capture is between the hosts"));
        }
    }

    private static int ttlOf(FlowFacts facts, boolean client) {
        int ttl = facts.usualTtl(client);
        if (ttl >= 0) {
            return ttl;
        }
        SegmentLog log = facts.log();
        for (int i = 0; i < log.size(); i++) {
            if (log.fromClient(i) == client && log.ttl(i) >= 0) {
                return log.ttl(i); // only resets from this side: their TTL still tells the hops
            }
        }
        if (facts.hasLog()) {
            return -1;
        }
        var side = client ? facts.flow().clientSide() : facts.flow().serverSide();
        return side.minTtl() >= 0 && side.minTtl() == side.maxTtl() ? side.minTtl() : -1;
    }
}

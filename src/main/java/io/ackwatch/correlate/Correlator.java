package io.ackwatch.correlate;

import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.Vantage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares every pair of captures of a run that saw the same connections. A connection is the same in two
 * captures when client and server endpoints agree and it started within {@link #SAME_TIME_NANOS} at both (the
 * clocks may differ by seconds); its packets are then matched by {@link PacketMatcher}. The segment logs
 * carry sequence numbers relative to the ISNs, so packets are compared only where both captures hold the
 * connection's SYN (the same ISN then underlies both).
 */
public final class Correlator {
    /** Two sightings of a 4-tuple this far apart in start time are taken for two connections. */
    static final long SAME_TIME_NANOS = 600_000_000_000L;

    private Correlator() {}

    /** True when two readable captures of the report share a connection (the batch asks for correlation). */
    public static boolean overlapping(Report report) {
        List<CaptureResult> captures = readable(report);
        List<List<TcpFlow>> flows = captures.stream().map(Correlator::flows).toList();
        for (int i = 0; i < captures.size(); i++) {
            for (int j = i + 1; j < captures.size(); j++) {
                if (!sameFile(captures.get(i), captures.get(j))
                        && !pairConnections(flows.get(i), flows.get(j)).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every pair of readable captures, in input order. Automatic correlation keeps only pairs that share
     * connections; asked for, every pair is reported, also one that shares nothing or is the same file.
     */
    public static Correlations correlate(Report report, boolean automatic) {
        List<CaptureResult> captures = readable(report);
        List<List<TcpFlow>> flows = captures.stream().map(Correlator::flows).toList();
        List<CaptureCorrelation> pairs = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            for (int j = i + 1; j < captures.size(); j++) {
                CaptureCorrelation pair = correlate(captures.get(i), captures.get(j), flows.get(i), flows.get(j));
                if (!automatic || pair.status() == PairStatus.CORRELATED) {
                    pairs.add(pair);
                }
            }
        }
        return new Correlations(pairs, automatic);
    }

    /** Two captures and their judged connections ({@code flowsA}, {@code flowsB}: opened once per run). */
    static CaptureCorrelation correlate(CaptureResult a, CaptureResult b, List<TcpFlow> flowsA, List<TcpFlow> flowsB) {
        if (sameFile(a, b)) {
            return new CaptureCorrelation(a.file(), b.file(), a.vantage(), b.vantage(), PairStatus.SAME_CAPTURE,
                    "the same file (same SHA-256)", ClockEstimate.NONE, List.of(), 0, 0);
        }
        List<int[]> shared = pairConnections(flowsA, flowsB);
        if (shared.isEmpty()) {
            return new CaptureCorrelation(a.file(), b.file(), a.vantage(), b.vantage(), PairStatus.NOTHING_IN_COMMON,
                    "no connection in both", ClockEstimate.NONE, List.of(), flowsA.size(), flowsB.size());
        }
        if (copies(flowsA, flowsB, shared)) {
            return new CaptureCorrelation(a.file(), b.file(), a.vantage(), b.vantage(), PairStatus.SAME_CAPTURE,
                    "the same frames at the same times (copies of one capture)", ClockEstimate.NONE, List.of(), 0, 0);
        }
        Order order = order(a, b, flowsA, flowsB, shared);
        CaptureResult up = order.aUpstream ? a : b;
        CaptureResult down = order.aUpstream ? b : a;
        List<TcpFlow> upFlows = order.aUpstream ? flowsA : flowsB;
        List<TcpFlow> downFlows = order.aUpstream ? flowsB : flowsA;
        List<int[]> links = shared.stream().map(p -> order.aUpstream ? p : new int[] {p[1], p[0]}).toList();
        List<long[]> forward = new ArrayList<>();
        List<long[]> back = new ArrayList<>();
        for (int[] link : links) {
            TcpFlow u = upFlows.get(link[0]);
            TcpFlow d = downFlows.get(link[1]);
            if (comparable(u, d)) {
                PacketMatcher.unambiguous(u.log(), d.log(), forward, back);
            }
        }
        ClockEstimate clock = ClockEstimate.fit(forward, back);
        List<ConnectionCorrelation> connections = new ArrayList<>();
        for (int[] link : links) {
            connections.add(connection(up, down, up.flows().get(link[0]), down.flows().get(link[1]),
                    upFlows.get(link[0]), downFlows.get(link[1]), clock));
        }
        return new CaptureCorrelation(up.file(), down.file(), up.vantage(), down.vantage(), PairStatus.CORRELATED,
                order.basis, clock, connections, upFlows.size() - links.size(), downFlows.size() - links.size());
    }

    private static ConnectionCorrelation connection(CaptureResult up, CaptureResult down, FlowVerdict upVerdict,
            FlowVerdict downVerdict, TcpFlow u, TcpFlow d, ClockEstimate clock) {
        String notCompared = comparable(u, d) ? null
                : !u.detailed() || !d.detailed() || u.log().size() == 0 || d.log().size() == 0
                        ? "its packets were kept at only one point (healthy connections keep only their numbers)"
                        : "the handshake is not in both captures, so their relative sequence numbers differ";
        List<PacketSighting> packets = notCompared != null ? List.of()
                : PacketMatcher.match(u.log(), d.log(), clock,
                        PacketMatcher.Coverage.of(u.log(), up.startNanos(), up.endNanos(), clock, false),
                        PacketMatcher.Coverage.of(d.log(), down.startNanos(), down.endNanos(), clock, true));
        CombinedVerdict combined = CombinedVerdict.decide(upVerdict.verdict(), upVerdict.fault(),
                downVerdict.verdict(), downVerdict.fault(), packets, notCompared == null);
        return new ConnectionCorrelation(u.client(), u.server(), u.stream(), d.stream(), upVerdict.verdict(),
                upVerdict.fault(), downVerdict.verdict(), downVerdict.fault(), combined.verdict(),
                combined.location(), combined.reason(), packets, notCompared, Translation.between(u, d));
    }

    /**
     * Every shared connection starts at the same frame and the same nanosecond in both: one capture and a copy of
     * it (or of its first part). Two capture points never see a packet at exactly the same time and place.
     */
    private static boolean copies(List<TcpFlow> a, List<TcpFlow> b, List<int[]> shared) {
        return shared.stream().allMatch(p -> a.get(p[0]).firstFrame() == b.get(p[1]).firstFrame()
                && a.get(p[0]).startNanos() == b.get(p[1]).startNanos() && a.get(p[0]).stream() == b.get(p[1]).stream());
    }

    /** Packets can be compared when both points kept them and both saw the SYN (same relative numbering). */
    private static boolean comparable(TcpFlow u, TcpFlow d) {
        return u.log().size() > 0 && d.log().size() > 0 && u.handshake().synFrame() > 0
                && d.handshake().synFrame() > 0;
    }

    /** Which capture is nearer the client, and why. */
    private record Order(boolean aUpstream, String basis) {}

    /**
     * The point nearer the client sees a longer wait from SYN to SYN-ACK (the round trip to the printer from
     * there), whatever the clocks; vantage and input order decide when handshakes do not.
     */
    private static Order order(CaptureResult a, CaptureResult b, List<TcpFlow> flowsA, List<TcpFlow> flowsB,
            List<int[]> shared) {
        int votes = 0;
        for (int[] p : shared) {
            Handshake ha = flowsA.get(p[0]).handshake();
            Handshake hb = flowsB.get(p[1]).handshake();
            if (ha.synFrame() > 0 && ha.synAckFrame() > 0 && hb.synFrame() > 0 && hb.synAckFrame() > 0) {
                long gapA = ha.synAckNanos() - ha.synNanos();
                long gapB = hb.synAckNanos() - hb.synNanos();
                votes += Long.compare(gapA, gapB);
            }
        }
        if (votes != 0) {
            return new Order(votes > 0, "the SYN-ACK followed the SYN later there (the round trip to the printer is longer from there)");
        }
        int rankA = rank(a.vantage());
        int rankB = rank(b.vantage());
        if (rankA != rankB) {
            return new Order(rankA < rank(b.vantage()), "their vantages say so");
        }
        return new Order(true, "given first (neither handshakes nor vantages tell)");
    }

    private static int rank(Vantage v) {
        return switch (v) {
            case CLIENT -> 0;
            case MIDDLE -> 1;
            case UNKNOWN -> 2;
            case SERVER -> 3;
        };
    }

    /**
     * Index pairs (in a, in b) of the connections both captures saw: same endpoints, nearest start in time; then,
     * among those left, the same connection behind a NAT between the points (see {@link #sameBehindNat}).
     */
    static List<int[]> pairConnections(List<TcpFlow> a, List<TcpFlow> b) {
        Map<List<Endpoint>, List<Integer>> byTuple = new HashMap<>();
        Map<Long, List<Integer>> byClientIsn = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            byTuple.computeIfAbsent(List.of(a.get(i).client(), a.get(i).server()), k -> new ArrayList<>()).add(i);
            if (a.get(i).handshake().synFrame() > 0) {
                byClientIsn.computeIfAbsent(a.get(i).handshake().clientIsn(), k -> new ArrayList<>()).add(i);
            }
        }
        boolean[] takenA = new boolean[a.size()];
        boolean[] takenB = new boolean[b.size()];
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            TcpFlow fb = b.get(j);
            link(out, takenA, takenB, j, nearest(a, fb, byTuple.getOrDefault(List.of(fb.client(), fb.server()),
                    List.of()), takenA));
        }
        for (int j = 0; j < b.size(); j++) {
            TcpFlow fb = b.get(j);
            if (!takenB[j] && fb.handshake().synFrame() > 0) {
                List<Integer> sameIsn = byClientIsn.getOrDefault(fb.handshake().clientIsn(), List.of()).stream()
                        .filter(i -> sameBehindNat(a.get(i), fb)).toList();
                link(out, takenA, takenB, j, nearest(a, fb, sameIsn, takenA));
            }
        }
        out.sort(Comparator.comparingInt(p -> p[1]));
        return out;
    }

    private static void link(List<int[]> out, boolean[] takenA, boolean[] takenB, int j, int i) {
        if (i >= 0) {
            takenA[i] = true;
            takenB[j] = true;
            out.add(new int[] {i, j});
        }
    }

    /** The candidate in {@code a} not yet paired that started nearest {@code fb}, within SAME_TIME_NANOS; -1 if none. */
    private static int nearest(List<TcpFlow> a, TcpFlow fb, List<Integer> candidates, boolean[] taken) {
        int best = -1;
        long bestGap = SAME_TIME_NANOS;
        for (int i : candidates) {
            long gap = Math.abs(a.get(i).startNanos() - fb.startNanos());
            if (!taken[i] && gap <= bestGap) {
                best = i;
                bestGap = gap;
            }
        }
        return best;
    }

    /**
     * Two sightings with different endpoints are one connection rewritten by a NAT between the points when both
     * saw its SYN with the same initial sequence number (and its SYN-ACK with the same one, where both saw it) and
     * one side kept its port: a NAT rewrites addresses and ports, not sequence numbers, and 32-bit random ISNs of
     * two connections starting within minutes agree by chance about once in 10^9.
     */
    private static boolean sameBehindNat(TcpFlow x, TcpFlow y) {
        Handshake hx = x.handshake();
        Handshake hy = y.handshake();
        boolean serverIsnAgrees = hx.synAckFrame() == 0 || hy.synAckFrame() == 0 || hx.serverIsn() == hy.serverIsn();
        boolean portKept = x.server().port() == y.server().port() || x.client().port() == y.client().port();
        return hx.synFrame() > 0 && hy.synFrame() > 0 && hx.clientIsn() == hy.clientIsn() && serverIsnAgrees
                && portKept;
    }

    private static List<TcpFlow> flows(CaptureResult capture) {
        return capture.flows().stream().map(FlowVerdict::flow).toList();
    }

    private static List<CaptureResult> readable(Report report) {
        return report.captures().stream().filter(c -> !c.unreadable()).toList();
    }

    private static boolean sameFile(CaptureResult a, CaptureResult b) {
        return a.identity() != null && b.identity() != null && a.identity().sha256().equals(b.identity().sha256());
    }
}

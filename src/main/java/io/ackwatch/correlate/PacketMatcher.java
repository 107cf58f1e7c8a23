package io.ackwatch.correlate;

import io.ackwatch.flow.Direction;
import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each packet of one connection at the other capture point. Packets are the same when direction, relative
 * sequence and acknowledgement numbers, length, flags, window and IPv4 ID agree (without an IP ID, over IPv6,
 * identical retransmissions and duplicate ACKs share such a key). Within a key, each sighting at the receiver's point is the latest unused sighting at
 * the sender's point that passed at most {@link #MAX_DELAY_NANOS} before it: a lost original and its resend
 * differ by a retransmission timeout, far more than a LAN's one-way delay, so the resend is the one that
 * arrived. Memory: the two segment logs the flow stage already kept (at most its head and tail of segments
 * each) and one entry per packet; nothing of the capture files is read again.
 */
final class PacketMatcher {
    /** A receiver-side sighting up to this long after the sender-side one can be its copy. */
    static final long MAX_DELAY_NANOS = 10_000_000_000L;
    /** How far the clock estimate may be wrong: a copy may seem to arrive this much before it left. */
    static final long CLOCK_TOLERANCE_NANOS = 1_000_000L;
    /** A packet is counted as lost only when the other capture ran at least this long after it. */
    static final long END_MARGIN_NANOS = 100_000_000L;

    private PacketMatcher() {}

    /**
     * What one packet keeps between the two points. The IPv4 ID and the TCP timestamp (TSval, -1 without one)
     * tell a resend from its original, which share everything else: a payload hash would not, since a resend
     * carries the same bytes. An IPv6 resend without timestamps is matched to its copy by time order alone.
     */
    record Key(boolean fromClient, long seq, long ack, int len, int flags, int window, int ipId, long tsval) {}

    /** The times of a connection's packets by key, in capture order, relayed copies left out. */
    static Map<Key, List<Integer>> byKey(SegmentLog log) {
        Map<Key, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            if (!log.relayCopy(i)) {
                out.computeIfAbsent(key(log, i), k -> new ArrayList<>(1)).add(i);
            }
        }
        return out;
    }

    private static Key key(SegmentLog log, int i) {
        return new Key(log.fromClient(i), log.seq(i), log.ack(i), log.len(i), log.tcpFlags(i), log.window(i),
                log.ipId(i), log.timestamps(i) ? log.tsval(i) : -1);
    }

    /**
     * Adds (upstream time, downstream time) of every packet whose key occurs exactly once at each point, by
     * direction: those are the same packet whatever the clocks, and the clock estimate is made from them.
     */
    static void unambiguous(SegmentLog up, SegmentLog down, List<long[]> forward, List<long[]> back) {
        Map<Key, List<Integer>> downKeys = byKey(down);
        byKey(up).forEach((key, ups) -> {
            List<Integer> downs = downKeys.get(key);
            if (ups.size() == 1 && downs != null && downs.size() == 1) {
                long[] pair = {up.timeNanos(ups.get(0)), down.timeNanos(downs.get(0))};
                (key.fromClient() ? forward : back).add(pair);
            }
        });
    }

    /** When each capture could have seen the connection's packets, on the upstream clock. */
    record Coverage(long startNanos, long endNanos, long gapFromNanos, long gapToNanos) {
        static Coverage of(SegmentLog log, long captureStart, long captureEnd, ClockEstimate clock, boolean down) {
            long gapFrom = Long.MAX_VALUE;
            long gapTo = Long.MIN_VALUE;
            if (log.omitted() > 0 && log.omittedAt() > 0) {
                gapFrom = log.timeNanos(log.omittedAt() - 1);
                gapTo = log.timeNanos(log.omittedAt());
            }
            if (!down) {
                return new Coverage(captureStart, captureEnd, gapFrom, gapTo);
            }
            return new Coverage(clock.toUpstream(captureStart), clock.toUpstream(captureEnd),
                    gapFrom == Long.MAX_VALUE ? gapFrom : clock.toUpstream(gapFrom),
                    gapTo == Long.MIN_VALUE ? gapTo : clock.toUpstream(gapTo));
        }

        boolean covers(long nanos, long margin) {
            return nanos >= startNanos && nanos + margin <= endNanos && !(nanos > gapFromNanos && nanos < gapToNanos);
        }
    }

    /** Every packet of the connection at either point with its fate, in time order (upstream clock). */
    static List<PacketSighting> match(SegmentLog up, SegmentLog down, ClockEstimate clock, Coverage upCover,
            Coverage downCover) {
        Map<Key, List<Integer>> upKeys = byKey(up);
        Map<Key, List<Integer>> downKeys = byKey(down);
        List<Pending> pending = new ArrayList<>();
        java.util.Set<Key> keys = new java.util.HashSet<>(upKeys.keySet());
        keys.addAll(downKeys.keySet());
        for (Key key : keys) {
            List<Integer> ups = upKeys.getOrDefault(key, List.of());
            List<Integer> downs = downKeys.getOrDefault(key, List.of());
            matchKey(key, up, ups, down, downs, clock, pending);
        }
        long[] maxDelay = new long[2];
        for (Pending p : pending) {
            if (p.upIndex >= 0 && p.downIndex >= 0) {
                int d = p.key.fromClient() ? 0 : 1;
                maxDelay[d] = Math.max(maxDelay[d], p.delay);
            }
        }
        List<PacketSighting> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            out.add(p.resolve(up, down, clock, upCover, downCover, maxDelay[p.key.fromClient() ? 0 : 1]));
        }
        // in the upstream capture's order, each packet it missed placed by its downstream time
        out.sort(java.util.Comparator.comparingLong((PacketSighting s) -> s.upstreamClockNanos(clock))
                .thenComparingLong(s -> s.upstreamFrame() > 0 ? s.upstreamFrame() : s.downstreamFrame()));
        return out;
    }

    /** Pairs the sightings of one key: the sender's point is upstream for client packets, downstream for the printer's. */
    private static void matchKey(Key key, SegmentLog up, List<Integer> ups, SegmentLog down, List<Integer> downs,
            ClockEstimate clock, List<Pending> out) {
        boolean senderUp = key.fromClient();
        List<Integer> senders = senderUp ? ups : downs;
        List<Integer> receivers = senderUp ? downs : ups;
        long[] sendTimes = new long[senders.size()];
        for (int i = 0; i < sendTimes.length; i++) {
            long t = (senderUp ? up : down).timeNanos(senders.get(i));
            sendTimes[i] = senderUp ? t : clock.toUpstream(t);
        }
        boolean[] used = new boolean[senders.size()];
        int next = 0;
        for (int receiver : receivers) {
            long t = (senderUp ? down : up).timeNanos(receiver);
            long arrived = senderUp ? clock.toUpstream(t) : t;
            int best = -1;
            for (int i = next; i < sendTimes.length && sendTimes[i] <= arrived + CLOCK_TOLERANCE_NANOS; i++) {
                if (sendTimes[i] >= arrived - MAX_DELAY_NANOS) {
                    best = i;
                }
            }
            if (best >= 0) {
                used[best] = true;
                next = best + 1;
                int s = senders.get(best);
                out.add(new Pending(key, senderUp ? s : receiver, senderUp ? receiver : s,
                        Math.max(0, arrived - sendTimes[best])));
            } else {
                out.add(new Pending(key, senderUp ? -1 : receiver, senderUp ? receiver : -1, -1));
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                int s = senders.get(i);
                out.add(new Pending(key, senderUp ? s : -1, senderUp ? -1 : s, -1));
            }
        }
    }

    /** A packet seen at one or both points (index in each log, -1 when not seen there), fate not yet decided. */
    private record Pending(Key key, int upIndex, int downIndex, long delay) {
        PacketSighting resolve(SegmentLog up, SegmentLog down, ClockEstimate clock, Coverage upCover,
                Coverage downCover, long maxDelay) {
            Direction dir = key.fromClient() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            long upFrame = upIndex >= 0 ? up.frame(upIndex) : 0;
            long downFrame = downIndex >= 0 ? down.frame(downIndex) : 0;
            long upNanos = upIndex >= 0 ? up.timeNanos(upIndex) : -1;
            long downNanos = downIndex >= 0 ? down.timeNanos(downIndex) : -1;
            PacketFate fate;
            if (upIndex >= 0 && downIndex >= 0) {
                fate = PacketFate.BOTH;
            } else {
                boolean seenBySender = key.fromClient() == (upIndex >= 0);
                long at = upIndex >= 0 ? upNanos : clock.toUpstream(downNanos);
                Coverage other = upIndex >= 0 ? downCover : upCover;
                long margin = END_MARGIN_NANOS + 2 * maxDelay;
                boolean otherRan = seenBySender ? other.covers(at, margin) : other.covers(at - maxDelay, 0);
                fate = !otherRan ? PacketFate.NOT_COMPARED
                        : seenBySender ? PacketFate.LOST_BETWEEN : PacketFate.MISSED_BY_SENDER_CAPTURE;
            }
            return new PacketSighting(dir, key.seq(), key.ack(), key.len(), key.flags(), upFrame, downFrame, upNanos,
                    downNanos, fate == PacketFate.BOTH ? delay : -1, fate);
        }
    }
}

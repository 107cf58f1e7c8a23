package io.ackwatch.correlate;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.flow.Direction;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.Verdict;
import java.util.List;

/** What two points' verdicts and the packets' fates between them say together. */
record CombinedVerdict(Verdict verdict, Location location, String reason) {
    /** A round trip between two points of one site beyond this is the network's doing, not a LAN's. */
    static final long SLOW_ROUND_TRIP_NANOS = 200_000_000L;

    static CombinedVerdict decide(Verdict upVerdict, Fault upFault, Verdict downVerdict, Fault downFault,
            List<PacketSighting> packets, boolean compared) {
        Verdict verdict = worse(upVerdict, downVerdict);
        boolean healthy = verdict == Verdict.OK || verdict == Verdict.INCOMPLETE;
        if (!compared) {
            Location location = healthy ? Location.NONE
                    : downFault == Fault.SERVER ? Location.PRINTER
                    : downFault == Fault.CLIENT || upFault == Fault.CLIENT ? Location.CLIENT : Location.UNKNOWN;
            return new CombinedVerdict(verdict, location, "The packets were not compared; "
                    + "this follows the capture nearer the printer (fault " + downFault.reportName() + ").");
        }
        long lostForward = count(packets, Direction.CLIENT_TO_SERVER, PacketFate.LOST_BETWEEN);
        long lostBack = count(packets, Direction.SERVER_TO_CLIENT, PacketFate.LOST_BETWEEN);
        long missed = count(packets, null, PacketFate.MISSED_BY_SENDER_CAPTURE);
        long roundTrip = minDelay(packets, Direction.CLIENT_TO_SERVER) + minDelay(packets, Direction.SERVER_TO_CLIENT);
        if (lostForward + lostBack > 0) {
            return new CombinedVerdict(verdict == Verdict.OK ? Verdict.DEGRADED : verdict, Location.NETWORK,
                    lostCounts(lostForward, lostBack)
                    + " left one capture point and never reached the other: lost in the network between them.");
        }
        if (roundTrip > SLOW_ROUND_TRIP_NANOS) {
            return new CombinedVerdict(verdict, Location.NETWORK, "Nothing was lost between the points, but crossing"
                    + " from one to the other and back took at least " + Evidence.duration(roundTrip)
                    + ", where a LAN takes well under a millisecond: the network between them is slow.");
        }
        String noLoss = "Every packet that left one point reached the other";
        if (!healthy && downFault == Fault.SERVER) {
            return new CombinedVerdict(verdict, Location.PRINTER, noLoss + ", and the capture nearer the printer"
                    + " shows the printer's own doing (its verdict: " + downVerdict.reportName()
                    + ", fault server): the printer.");
        }
        if (!healthy && (downFault == Fault.CLIENT || upFault == Fault.CLIENT)) {
            return new CombinedVerdict(verdict, Location.CLIENT, noLoss + "; the client ended the job.");
        }
        if (!healthy && downFault == Fault.NETWORK) {
            return new CombinedVerdict(verdict, Location.NETWORK_BEYOND, noLoss + ", yet the capture nearer the"
                    + " printer shows the network's trouble: it lies on the printer's side of both points.");
        }
        if (missed > 0) {
            return new CombinedVerdict(verdict, healthy ? Location.CAPTURE_LOSS : Location.UNKNOWN,
                    Evidence.count(missed, "packet") + " reached the receiving point but not the sender-side"
                    + " capture: capture loss, not network loss.");
        }
        if (healthy) {
            return new CombinedVerdict(verdict, Location.NONE, noLoss + ", and neither point saw trouble.");
        }
        return new CombinedVerdict(verdict, Location.UNKNOWN, noLoss + "; neither point can tell whose the"
                + " trouble is (faults " + upFault.reportName() + " and " + downFault.reportName() + ").");
    }

    /** "3 printer → client packets", "1 client → printer packet and 2 printer → client packets". */
    private static String lostCounts(long forward, long back) {
        String f = Evidence.count(forward, "client → printer packet");
        String b = Evidence.count(back, "printer → client packet");
        return forward == 0 ? b : back == 0 ? f : f + " and " + b;
    }

    private static Verdict worse(Verdict a, Verdict b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case OK -> 0;
            case INCOMPLETE -> 1;
            case DEGRADED -> 2;
            case FAILED -> 3;
        };
    }

    private static long count(List<PacketSighting> packets, Direction direction, PacketFate fate) {
        return packets.stream().filter(p -> p.fate() == fate && (direction == null || p.direction() == direction))
                .count();
    }

    private static long minDelay(List<PacketSighting> packets, Direction direction) {
        return packets.stream().filter(p -> p.fate() == PacketFate.BOTH && p.direction() == direction)
                .mapToLong(PacketSighting::delayNanos).min().orElse(0);
    }
}

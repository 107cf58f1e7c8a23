package io.ackwatch.analysis;

/**
 * How long the client waited for its ACKs and whose doing it was: the ACK delays measured at the capture point
 * ({@link AckDelays}) plus the part of the round trip between the capture point and the client, set against the
 * handshake's round trip ({@link RoundTrip}). A printer's stack answers a SYN at once, so a SYN-ACK as slow as the
 * data ACKs means a slow path; a prompt SYN-ACK with late data ACKs means the printer held its ACKs.
 */
public record AckLatency(AckDelays delays, RoundTrip roundTrip, Share share) {

    /** Whose share of the ACK delay is large enough to matter. */
    public enum Share {
        /** The server's own delay (ACK delay less the path beyond the capture point) exceeds the threshold. */
        SERVER,
        /** The server's own share is small, the path's round trip exceeds the threshold. */
        PATH,
        /** Neither share alone exceeds the threshold, or there is no handshake to split by. */
        UNSPLIT
    }

    public static AckLatency of(FlowFacts facts, Thresholds t) {
        AckDelays d = facts.ackDelays();
        RoundTrip rtt = RoundTrip.of(facts.flow().handshake(), facts.log());
        Share share = Share.UNSPLIT;
        if (rtt.present() && d.present()) {
            if (d.p95Nanos() - rtt.serverSideNanos() > t.slowAckP95Nanos()) {
                share = Share.SERVER;
            } else if (rtt.totalNanos() > t.slowAckP95Nanos()) {
                share = Share.PATH;
            }
        }
        return new AckLatency(d, rtt, share);
    }

    /** 95th percentile of what the client waited: the delay measured here plus the path from here to the client. */
    public long clientWaitP95Nanos() {
        return delays.p95Nanos() + roundTrip.clientSideNanos();
    }

    /** The server's own share of the 95th-percentile delay: what the path beyond the capture point does not explain. */
    public long serverOwnP95Nanos() {
        return Math.max(0, delays.p95Nanos() - roundTrip.serverSideNanos());
    }

    /**
     * True when the client waited beyond the slow-ack threshold (95th percentile over enough segments), or an ACK
     * measured here came later than RFC 1122's bound (a bound on one receiver's delay, so without the path).
     */
    public boolean slow(Thresholds t) {
        if (!delays.present()) {
            return false;
        }
        return delays.count() >= t.slowAckMinSamples() && clientWaitP95Nanos() > t.slowAckP95Nanos()
                || delays.maxNanos() > t.delayedAckBoundNanos();
    }
}

package io.ackwatch.analysis;

/**
 * What happened to the client's data, segment by segment, as seen from this capture point: how many bytes went
 * once and how many again, and each resend's {@link ResendCause}. A resend whose ACK had not yet passed is a
 * <em>late ACK</em> when that ACK echoes the first copy's TCP timestamp ({@link ResendCause#FIRST_COPY_ARRIVED}),
 * or when the segment was then acknowledged about as late as the receiver acknowledges data it never had to wait
 * for a resend of ({@link #acknowledgedAsUsual}): the receiver's slowness, not a loss. Computed
 * once per connection ({@link FlowFacts#fates()}); the examples are the first segment of each kind, null when none.
 *
 * @param uniqueBytes payload bytes of distinct sequence ranges
 * @param resentBytes payload bytes sent again
 * @param originalUnseen resends whose original never passed the capture point
 * @param ackNotYetPassed resends sent before any covering ACK passed the capture point
 * @param lateAck of those, resends of segments acknowledged within the receiver's ordinary ACK delay, or whose ACK
 *     echoes the first copy's timestamp
 * @param firstCopyEchoed of those, resends whose ACK echoes the first copy's timestamp (spurious by RFC 3522)
 * @param ackAlreadyPassed resends of data whose covering ACK had already passed the capture point
 * @param firstLateAck the first segment resent because of a late ACK
 * @param firstUnexplained the first segment resent before its ACK passed, where that ACK came later than usual or never
 * @param firstAckPassed the first segment resent after its ACK had passed
 * @param firstEchoed the first segment resent whose ACK echoes its first copy's timestamp
 */
public record SegmentFates(long uniqueBytes, long resentBytes, int originalUnseen, int ackNotYetPassed, int lateAck,
        int firstCopyEchoed, int ackAlreadyPassed, DataSegment firstLateAck, DataSegment firstUnexplained,
        DataSegment firstAckPassed, DataSegment firstEchoed) {

    static SegmentFates of(FlowFacts facts) {
        long unique = 0;
        long resent = 0;
        int unseen = 0;
        int notYet = 0;
        int late = 0;
        int passed = 0;
        int echoed = 0;
        DataSegment firstEchoed = null;
        DataSegment firstLate = null;
        DataSegment firstUnexplained = null;
        DataSegment firstPassed = null;
        for (DataSegment d : facts.clientData()) {
            unique += d.length();
            int n = d.retransmissions();
            if (n == 0) {
                continue;
            }
            resent += (long) n * d.length();
            boolean lateAck = acknowledgedAsUsual(d, facts.ackDelays());
            for (int k = 0; k < n; k++) {
                switch (ResendCause.of(d, d.retransmissionNanos(k))) {
                    case ORIGINAL_UNSEEN -> unseen++;
                    case ACK_ALREADY_PASSED -> {
                        passed++;
                        firstPassed = firstPassed == null ? d : firstPassed;
                    }
                    case FIRST_COPY_ARRIVED -> {
                        notYet++;
                        late++;
                        echoed++;
                        firstLate = firstLate == null ? d : firstLate;
                        firstEchoed = firstEchoed == null ? d : firstEchoed;
                    }
                    case ACK_NOT_YET_PASSED -> {
                        notYet++;
                        if (lateAck) {
                            late++;
                            firstLate = firstLate == null ? d : firstLate;
                        } else {
                            firstUnexplained = firstUnexplained == null ? d : firstUnexplained;
                        }
                    }
                }
            }
        }
        return new SegmentFates(unique, resent, unseen, notYet, late, echoed, passed, firstLate, firstUnexplained,
                firstPassed, firstEchoed);
    }

    /**
     * True when {@code d} was acknowledged about as long after its first transmission as the receiver takes to
     * acknowledge data it had no resend of (at most a quarter more than the slowest of those: an ACK held by a
     * delayed-ACK timer varies that much): a resend of it answers the receiver's ordinary late ACK, not a loss.
     */
    public static boolean acknowledgedAsUsual(DataSegment d, AckDelays usual) {
        return usual.present() && d.ackDelayNanos() >= 0 && d.ackDelayNanos() <= usual.maxNanos() + usual.maxNanos() / 4;
    }

    /** True when every resend before an ACK is explained by the receiver's ordinary late ACK. */
    public boolean resendsAllLateAcks() {
        return ackNotYetPassed > 0 && lateAck == ackNotYetPassed && originalUnseen == 0;
    }
}

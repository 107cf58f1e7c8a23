package io.ackwatch.analysis;

/**
 * Why a data segment was sent again, as far as this capture point can see: where the ACK covering it was when the
 * sender gave up waiting. The same resend means different things at different capture points; the verdict stage
 * reads the cause together with the vantage.
 */
public enum ResendCause {
    /** The original never passed the capture point, only the resend did: lost before it (or the capture missed it). */
    ORIGINAL_UNSEEN,
    /** The original passed, and no ACK covering it had passed yet: the ACK was late, lost before here, or never sent. */
    ACK_NOT_YET_PASSED,
    /** An ACK covering it had already passed the capture point: lost or delayed beyond it (spurious at this point). */
    ACK_ALREADY_PASSED;

    /** The cause of the resend of {@code d} sent at {@code resendNanos}. */
    static ResendCause of(DataSegment d, long resendNanos) {
        if (d.firstSeenAsRetransmission()) {
            return ORIGINAL_UNSEEN;
        }
        return d.ackNanos() >= 0 && d.ackNanos() <= resendNanos ? ACK_ALREADY_PASSED : ACK_NOT_YET_PASSED;
    }
}

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
    ACK_ALREADY_PASSED,
    /**
     * No covering ACK had passed yet, and the one that came echoes the first copy's TSval ({@link AckEcho}): the
     * first copy had reached the receiver, so the resend was spurious (RFC 3522) and its ACK late, wherever the
     * capture was taken.
     */
    FIRST_COPY_ARRIVED;

    /** The cause of the resend of {@code d} sent at {@code resendNanos}. */
    static ResendCause of(DataSegment d, long resendNanos) {
        if (d.firstSeenAsRetransmission()) {
            return ORIGINAL_UNSEEN;
        }
        if (d.ackNanos() >= 0 && d.ackNanos() <= resendNanos) {
            return ACK_ALREADY_PASSED;
        }
        return d.ackEcho().firstCopyArrived() ? FIRST_COPY_ARRIVED : ACK_NOT_YET_PASSED;
    }
}

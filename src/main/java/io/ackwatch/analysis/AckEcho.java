package io.ackwatch.analysis;

/**
 * Which copy of a resent segment the receiver's covering ACK answers, by its TCP timestamp echo (RFC 7323: an ACK
 * echoes in TSecr the TSval of the segment that made the receiver send it). RFC 3522 (Eifel) reads it: an echo of
 * the first copy's TSval proves the first copy arrived, so the resend was spurious.
 */
public enum AckEcho {
    /** No timestamps on the segment or its ACK, not resent, not acknowledged, or an echo of neither copy. */
    UNKNOWN,
    /** The covering ACK echoes the first copy's TSval: the first copy reached the receiver. */
    FIRST_COPY,
    /** The covering ACK echoes a resend's TSval: the receiver answered a resend, not the first copy. */
    RESEND;

    /** True when the echo proves the first copy arrived, so its resends were no loss of that data. */
    public boolean firstCopyArrived() {
        return this == FIRST_COPY;
    }
}

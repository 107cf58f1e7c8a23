package io.ackwatch.verdict;

import io.ackwatch.analysis.CaptureGapRule;
import io.ackwatch.analysis.Finding;
import java.util.List;
import java.util.Locale;

/**
 * How far one capture supports a verdict and its fault, with the reason: a CI gate can fail only on what is
 * certain. The first reason that applies decides ({@link #of}); README's "Confidence" says the same.
 */
public enum Confidence {
    MISSED_SEGMENTS(Level.LOW, "the capture missed segments of this connection (capture-gap)"),
    FAULT_UNDECIDED(Level.LOW, "the fault is unknown: this capture leaves two explanations open"),
    MID_CONNECTION(Level.MEDIUM, "the capture starts after the handshake: roles and the job's start are inferred"),
    CAPTURE_ENDED(Level.MEDIUM, "the capture ended before the job did: what followed is not in it"),
    VANTAGE_UNKNOWN(Level.MEDIUM, "the capture point could not be inferred, so the fault rests on the rules alone"),
    END_FROM_CLOSE(Level.MEDIUM, "no end-of-job marker was read: the client's close is taken as the job's end"),
    OPEN_AT_END(Level.HIGH, "the capture ended with the connection open and nothing wrong seen: incomplete is certain"),
    WHOLE(Level.HIGH, "the connection's start and end are in the capture");

    /** The word reports print. */
    public enum Level {
        HIGH, MEDIUM, LOW;

        public String reportName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Level level;
    private final String reason;

    Confidence(Level level, String reason) {
        this.level = level;
        this.reason = reason;
    }

    public Level level() {
        return level;
    }

    /** Why, in a clause for reports. */
    public String reason() {
        return reason;
    }

    /** True when the capture-gap rule found segments the capture missed (an info finding never changes the verdict). */
    static boolean missedSegments(List<Finding> findings) {
        for (Finding f : findings) {
            if (f.rule().equals(CaptureGapRule.ID)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The confidence of a judgement.
     *
     * @param missedSegments the capture-gap rule found segments the capture missed
     * @param endFromJob the job reader knew whether the job's end was acknowledged
     */
    static Confidence of(Verdict verdict, Fault fault, Vantage vantage, JobOutcome outcome, boolean handshakeSeen,
            boolean missedSegments, boolean endFromJob) {
        boolean troubled = verdict != Verdict.OK && verdict != Verdict.INCOMPLETE;
        if (missedSegments) {
            return MISSED_SEGMENTS;
        }
        if (troubled && fault == Fault.UNKNOWN) {
            return FAULT_UNDECIDED;
        }
        if (!handshakeSeen && outcome != JobOutcome.NOT_CONNECTED) {
            return MID_CONNECTION;
        }
        if (outcome == JobOutcome.INCOMPLETE && verdict != Verdict.INCOMPLETE) {
            return CAPTURE_ENDED;
        }
        if (troubled && vantage == Vantage.UNKNOWN) {
            return VANTAGE_UNKNOWN;
        }
        if (verdict == Verdict.INCOMPLETE) {
            return OPEN_AT_END;
        }
        if (outcome == JobOutcome.COMPLETED && !endFromJob) {
            return END_FROM_CLOSE;
        }
        return WHOLE;
    }
}

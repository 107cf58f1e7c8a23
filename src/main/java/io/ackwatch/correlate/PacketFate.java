package io.ackwatch.correlate;

/** What became of one packet between two capture points. */
public enum PacketFate {
    /** Seen at the sender's point and, after the one-way delay, at the receiver's point. */
    BOTH("both", "seen at both points"),
    /** Left the sender's point and never reached the receiver's: lost in the network between them. */
    LOST_BETWEEN("lost-between", "lost between the points"),
    /** Reached the receiver's point, never seen at the sender's: that capture missed it (capture loss). */
    MISSED_BY_SENDER_CAPTURE("capture-loss", "missed by the sender-side capture"),
    /** Outside what both captures cover (one started later, ended earlier, or kept only a connection's ends). */
    NOT_COMPARED("not-compared", "not in both captures' time span");

    private final String reportName;
    private final String description;

    PacketFate(String reportName, String description) {
        this.reportName = reportName;
        this.description = description;
    }

    public String reportName() {
        return reportName;
    }

    public String description() {
        return description;
    }
}

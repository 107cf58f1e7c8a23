package io.ackwatch.flow;

/**
 * Time from each client data segment (its first transmission) to the first server ACK that covers it, as
 * seen at the capture point. {@code count} = 0 means no sample (then the other fields are 0).
 */
public record AckDelayStats(int count, long medianNanos, long p95Nanos, long maxNanos) {

    public static final AckDelayStats NONE = new AckDelayStats(0, 0, 0, 0);

    public boolean present() {
        return count > 0;
    }
}

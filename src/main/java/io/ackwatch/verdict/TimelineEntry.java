package io.ackwatch.verdict;

/**
 * One connection on a printer's timeline.
 *
 * @param ackDelayMedianNanos median ACK delay of the connection, -1 when none was measured
 */
public record TimelineEntry(int stream, long startNanos, Verdict verdict, long ackDelayMedianNanos) {}

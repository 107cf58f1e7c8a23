package io.ackwatch.analysis;

/**
 * What {@code --threshold} accepts, for help text and README.
 *
 * @param name kebab-case name, e.g. {@code delayed-ack-bound-ms}
 * @param defaultValue default as a whole number in {@code unit}
 * @param unit ms, segments, retransmissions, ...
 * @param source where the default comes from (RFC section, Windows parameter, or "ackwatch choice")
 */
public record ThresholdInfo(String name, long defaultValue, String unit, String source) {}

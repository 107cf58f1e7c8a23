package io.ackwatch.verdict;

/**
 * One client of a printer over the capture: its jobs by verdict and when it first printed, against the printer's
 * onset.
 *
 * @param address the client's address
 * @param jobs its connections to the printer
 * @param firstJobNanos start of its first connection
 * @param leadNanos onset minus {@code firstJobNanos}: how long after this client's first job the printer went bad
 *     (negative: it first printed after the onset)
 * @param presentThroughout true when it printed in the first half of the healthy period too, false when it
 *     appeared only close to (or after) the onset
 */
public record ClientActivity(String address, int jobs, int ok, int degraded, int failed, int incomplete,
        long firstJobNanos, long leadNanos, boolean presentThroughout) {}

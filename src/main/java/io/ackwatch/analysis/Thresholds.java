package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every number the rules compare against, in one place. {@code --threshold NAME=VALUE} changes one through
 * {@link #with(String, String)}; {@link #describe()} lists name, default, unit and source for the CLI help and
 * README. Values are whole numbers in the unit given by {@link ThresholdInfo#unit()}.
 *
 * @param delayedAckBoundMillis RFC 1122 §4.2.3.2: an ACK MUST NOT be delayed more than 0.5 s; data left
 *     unacknowledged longer than this is "not acknowledged" rather than "delayed" (RFC 5681 §4.2, RFC 9293
 *     §3.8.6.3 repeat it)
 * @param slowAckP95Millis Windows {@code TcpDelAckTicks} default 2 × 100 ms: a 200 ms delayed-ACK timer is
 *     normal; a 95th-percentile ACK delay above it means many segments waited longer than any delayed-ACK timer
 * @param slowAckMinSamples fewer measured segments than this do not make a percentile (a single delayed
 *     ACK on the last, odd segment of a job is normal RFC 1122 behaviour); ackwatch choice
 * @param retransmissionStormCount RFC 1122 §4.2.3.5: after R1 ≥ 3 retransmissions of the same segment the
 *     TCP must tell the application something is wrong
 * @param clientGiveUpRetransmissions Windows {@code TcpMaxDataRetransmissions} default 5: after that many
 *     resends the client aborts the connection (KB 170359)
 * @param synAnswerTimeoutMillis RFC 6298 §2.1 initial RTO of 1 s: a SYN without any answer for this long is
 *     unanswered (Windows XP waits 3 s, {@code TcpInitialRtt}, before its first SYN retransmission)
 * @param zeroWindowWarningMillis a window closed longer than RFC 6298's 1 s minimum RTO stalls the job
 *     noticeably (degraded, though it is the printer's legitimate flow control; an HP OfficeJet pauses ~30 s for
 *     duplex drying). No vendor documents a maximum (docs/tcp-analysis.md §10): ackwatch choice
 * @param dupAckThreshold Windows {@code TcpMaxDupAcks} default 2 and Wireshark's fast-retransmission test
 *     both act on 2 duplicate ACKs (RFC 5681 §3.2 says 3)
 * @param spuriousWarningCount each spurious retransmission means the sender stalled a whole RTO waiting for an
 *     ACK the receiver had sent; this many in one connection make a warning (fewer: info); ackwatch choice
 * @param vantageGapRatio handshake gap ratio (SYN→SYN-ACK against SYN-ACK→ACK) from which the shorter gap is
 *     taken as "the host next to the capture point answered"; ackwatch heuristic
 * @param scanMinTargets a source whose connections without payload reach this many distinct host:port targets
 *     in one burst is scanning, and those connections are probes, not print jobs: a client whose printer fails
 *     retries the one printer (or a few) it prints to, nmap touches every port of every host it was given (a
 *     single printer has 5 printer ports); ackwatch choice
 * @param scanWindowMillis connections without payload from one source starting at most this far apart make one
 *     burst (nmap, even at its polite -T2 timing, sends a probe every 0.4 s; a spooler retrying a dead
 *     printer waits longer); ackwatch choice
 */
public record Thresholds(
        long delayedAckBoundMillis,
        long slowAckP95Millis,
        long slowAckMinSamples,
        long retransmissionStormCount,
        long clientGiveUpRetransmissions,
        long synAnswerTimeoutMillis,
        long zeroWindowWarningMillis,
        long dupAckThreshold,
        long spuriousWarningCount,
        long vantageGapRatio,
        long scanMinTargets,
        long scanWindowMillis) {

    /** One named threshold: kebab-case name, default, unit, source, and how to read it from a record. */
    private enum Name {
        DELAYED_ACK_BOUND("delayed-ack-bound-ms", 500, "ms",
                "RFC 1122 §4.2.3.2: an ACK must not be delayed more than 0.5 s"),
        SLOW_ACK_P95("slow-ack-p95-ms", 200, "ms",
                "Windows TcpDelAckTicks default 200 ms: a 95th-percentile ACK delay above the delayed-ACK timer"),
        SLOW_ACK_MIN_SAMPLES("slow-ack-min-samples", 4, "segments",
                "ackwatch choice: fewer measured segments make no percentile (one delayed ACK is normal)"),
        RETRANSMISSION_STORM("retransmission-storm-count", 3, "retransmissions",
                "RFC 1122 §4.2.3.5: R1 of at least 3 retransmissions of the same segment"),
        CLIENT_GIVE_UP("client-give-up-retransmissions", 5, "retransmissions",
                "Windows TcpMaxDataRetransmissions default 5 (KB 170359)"),
        SYN_ANSWER_TIMEOUT("syn-answer-timeout-ms", 1000, "ms",
                "RFC 6298 §2.1 initial RTO 1 s (Windows XP TcpInitialRtt 3 s)"),
        ZERO_WINDOW_WARNING("zero-window-warning-ms", 1000, "ms",
                "ackwatch choice: a window closed (or below one segment) longer than the 1 s minimum RTO"
                        + " (RFC 6298 §2.4) stalls the job"),
        DUP_ACK_THRESHOLD("dup-ack-threshold", 2, "duplicate ACKs",
                "Windows TcpMaxDupAcks default 2; Wireshark flags fast retransmission after 2 (RFC 5681 §3.2: 3)"),
        SPURIOUS_WARNING("spurious-retransmission-warning-count", 1, "retransmissions",
                "ackwatch choice: each one means the sender stalled a whole RTO for an ACK that had been sent"),
        VANTAGE_GAP_RATIO("vantage-gap-ratio", 4, "ratio",
                "ackwatch heuristic: handshake gap ratio that places the capture next to one host"),
        SCAN_MIN_TARGETS("scan-min-targets", 5, "targets",
                "ackwatch choice: distinct host:port targets of one source's empty connections that make a scan"),
        SCAN_WINDOW("scan-window-ms", 10000, "ms",
                "ackwatch choice: empty connections of one source at most this far apart are one scan burst");

        final String key;
        final long defaultValue;
        final String unit;
        final String source;

        Name(String key, long defaultValue, String unit, String source) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.unit = unit;
            this.source = source;
        }

        static Name of(String key) {
            for (Name n : values()) {
                if (n.key.equals(key)) {
                    return n;
                }
            }
            StringBuilder known = new StringBuilder();
            for (Name n : values()) {
                known.append(known.length() == 0 ? "" : ", ").append(n.key);
            }
            throw new IllegalArgumentException("unknown threshold '" + key + "' (known: " + known + ")");
        }
    }

    public Thresholds {
        requireAtLeast("delayed-ack-bound-ms", delayedAckBoundMillis, 1);
        requireAtLeast("slow-ack-p95-ms", slowAckP95Millis, 1);
        requireAtLeast("slow-ack-min-samples", slowAckMinSamples, 1);
        requireAtLeast("retransmission-storm-count", retransmissionStormCount, 1);
        requireAtLeast("client-give-up-retransmissions", clientGiveUpRetransmissions, 1);
        requireAtLeast("syn-answer-timeout-ms", synAnswerTimeoutMillis, 1);
        requireAtLeast("zero-window-warning-ms", zeroWindowWarningMillis, 0);
        requireAtLeast("dup-ack-threshold", dupAckThreshold, 1);
        requireAtLeast("spurious-retransmission-warning-count", spuriousWarningCount, 1);
        requireAtLeast("vantage-gap-ratio", vantageGapRatio, 2);
        requireAtLeast("scan-min-targets", scanMinTargets, 2);
        requireAtLeast("scan-window-ms", scanWindowMillis, 1);
    }

    public static Thresholds defaults() {
        long[] v = new long[Name.values().length];
        for (Name n : Name.values()) {
            v[n.ordinal()] = n.defaultValue;
        }
        return fromValues(v);
    }

    /**
     * A copy with one threshold changed, as given on the command line ({@code delayed-ack-bound-ms=300}).
     * The value is a whole number; a unit suffix equal to the threshold's unit ({@code 300ms}) is accepted.
     *
     * @throws IllegalArgumentException naming the known thresholds when {@code name} is unknown, or when the
     *     value is not a whole number in range
     */
    public Thresholds with(String name, String value) {
        Name n = Name.of(name.trim().toLowerCase(Locale.ROOT));
        String text = value.trim();
        if (text.endsWith(n.unit) && !n.unit.contains(" ")) {
            text = text.substring(0, text.length() - n.unit.length()).trim();
        }
        long parsed;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "threshold " + n.key + " needs a whole number (unit: " + n.unit + "), got '" + value + "'", e);
        }
        long[] v = values();
        v[n.ordinal()] = parsed;
        return fromValues(v);
    }

    /** Applies {@code NAME=VALUE} as given to {@code --threshold}. */
    public Thresholds with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=VALUE, got '" + assignment + "'");
        }
        return with(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    /** The value of a threshold by its kebab-case name. */
    public long value(String name) {
        return values()[Name.of(name).ordinal()];
    }

    /** Every threshold with its default, unit and source, in a stable order (for help text and README). */
    public static List<ThresholdInfo> describe() {
        List<ThresholdInfo> out = new ArrayList<>();
        for (Name n : Name.values()) {
            out.add(new ThresholdInfo(n.key, n.defaultValue, n.unit, n.source));
        }
        return List.copyOf(out);
    }

    public long delayedAckBoundNanos() {
        return delayedAckBoundMillis * 1_000_000L;
    }

    public long slowAckP95Nanos() {
        return slowAckP95Millis * 1_000_000L;
    }

    public long synAnswerTimeoutNanos() {
        return synAnswerTimeoutMillis * 1_000_000L;
    }

    public long zeroWindowWarningNanos() {
        return zeroWindowWarningMillis * 1_000_000L;
    }

    public long scanWindowNanos() {
        return scanWindowMillis * 1_000_000L;
    }

    private long[] values() {
        return new long[] {
            delayedAckBoundMillis, slowAckP95Millis, slowAckMinSamples, retransmissionStormCount,
            clientGiveUpRetransmissions, synAnswerTimeoutMillis, zeroWindowWarningMillis, dupAckThreshold,
            spuriousWarningCount, vantageGapRatio, scanMinTargets, scanWindowMillis
        };
    }

    private static Thresholds fromValues(long[] v) {
        return new Thresholds(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("threshold " + name + " must be at least " + min + ", got " + value);
        }
    }
}

package io.ackwatch.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Times as reports print them: absolute times in UTC with the capture's own precision (a microsecond capture
 * never shows invented nanoseconds), relative times and durations for people.
 */
public final class Timestamps {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The day {@link #iso} wrote last. */
    private static Day lastDay;

    private Timestamps() {}

    /** ISO-8601 UTC, e.g. {@code 2026-11-23T08:15:02.123456Z} for {@code digits} = 6. */
    public static String iso(long epochNanos, int digits) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        StringBuilder sb = new StringBuilder(32).append(dayText(Math.floorDiv(epochSecond, 86_400L))).append('T');
        appendClock(sb, epochNanos, digits);
        return sb.append('Z').toString();
    }

    /** Time of day in UTC with the capture's precision, e.g. {@code 08:15:02.123456}. */
    public static String clock(long epochNanos, int digits) {
        StringBuilder sb = new StringBuilder(18);
        appendClock(sb, epochNanos, digits);
        return sb.toString();
    }

    private static void appendClock(StringBuilder sb, long epochNanos, int digits) {
        long secondOfDay = Math.floorMod(Math.floorDiv(epochNanos, NANOS_PER_SECOND), 86_400L);
        two(sb, secondOfDay / 3600).append(':');
        two(sb, secondOfDay / 60 % 60).append(':');
        two(sb, secondOfDay % 60);
        appendFraction(sb, (int) Math.floorMod(epochNanos, NANOS_PER_SECOND), digits);
    }

    /**
     * The date of an epoch day as {@link LocalDate#toString()} writes it. A report's times fall on a few days,
     * so the last one is kept (an immutable pair, safe to share between threads).
     */
    private static String dayText(long epochDay) {
        Day last = lastDay;
        if (last == null || last.epochDay() != epochDay) {
            last = new Day(epochDay, LocalDate.ofEpochDay(epochDay).toString());
            lastDay = last;
        }
        return last.text();
    }

    private record Day(long epochDay, String text) {}

    /** True when both times fall on the same UTC day (then a clock time is unambiguous). */
    public static boolean sameDay(long epochNanosA, long epochNanosB) {
        return LocalDate.ofInstant(instant(epochNanosA), ZoneOffset.UTC)
                .equals(LocalDate.ofInstant(instant(epochNanosB), ZoneOffset.UTC));
    }

    /** Seconds with {@code digits} decimals, e.g. {@code 3.010000}: relative times in ladders. */
    public static String seconds(long nanos, int digits) {
        StringBuilder sb = new StringBuilder(16);
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        sb.append(nanos / NANOS_PER_SECOND);
        appendFraction(sb, (int) (nanos % NANOS_PER_SECOND), digits);
        return sb.toString();
    }

    /** Seconds with three decimals for JUnit {@code time} attributes, e.g. {@code 11.588}. */
    public static String junitSeconds(long nanos) {
        return seconds(Math.max(0, nanos), 3);
    }

    /** A duration for people: {@code 412 µs}, {@code 38 ms}, {@code 11.6 s}, {@code 32 min 8 s}, {@code 2 h 5 min}. */
    public static String duration(long nanos) {
        if (nanos < 0) {
            return "-" + duration(-nanos);
        }
        if (nanos < 1_000_000L) {
            return (nanos + 500) / 1000 + " µs";
        }
        if (nanos < NANOS_PER_SECOND) {
            return (nanos + 500_000) / 1_000_000 + " ms";
        }
        if (nanos < 60 * NANOS_PER_SECOND) {
            long tenths = (nanos + 50_000_000) / 100_000_000;
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = (nanos + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        long minutes = (seconds + 30) / 60;
        return minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** Milliseconds for people, e.g. {@code 0.412 ms}, {@code 212 ms}. */
    public static String millis(long nanos) {
        if (nanos < 10_000_000L) {
            long micros = (nanos + 500) / 1000;
            return micros / 1000 + "." + String.format(Locale.ROOT, "%03d", micros % 1000) + " ms";
        }
        return (nanos + 500_000) / 1_000_000 + " ms";
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static void appendFraction(StringBuilder sb, int nanoOfSecond, int digits) {
        int d = Math.max(0, Math.min(9, digits));
        if (d == 0) {
            return;
        }
        sb.append('.');
        int unit = 100_000_000;
        for (int i = 0; i < d; i++, unit /= 10) {
            sb.append((char) ('0' + nanoOfSecond / unit % 10));
        }
    }
}

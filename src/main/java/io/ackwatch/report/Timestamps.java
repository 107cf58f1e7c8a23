package io.ackwatch.report;

import java.nio.charset.StandardCharsets;
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
        byte[] ascii = new byte[MAX_ISO_LENGTH];
        return new String(ascii, 0, iso(epochNanos, digits, ascii, 0), StandardCharsets.US_ASCII);
    }

    /** Longest {@link #iso} text: a date of a long's nanoseconds has a four-digit year; nine fraction digits. */
    static final int MAX_ISO_LENGTH = 10 + 1 + 8 + 10 + 1;

    /**
     * {@link #iso(long, int)} as ASCII bytes into {@code dst} from {@code at} (room for {@link #MAX_ISO_LENGTH});
     * returns the position after them. The JSON report writes two times per connection this way, without a
     * string between.
     */
    static int iso(long epochNanos, int digits, byte[] dst, int at) {
        byte[] day = dayText(Math.floorDiv(Math.floorDiv(epochNanos, NANOS_PER_SECOND), 86_400L));
        System.arraycopy(day, 0, dst, at, day.length);
        int p = at + day.length;
        dst[p++] = 'T';
        p = clock(epochNanos, digits, dst, p);
        dst[p++] = 'Z';
        return p;
    }

    /** Time of day in UTC with the capture's precision, e.g. {@code 08:15:02.123456}. */
    public static String clock(long epochNanos, int digits) {
        byte[] ascii = new byte[18];
        return new String(ascii, 0, clock(epochNanos, digits, ascii, 0), StandardCharsets.US_ASCII);
    }

    private static int clock(long epochNanos, int digits, byte[] dst, int at) {
        int secondOfDay = (int) Math.floorMod(Math.floorDiv(epochNanos, NANOS_PER_SECOND), 86_400L);
        int p = two(secondOfDay / 3600, dst, at);
        dst[p++] = ':';
        p = two(secondOfDay / 60 % 60, dst, p);
        dst[p++] = ':';
        p = two(secondOfDay % 60, dst, p);
        return fraction((int) Math.floorMod(epochNanos, NANOS_PER_SECOND), digits, dst, p);
    }

    /**
     * A point and the first {@code digits} (0-9) digits of the second's fraction, truncated; nothing for 0 digits.
     * Returns the position after them.
     */
    private static int fraction(int nanoOfSecond, int digits, byte[] dst, int at) {
        int d = Math.max(0, Math.min(9, digits));
        if (d == 0) {
            return at;
        }
        dst[at] = '.';
        int kept = nanoOfSecond;
        for (int i = 9; i > d; i--) {
            kept /= 10;
        }
        for (int i = at + d; i > at; i--) {
            dst[i] = (byte) ('0' + kept % 10);
            kept /= 10;
        }
        return at + 1 + d;
    }

    private static int two(int v, byte[] dst, int at) {
        dst[at] = (byte) ('0' + v / 10);
        dst[at + 1] = (byte) ('0' + v % 10);
        return at + 2;
    }

    /**
     * The date of an epoch day as {@link LocalDate#toString()} writes it, in ASCII. A report's times fall on a
     * few days, so the last one is kept (an immutable pair whose bytes are never written to: safe to share
     * between the threads that render a report).
     */
    private static byte[] dayText(long epochDay) {
        Day last = lastDay;
        if (last == null || last.epochDay() != epochDay) {
            last = new Day(epochDay, LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII));
            lastDay = last;
        }
        return last.ascii();
    }

    private record Day(long epochDay, byte[] ascii) {}

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
        byte[] fraction = new byte[10];
        int n = fraction((int) (nanos % NANOS_PER_SECOND), digits, fraction, 0);
        return sb.append(new String(fraction, 0, n, StandardCharsets.US_ASCII)).toString();
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
}

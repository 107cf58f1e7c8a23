package io.ackwatch.report.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human formatting of times (always UTC: capture files carry no time zone), durations and counts. */
final class Units {
    static final long NS_PER_MS = 1_000_000L;
    static final long NS_PER_S = 1_000_000_000L;

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Units() {}

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NS_PER_S), Math.floorMod(nanos, NS_PER_S));
    }

    /** {@code 2026-11-25 21:46:40.123456 UTC}, with as many fraction digits as the capture has. */
    static String utc(long nanos, int digits) {
        return DATE_TIME.format(instant(nanos)) + fraction(nanos, digits) + " UTC";
    }

    /** {@code 21:46:40.123} (no date, no zone), for table cells next to a UTC column header. */
    static String clock(long nanos, int digits) {
        return TIME.format(instant(nanos)) + fraction(nanos, digits);
    }

    static String date(long nanos) {
        return DATE.format(instant(nanos));
    }

    private static String fraction(long nanos, int digits) {
        int d = Math.max(0, Math.min(9, digits));
        if (d == 0) {
            return "";
        }
        String nine = String.format(Locale.ROOT, "%09d", Math.floorMod(nanos, NS_PER_S));
        return "." + nine.substring(0, d);
    }

    /** {@code 312 µs}, {@code 3.1 ms}, {@code 512 ms}, {@code 2.40 s}, {@code 3 min 12 s}. */
    static String duration(long nanos) {
        if (nanos < 0) {
            return "−" + duration(-nanos);
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < NS_PER_MS) {
            return trim(nanos / 1e3) + " µs";
        }
        if (nanos < NS_PER_S) {
            return trim(nanos / 1e6) + " ms";
        }
        if (nanos < 60 * NS_PER_S) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long s = nanos / NS_PER_S;
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
        }
        return (s / 86_400) + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + (s % 86_400 / 3600) + " h");
    }

    /** Three significant digits at most, no trailing zeros: 3.1, 45.2, 512. */
    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** Relative time of a ladder row: {@code +0.512 s}. */
    static String offset(long nanos) {
        return String.format(Locale.ROOT, "+%.3f s", nanos / 1e9);
    }

    /** {@code 1,204,224}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}

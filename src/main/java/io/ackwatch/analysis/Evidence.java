package io.ackwatch.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Formatting of frame lists, durations and display filters for finding messages. */
public final class Evidence {
    /** Longer frame sets are shown as the connection filter plus a flag filter instead. */
    private static final int MAX_FILTER_ELEMENTS = 40;

    private Evidence() {}

    /** Sorted, distinct frame numbers. */
    public static List<Long> frames(Collection<Long> frames) {
        return List.copyOf(new TreeSet<>(frames));
    }

    /** "frame 4", "frames 4, 5", "frames 6–10", "frames 4, 5, 7–9". */
    public static String frameList(Collection<Long> frames) {
        List<Long> sorted = frames(frames);
        if (sorted.isEmpty()) {
            return "no frames";
        }
        String ranges = ranges(sorted, ", ", "–");
        return (sorted.size() == 1 ? "frame " : "frames ") + ranges;
    }

    /** {@code tcp.stream eq 7 && frame.number in {4 5 6..10}}. */
    public static String filter(int stream, Collection<Long> frames) {
        List<Long> sorted = frames(frames);
        if (sorted.isEmpty()) {
            return "tcp.stream eq " + stream;
        }
        String set = ranges(sorted, " ", "..");
        if (set.split(" ").length > MAX_FILTER_ELEMENTS) {
            return "tcp.stream eq " + stream + " && frame.number >= " + sorted.get(0) + " && frame.number <= "
                    + sorted.get(sorted.size() - 1);
        }
        return "tcp.stream eq " + stream + " && frame.number in {" + set + "}";
    }

    /** Human duration: "63 µs", "1.4 ms", "12 ms", "1.5 s", "2 min 5 s". */
    public static String duration(long nanos) {
        if (nanos < 999_500) {
            // below a millisecond "0.0 ms" would hide a real, meaningful gap (a handshake's 12 µs)
            return Math.round(nanos / 1e3) + " µs";
        }
        double ms = nanos / 1e6;
        if (ms < 10) {
            return fixed(ms, 1) + " ms";
        }
        if (ms < 1000) {
            return fixed(ms, 0) + " ms";
        }
        double s = ms / 1000;
        if (s < 120) {
            return fixed(s, 1) + " s";
        }
        long whole = Math.round(s);
        return whole / 60 + " min " + whole % 60 + " s";
    }

    /** Seconds with one decimal, for lists like "0.5, 1.0, 2.0 s". */
    public static String seconds(long nanos) {
        return fixed(nanos / 1e9, 1);
    }

    /**
     * A non-negative value with {@code decimals} digits, exactly as {@code String.format(Locale.ROOT, "%.Nf")}
     * prints it (half-up rounding of the shortest decimal form), without the cost of parsing a format string
     * for every connection.
     */
    static String fixed(double value, int decimals) {
        return new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** "1 segment", "2 segments". */
    public static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : plural(singular));
    }

    /** "once", "twice", "5 times". */
    public static String times(long n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    private static String plural(String singular) {
        if (singular.endsWith("y")) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular.endsWith("s") ? singular + "es" : singular + "s";
    }

    private static String ranges(List<Long> sorted, String sep, String dash) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(sep);
            }
            if (j - i >= 2) {
                sb.append(sorted.get(i)).append(dash).append(sorted.get(j));
            } else {
                sb.append(sorted.get(i));
                if (j > i) {
                    sb.append(sep).append(sorted.get(j));
                }
            }
            i = j + 1;
        }
        return sb.toString();
    }
}

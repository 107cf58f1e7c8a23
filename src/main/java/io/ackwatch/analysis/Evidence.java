package io.ackwatch.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import io.ackwatch.flow.RelayedCopies;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/** Formatting of frame lists, durations and display filters for finding messages. */
public final class Evidence {
    /**
     * A finding lists at most this many of its frames (reports stay readable and a packed verdict small); its
     * filter and {@link Finding#frameCount()} still cover all of them.
     */
    public static final int MAX_LISTED_FRAMES = 40;

    private Evidence() {}

    /** "frame 4", "frames 4, 5", "frames 6–10", "frames 4, 5, 7–9". */
    public static String frameList(Collection<Long> frames) {
        return frameList(sortedDistinct(frames));
    }

    /** {@code tcp.stream eq 7 && frame.number in {4, 5, 6..10}}: exactly these frames, however many. */
    public static String filter(int stream, Collection<Long> frames) {
        return filter(stream, sortedDistinct(frames));
    }

    /** {@code tcp.stream in {4..6, 16, 19}}: exactly these connections, however many. */
    public static String streamFilter(Collection<Long> streams) {
        return "tcp.stream in {" + ranges(sortedDistinct(streams), ", ", "..") + "}";
    }

    /**
     * {@code tcp.stream eq 7 && tcp.analysis.lost_segment}, or {@code (… || …)} for several flags: the frames of the
     * connection Wireshark flags so, for findings that are exactly those frames.
     */
    public static String filter(int stream, TcpAnalysisFlag... flags) {
        StringJoiner any = new StringJoiner(" || ", flags.length > 1 ? "(" : "", flags.length > 1 ? ")" : "");
        for (TcpAnalysisFlag flag : flags) {
            any.add(flag.displayFilter());
        }
        return connection(stream) + " && " + any;
    }

    /**
     * At most {@link #MAX_LISTED_FRAMES} of {@code frames}, the first ones in the order given (a rule adds its most
     * telling frames first), sorted; {@code sorted} is the same frames sorted and distinct.
     */
    static List<Long> listed(Collection<Long> frames, long[] sorted) {
        if (sorted.length <= MAX_LISTED_FRAMES) {
            return boxed(sorted);
        }
        long[] first = new long[MAX_LISTED_FRAMES];
        int n = 0;
        for (Long f : frames) {
            if (!contains(first, n, f)) {
                first[n++] = f;
                if (n == MAX_LISTED_FRAMES) {
                    break;
                }
            }
        }
        Arrays.sort(first);
        return boxed(first);
    }

    private static boolean contains(long[] values, int n, long value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code frame.number in {3, 5..8}}: the frames without their stream, for a file that holds one connection
     * (an evidence file); {@code tcp} (every frame) when there are none.
     */
    public static String frameFilter(Collection<Long> frames) {
        long[] sorted = sortedDistinct(frames);
        return sorted.length == 0 ? "tcp" : frameFilter(sorted);
    }

    /**
     * The frames sorted, each once, as primitives: sorting a few boxed numbers through a tree set cost more
     * than the rest of a finding's formatting.
     */
    static long[] sortedDistinct(Collection<Long> frames) {
        Object[] boxed = frames.toArray();
        int n = boxed.length;
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = (Long) boxed[i];
        }
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == n ? sorted : Arrays.copyOf(sorted, distinct);
    }

    /** {@code sorted} as an immutable list. */
    static List<Long> boxed(long[] sorted) {
        Long[] out = new Long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = sorted[i];
        }
        return List.of(out);
    }

    /** As {@link #frameList(Collection)}, of frames sorted and distinct. */
    static String frameList(long[] sorted) {
        if (sorted.length == 0) {
            return "no frames";
        }
        return (sorted.length == 1 ? "frame " : "frames ") + ranges(sorted, ", ", "–");
    }

    /**
     * As {@link #filter(int, Collection)}, of frames sorted and distinct; no frames: the whole connection. Wireshark
     * 4 wants commas between set members.
     */
    static String filter(int stream, long[] sorted) {
        if (sorted.length == 0) {
            return connection(stream);
        }
        return connection(stream) + " && " + frameFilter(sorted);
    }

    /** The frame part of a filter, of frames sorted, distinct and not none; Wireshark 4 wants commas in sets. */
    private static String frameFilter(long[] sorted) {
        return "frame.number in {" + ranges(sorted, ", ", "..") + "}";
    }

    /**
     * {@code tcp.stream eq 7 && eth.src == 02:99:00:01:00:66} (or {@code eth.src in {…}}): the connection's frames
     * sent from these MAC addresses (48-bit values).
     */
    static String sourceMacFilter(int stream, Collection<Long> macs) {
        StringJoiner set = new StringJoiner(", ", macs.size() == 1 ? "eth.src == " : "eth.src in {",
                macs.size() == 1 ? "" : "}");
        for (long mac : macs) {
            set.add(RelayedCopies.macText(mac));
        }
        return connection(stream) + " && " + set;
    }

    private static String connection(int stream) {
        return "tcp.stream eq " + stream;
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
        // the rounding BigDecimal would do, done on the digits of Double.toString: parsing them into a
        // BigDecimal and printing it again cost more than the rest of a finding's message
        String digits = Double.toString(value);
        int dot = digits.indexOf('.');
        if (!(value >= 0) || dot < 0 || digits.indexOf('E') >= 0) {
            return new BigDecimal(digits).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        }
        int fraction = digits.length() - dot - 1;
        if (fraction <= decimals) {
            return digits + "0".repeat(decimals - fraction);
        }
        int keep = decimals == 0 ? dot : dot + 1 + decimals;
        if (digits.charAt(dot + 1 + decimals) < '5') {
            return digits.substring(0, keep);
        }
        // half up: add one to the last kept digit, carrying over the nines
        char[] out = new char[keep + 1];
        digits.getChars(0, keep, out, 1);
        int k = keep;
        while (k > 0) {
            char c = out[k];
            if (c == '.') {
                k--;
            } else if (c == '9') {
                out[k--] = '0';
            } else {
                out[k] = (char) (c + 1);
                return new String(out, 1, keep);
            }
        }
        out[0] = '1';
        return new String(out);
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

    /** Runs of three or more consecutive frames are written "first{dash}last", shorter ones frame by frame. */
    private static String ranges(long[] sorted, String sep, String dash) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = runEnd(sorted, i);
            if (sb.length() > 0) {
                sb.append(sep);
            }
            if (j - i >= 2) {
                sb.append(sorted[i]).append(dash).append(sorted[j]);
            } else {
                sb.append(sorted[i]);
                if (j > i) {
                    sb.append(sep).append(sorted[j]);
                }
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** The last index of the run of consecutive frames that starts at {@code i}. */
    private static int runEnd(long[] sorted, int i) {
        int j = i;
        while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
            j++;
        }
        return j;
    }
}

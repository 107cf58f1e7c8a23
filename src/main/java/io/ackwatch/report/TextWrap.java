package io.ackwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Word wrapping for the text report. Runs of spaces inside a line are kept (they separate columns); a
 * no-break space ({@link #NBSP}) joins words that must stay on one line and prints as a space. A word longer
 * than the line (a path, a display filter) is never broken, so it stays copyable.
 */
final class TextWrap {
    static final char NBSP = '\u00a0';
    /** A number and its time unit ("54 µs", "1.5 s"), which read wrongly when split over two lines. */
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d) (µs|ms|s|min)\\b");

    private TextWrap() {}

    /** {@code text} wrapped at {@code width} columns, the first line after {@code first}, the rest after {@code next}. */
    static List<String> wrap(String text, int width, String first, String next) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(Math.max(first.length() + text.length(), 16));
        line.append(first);
        Columns columns = new Columns();
        columns.add(first, 0, first.length());
        int lineStart = first.length();
        int pendingFrom = 0;
        int pendingTo = 0;
        int i = 0;
        // one copy to scan: charAt on a string with a non-Latin-1 character ("…") is bounds-checked every time
        char[] t = joinNumbersToUnits(text.strip()).toCharArray();
        while (i < t.length) {
            int end = i;
            while (end < t.length && t[end] != ' ') {
                end++;
            }
            int spaceEnd = end;
            while (spaceEnd < t.length && t[spaceEnd] == ' ') {
                spaceEnd++;
            }
            boolean empty = line.length() == lineStart;
            if (!empty && columns.count + (pendingTo - pendingFrom) + visible(t, i, end) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(next);
                columns = new Columns();
                columns.add(next, 0, next.length());
                lineStart = next.length();
                empty = true;
            }
            if (!empty) {
                line.append(t, pendingFrom, pendingTo - pendingFrom);
                columns.add(t, pendingFrom, pendingTo);
            }
            for (int k = i; k < end; k++) {
                line.append(t[k] == NBSP ? ' ' : t[k]);
            }
            columns.add(t, i, end); // a no-break space takes a column, as the space it prints as
            pendingFrom = end;
            pendingTo = spaceEnd;
            i = spaceEnd;
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * {@code 54 µs} with a no-break space. The pattern runs only when a digit, a space and the first letter
     * of a unit occur together: most lines have none, and the regex costs more than the rest of the wrapping.
     */
    private static String joinNumbersToUnits(String t) {
        for (int k = 0; k + 2 < t.length(); k++) {
            char c = t.charAt(k);
            if (c >= '0' && c <= '9' && t.charAt(k + 1) == ' ') {
                char u = t.charAt(k + 2);
                if (u == 'µ' || u == 'm' || u == 's') {
                    return NUMBER_UNIT.matcher(t).replaceAll("$1" + NBSP + "$2");
                }
            }
        }
        return t;
    }

    /** Columns a string takes on a terminal: ANSI escape sequences take none. */
    static int visible(CharSequence s) {
        Columns c = new Columns();
        c.add(s, 0, s.length());
        return c.count;
    }

    private static int visible(char[] s, int from, int to) {
        Columns c = new Columns();
        c.add(s, from, to);
        return c.count;
    }

    /**
     * Columns counted as text is appended: an escape sequence runs from ESC through the next 'm' (even
     * across appends), and the low half of a surrogate pair takes no column of its own.
     */
    private static final class Columns {
        int count;
        boolean inEscape;

        void add(CharSequence s, int from, int to) {
            for (int i = from; i < to; i++) {
                add(s.charAt(i));
            }
        }

        void add(char[] s, int from, int to) {
            for (int i = from; i < to; i++) {
                add(s[i]);
            }
        }

        private void add(char c) {
            if (inEscape) {
                inEscape = c != 'm';
            } else if (c == '\u001b') {
                inEscape = true;
            } else if (!Character.isLowSurrogate(c)) {
                count++;
            }
        }
    }
}

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
        StringBuilder line = new StringBuilder(first);
        int lineStart = first.length();
        String pendingSpaces = "";
        int i = 0;
        String t = NUMBER_UNIT.matcher(text.strip()).replaceAll("$1" + NBSP + "$2");
        while (i < t.length()) {
            int end = i;
            while (end < t.length() && t.charAt(end) != ' ') {
                end++;
            }
            String word = t.substring(i, end).replace(NBSP, ' ');
            int spaceEnd = end;
            while (spaceEnd < t.length() && t.charAt(spaceEnd) == ' ') {
                spaceEnd++;
            }
            boolean empty = line.length() == lineStart;
            if (!empty && visible(line) + pendingSpaces.length() + visible(word) > width) {
                lines.add(line.toString());
                line = new StringBuilder(next);
                lineStart = next.length();
                empty = true;
            }
            if (!empty) {
                line.append(pendingSpaces);
            }
            line.append(word);
            pendingSpaces = t.substring(end, spaceEnd);
            i = spaceEnd;
        }
        lines.add(line.toString());
        return lines;
    }

    /** Columns a string takes on a terminal: ANSI escape sequences take none. */
    static int visible(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u001b') {
                while (i < s.length() && s.charAt(i) != 'm') {
                    i++;
                }
                continue;
            }
            if (!Character.isLowSurrogate(c)) {
                n++;
            }
        }
        return n;
    }
}

package io.ackwatch.report;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for the text report. A word longer than the line (a path, a display filter) is never broken. */
final class TextWrap {
    private TextWrap() {}

    /** {@code text} wrapped at {@code width} columns, the first line after {@code first}, the rest after {@code next}. */
    static List<String> wrap(String text, int width, String first, String next) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int lineStart = first.length();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean empty = line.length() == lineStart;
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(next);
                lineStart = next.length();
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}

package io.ackwatch.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * Compares output with a golden file and, on a difference, reports the first differing line with its number
 * and a little context instead of two multi-kilobyte strings. With {@code -Dackwatch.updateGolden=true} it
 * rewrites the file and fails on purpose, so a regenerating run can never pass for a green one.
 */
final class GoldenFile {
    static final String UPDATE_PROPERTY = "ackwatch.updateGolden";
    private static final int CONTEXT = 2;

    private GoldenFile() {}

    static void assertMatches(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            throw new AssertionFailedError("rewrote " + golden + "; review it with git diff and run again without -D"
                    + UPDATE_PROPERTY);
        }
        if (!Files.isRegularFile(golden)) {
            throw new AssertionFailedError("golden file " + golden + " is missing; create it with"
                    + " mvn -o test -Dtest='*Golden*' -D" + UPDATE_PROPERTY + "=true");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        String difference = firstDifference(expected, actual);
        if (difference != null) {
            throw new AssertionFailedError(golden + " differs from the output: " + difference
                    + "\n(if the change is intended: mvn -o test -Dtest='*Golden*' -D" + UPDATE_PROPERTY + "=true)");
        }
    }

    /** Null when equal; otherwise the first differing line, 1-based, with the lines around it. */
    static String firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) {
            line++;
        }
        int column = line < e.length && line < a.length ? firstColumn(e[line], a[line]) : 0;
        StringBuilder out = new StringBuilder("first difference at line " + (line + 1)
                + (column > 0 ? ", column " + (column + 1) : "")
                + " (golden " + e.length + " lines, output " + a.length + " lines)\n");
        for (int i = Math.max(0, line - CONTEXT); i < line; i++) {
            out.append(String.format("  %5d   %s%n", i + 1, clip(e[i], 0)));
        }
        out.append(String.format("  %5d - %s%n", line + 1, line < e.length ? clip(e[line], column) : "<end of golden file>"));
        out.append(String.format("  %5d + %s%n", line + 1, line < a.length ? clip(a[line], column) : "<end of output>"));
        return out.toString();
    }

    private static int firstColumn(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** HTML lines can be kilobytes long (inline SVG): show the part around the first differing column. */
    private static String clip(String line, int column) {
        if (line.length() <= 300) {
            return line;
        }
        int from = Math.max(0, column - 100);
        int to = Math.min(line.length(), from + 300);
        return (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "")
                + " (" + line.length() + " chars)";
    }
}

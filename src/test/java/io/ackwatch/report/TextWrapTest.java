package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextWrapTest {
    private static final char NBSP = TextWrap.NBSP;
    /** Pieces texts are made of: words, runs of spaces, no-break spaces, colour codes, numbers with units. */
    private static final String[] PIECES = {"frames", "123", "7", " ", "  ", "   ", String.valueOf(NBSP), "µs", "ms",
        "s", "min", "sx", "54 µs", "3 ms,", "1.5 s", "9 min", "2 mins", "\u001b[1;31m", "\u001b[0m", "\u001b[33",
        "m", "\ud83d\ude00", "\udc00", "x".repeat(40), "é", "_", "\t", "-"};

    @Test
    void keepsNumbersWithTheirUnitsAndBreaksBetweenWords() {
        assertThat(TextWrap.wrap("retransmitted after 54 µs and again after 200 ms", 30, "  ", "    "))
                .containsExactly("  retransmitted after 54 µs", "    and again after 200 ms");
    }

    @Test
    void colourCodesTakeNoColumns() {
        String red = "\u001b[1;31mfailed\u001b[0m";
        assertThat(TextWrap.wrap(red + " " + red, 13, "", "")).containsExactly(red + " " + red);
        assertThat(TextWrap.visible(red)).isEqualTo(6);
    }

    /** Wrapping that counts columns as it appends must wrap exactly where counting each line anew did. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void wrapsWhereRecountingEveryLineWrapped(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            String text = text(random);
            String first = random.nextBoolean() ? "  " : "  \u001b[1mprinter\u001b[0m ";
            String next = random.nextInt(4) == 0 ? "\u001b[33" : "      ";
            int width = random.nextInt(5, 60);
            assertThat(TextWrap.wrap(text, width, first, next)).as("%s / %d", text, width)
                    .isEqualTo(recountingWrap(text, width, first, next));
        }
    }

    private static String text(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(0, 30); n > 0; n--) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d) (µs|ms|s|min)\\b");

    /** TextWrap.wrap as it was: the regex on every text, and each line's columns counted again per word. */
    private static List<String> recountingWrap(String text, int width, String first, String next) {
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
            if (!empty && recount(line) + pendingSpaces.length() + recount(word) > width) {
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

    private static int recount(CharSequence s) {
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

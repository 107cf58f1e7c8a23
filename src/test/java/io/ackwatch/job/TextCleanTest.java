package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextCleanTest {
    private static final String CHARS = " \t\n\r\u0000\u001b\u007f\u0080\u009f\u00a0\u3000é…\ud83d\ude00";

    /** The copy-free path for text with nothing to drop must answer what copying character by character does. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void answersWhatCopyingEveryCharacterAnswers(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            boolean plain = random.nextBoolean();
            for (int n = random.nextInt(0, 260); n > 0; n--) {
                sb.append(!plain && random.nextInt(6) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : random.nextInt(30) == 0 ? ' ' : (char) random.nextInt(0x21, 0x7f));
            }
            String s = sb.toString();
            assertThat(Text.clean(s)).as("%s", s).isEqualTo(copyingClean(s));
        }
    }

    /** Text.clean as it was, copying every kept character. */
    private static String copyingClean(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < Text.MAX_TEXT; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
                sb.append(c);
            } else if (c == '\t') {
                sb.append(' ');
            }
        }
        String out = sb.toString().strip();
        return out.isEmpty() ? null : out;
    }
}

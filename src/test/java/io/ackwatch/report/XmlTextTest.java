package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlTextTest {
    /** Characters drawn from: legal and illegal controls, surrogate halves and pairs, the last BMP non-characters. */
    private static final String CHARS = "aZ09 <&>\"'\t\n\r\u0000\u0001\u0008\u000b\u000c\u001f\u007f\u0085µé–€"
            + "\ud7ff\ue000\ufffd\ufffe\uffff\ud83d\ude00\ud800\udbff\udc00\udfff";

    /** What XML 1.0 allows, code point by code point: the definition legal() must keep to. */
    private static String allowedOnly(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void legalDropsExactlyWhatXmlForbids(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(0, 40); n > 0; n--) {
                sb.append(random.nextInt(4) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                        : (char) random.nextInt(0x20, 0x7f));
            }
            String s = sb.toString();
            assertThat(XmlText.legal(s)).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(allowedOnly(s));
        }
    }
}

package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report Writer must write the bytes a JDK OutputStreamWriter writes, however the text is cut into writes. */
class Utf8WriterTest {
    private static final String CHARS = "a \n\t\u0000\u007fµé…€\uffff\ud83d\ude00\ud800\udc00\udbff\udfff";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void writesWhatOutputStreamWriterWrites(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Writer jdk = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        Writer ours = new Utf8Writer(actual);
        for (int w = 0; w < 400; w++) {
            String s = text(random, random.nextInt(20) == 0 ? 70_000 : 12);
            switch (random.nextInt(5)) {
                case 0 -> {
                    char c = s.isEmpty() ? 'x' : s.charAt(0);
                    jdk.write(c);
                    ours.write(c);
                }
                case 1 -> {
                    int off = s.isEmpty() ? 0 : random.nextInt(s.length());
                    int len = random.nextInt(s.length() - off + 1);
                    jdk.write(s.toCharArray(), off, len);
                    ours.write(s.toCharArray(), off, len);
                }
                case 2 -> {
                    int off = s.isEmpty() ? 0 : random.nextInt(s.length());
                    int len = random.nextInt(s.length() - off + 1);
                    jdk.write(s, off, len);
                    ours.write(s, off, len);
                }
                default -> {
                    jdk.write(s);
                    ours.write(s);
                }
            }
            if (random.nextInt(50) == 0) {
                jdk.flush();
                ours.flush();
            }
        }
        jdk.write('\n'); // a report ends with a line end: nothing is left pending
        ours.write('\n');
        jdk.flush();
        ours.flush();
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    private static String text(SplittableRandom random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(0, maxLength + 1); n > 0; n--) {
            sb.append(random.nextInt(3) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                    : (char) random.nextInt(0x20, 0x7f));
        }
        return sb.toString();
    }
}

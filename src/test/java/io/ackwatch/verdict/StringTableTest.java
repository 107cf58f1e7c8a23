package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StringTableTest {
    /** Pieces sentences are made of: words, the non-ASCII characters of real messages, digit runs of all kinds. */
    private static final String[] PIECES = {
        "The printer ", "frames ", "frame ", "–", "µs", " ms", "§4.2.3.2", ", ", " && frame.number in {", "}",
        "..", "0.", "00", "0", "7", "1234567890123456789", "123456789012345678", "99999999999999999999999",
        "é", "ü", "€", "≥", "😀", "\u00ff", "\u0100", "Verdict ok.", " ", "", "tcp.stream eq ", "?", "9",
    };

    static Stream<Long> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> 0x5EEDL * 31 + i);
    }

    /** Random sentences and whole strings written by the old and the new table give the same bytes. */
    @ParameterizedTest
    @MethodSource("seeds")
    void writesTheSameBytesAsTheCharBasedTable(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int maxStrings = seed % 3 == 0 ? random.nextInt(0, 12) : VerdictPacker.MAX_STRINGS;
        StringTable table = new StringTable(maxStrings);
        OldStringTable old = new OldStringTable(maxStrings);
        PackedOut out = new PackedOut();
        PackedOut oldOut = new PackedOut();
        List<String> written = new ArrayList<>();
        List<String> pool = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            String s = random.nextInt(10) == 0 ? null
                    : !pool.isEmpty() && random.nextInt(4) == 0 ? pool.get(random.nextInt(pool.size()))
                    : random.nextBoolean() ? fromTemplate(random) : randomString(random);
            if (s != null) {
                pool.add(s);
            }
            boolean share = random.nextInt(3) == 0;
            table.write(out, s, share);
            old.write(oldOut, s, share);
            written.add(s);
            assertThat(Arrays.copyOf(out.buf, out.pos)).as("after %s", s)
                    .isEqualTo(Arrays.copyOf(oldOut.buf, oldOut.pos));
        }
        PackedIn in = new PackedIn(out.toArray(), 0);
        for (String s : written) {
            assertThat(table.read(in)).isEqualTo(s);
        }
        assertThat(in.pos).isEqualTo(out.pos);
    }

    @Test
    void cutsSentencesAtTheirNumbersAndSharesTheWords() {
        StringTable table = new StringTable(VerdictPacker.MAX_STRINGS);
        PackedOut out = new PackedOut();
        table.write(out, "frames 4–6 after 1.5 µs", false);
        int first = out.pos;
        table.write(out, "frames 8–12 after 2.5 µs", false);
        // the second time every word is a table index: one byte for the count, one per part (5 words, 4 numbers)
        assertThat(out.pos - first).isEqualTo(1 + 9);
        PackedIn in = new PackedIn(out.toArray(), 0);
        assertThat(table.read(in)).isEqualTo("frames 4–6 after 1.5 µs");
        assertThat(table.read(in)).isEqualTo("frames 8–12 after 2.5 µs");
    }

    @Test
    void aWordAndAnEqualWholeStringAreOneEntry() {
        StringTable table = new StringTable(VerdictPacker.MAX_STRINGS);
        PackedOut out = new PackedOut();
        table.write(out, "µs–é", true);
        table.write(out, "µs–é7", false);
        PackedIn in = new PackedIn(out.toArray(), 0);
        assertThat(in.varint()).isEqualTo(1); // index 0
        assertThat(in.varint()).isEqualTo(3 + 4 * 2);
        assertThat(in.varlong()).isEqualTo(2L); // the word: index 0 again
    }

    /** Sentences as the rules write them: the same words around other numbers, now and then another word. */
    private static final String[][] TEMPLATES = {
        {"The printer 10.0.", ".", " never acknowledged the ", " data segments (frames ", "–", ", ", ")."},
        {"tcp.stream eq ", " && frame.number in {", ", ", "..", ", ", "}"},
        {"", " of them, ", " times in all over ", ".", " µs"},
        {"Verdict failed because of failure finding ", " at 0.", " s – ", "§4.2.3.2"},
    };

    private static String fromTemplate(SplittableRandom random) {
        String[] words = TEMPLATES[random.nextInt(TEMPLATES.length)];
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(random.nextInt(12) == 0 ? PIECES[random.nextInt(PIECES.length)] : w);
            int digits = random.nextInt(4);
            if (digits == 3) {
                sb.append(PIECES[random.nextInt(11, 18)]); // leading zeros, 18 digits and more
            } else if (digits > 0) {
                sb.append(random.nextLong(0, 100_000));
            }
        }
        return sb.toString();
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(5) == 0) {
                sb.append(random.nextLong(0, Long.MAX_VALUE) >>> random.nextInt(0, 63));
            } else if (random.nextInt(8) == 0) {
                // any character but a lone surrogate, which UTF-8 cannot carry
                int cp;
                do {
                    cp = random.nextInt(0, 0x11_0000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            } else {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }
}

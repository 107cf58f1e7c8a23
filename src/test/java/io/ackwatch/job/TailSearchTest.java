package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TailSearchTest {
    private static final byte[] UEL = Text.ascii("\u001b%-12345X");
    private static final byte[] EOJ = Text.ascii("@PJL EOJ");
    private static final byte[] RESET = {0x1b, 'E'};
    private static final byte[] EOF = Text.ascii("%%EOF");
    /** Bytes the haystacks are made of: every marker byte in both cases, and a few others. */
    private static final byte[] ALPHABET = Text.ascii("\u001b%-12345XxEe@PJLpjl OoFf\n\u00ff");

    @Test
    void findsTheLastWholeOccurrenceOfEachNeedle() {
        byte[] hay = Text.ascii("\u001bE..@pjl eoj\n%%EOF..\u001bE\u001b%-12345X@PJL E");
        int[] found = new int[4];
        search().lastIndices(hay, 0, found);
        assertThat(found).containsExactly(22, 4, 20, 13); // the trailing "@PJL E" is cut, so it does not count
    }

    @Test
    void looksNoFurtherBackThanFrom() {
        byte[] hay = Text.ascii("%%EOF....%%EOF");
        int[] found = new int[4];
        search().lastIndices(hay, 10, found);
        assertThat(found).containsExactly(-1, -1, -1, -1);
        search().lastIndices(hay, 9, found);
        assertThat(found[3]).isEqualTo(9);
    }

    /** One backward pass must answer exactly what one naive scan per needle answers. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void agreesWithOneNaiveScanPerNeedle(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TailSearch search = search();
        byte[][] needles = {UEL, EOJ, RESET, EOF};
        boolean[] ignoreCase = {false, true, false, false};
        for (int round = 0; round < 200; round++) {
            byte[] hay = hay(random, needles);
            int from = random.nextInt(-3, hay.length + 4);
            int[] found = new int[needles.length];
            search.lastIndices(hay, from, found);
            for (int n = 0; n < needles.length; n++) {
                assertThat(found[n]).as("needle %d, from %d, in %s", n, from, new String(hay, 0))
                        .isEqualTo(naiveLastIndex(hay, needles[n], ignoreCase[n], from));
            }
        }
    }

    private static TailSearch search() {
        return new TailSearch(new TailSearch.Needle(UEL, false), new TailSearch.Needle(EOJ, true),
                new TailSearch.Needle(RESET, false), new TailSearch.Needle(EOF, false));
    }

    /**
     * Random bytes with whole, cut and case-changed markers spliced in: either from a marker-heavy alphabet
     * (every word of eight bytes holds a marker's first byte) or uniform like print data (most words hold none).
     */
    private static byte[] hay(SplittableRandom random, byte[][] needles) {
        boolean printData = random.nextBoolean();
        byte[] hay = new byte[random.nextInt(0, printData ? 5000 : 300)];
        for (int i = 0; i < hay.length; i++) {
            hay[i] = printData || random.nextInt(8) == 0 ? (byte) random.nextInt(256)
                    : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        for (int k = random.nextInt(0, 6); k > 0 && hay.length > 0; k--) {
            byte[] needle = needles[random.nextInt(needles.length)];
            int at = random.nextInt(hay.length);
            for (int j = 0; j < needle.length && at + j < hay.length; j++) {
                byte c = needle[j];
                hay[at + j] = random.nextBoolean() && c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
            }
        }
        return hay;
    }

    private static int naiveLastIndex(byte[] hay, byte[] needle, boolean ignoreCase, int from) {
        for (int i = hay.length - 1; i >= from; i--) {
            if (Text.matchesAt(hay, i, needle, ignoreCase)) {
                return i;
            }
        }
        return -1;
    }
}

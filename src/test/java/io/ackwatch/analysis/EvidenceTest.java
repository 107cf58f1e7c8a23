package io.ackwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceTest {
    @Test
    void frameListsCollapseRunsOfThreeOrMore() {
        assertThat(Evidence.frameList(List.of(4L))).isEqualTo("frame 4");
        assertThat(Evidence.frameList(List.of(5L, 4L))).isEqualTo("frames 4, 5");
        assertThat(Evidence.frameList(List.of(6L, 7L, 8L, 9L, 10L))).isEqualTo("frames 6–10");
        assertThat(Evidence.frameList(List.of(1L, 2L, 4L, 5L, 6L, 9L))).isEqualTo("frames 1, 2, 4–6, 9");
    }

    @Test
    void filtersUseWiresharkSetSyntax() {
        assertThat(Evidence.filter(7, List.of(4L, 5L, 6L, 11L))).isEqualTo("tcp.stream eq 7 && frame.number in {4..6, 11}");
        assertThat(Evidence.filter(7, List.of())).isEqualTo("tcp.stream eq 7");
        List<Long> many = new java.util.ArrayList<>();
        for (long f = 1; f < 200; f += 2) {
            many.add(f);
        }
        assertThat(Evidence.filter(2, many)).isEqualTo("tcp.stream eq 2 && frame.number >= 1 && frame.number <= 199");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Evidence.duration(300_000)).isEqualTo("300 µs");
        assertThat(Evidence.duration(12_400)).isEqualTo("12 µs");
        assertThat(Evidence.duration(999_400)).isEqualTo("999 µs");
        assertThat(Evidence.duration(999_600)).isEqualTo("1.0 ms");
        assertThat(Evidence.duration(1_400_000)).isEqualTo("1.4 ms");
        assertThat(Evidence.duration(200_000_000)).isEqualTo("200 ms");
        assertThat(Evidence.duration(9_300_000_000L)).isEqualTo("9.3 s");
        assertThat(Evidence.duration(125_000_000_000L)).isEqualTo("2 min 5 s");
    }

    /** Durations are formatted for every connection, so Evidence avoids String.format; it must print the same. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fixedPointMatchesStringFormat(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            // nanosecond counts as durations are made of, and values sitting exactly on a rounding edge
            double value = switch (i % 5) {
                case 0, 1 -> random.nextLong(1, 300_000_000_000L) / (i % 5 == 0 ? 1e6 : 1e9);
                case 2 -> (random.nextInt(0, 100_000) + 0.05 * random.nextInt(0, 20)) / 10.0;
                // nines that carry into a new digit, tiny and huge values (Double.toString writes an exponent)
                case 3 -> (random.nextInt(1, 5) * 10 - 0.05 * random.nextInt(0, 3)) * Math.pow(10, random.nextInt(-6, 9));
                default -> random.nextDouble(-2, 2);
            };
            for (int decimals = 0; decimals <= 2; decimals++) {
                String fixed = Evidence.fixed(value, decimals);
                // what it printed before it rounded the digits itself, negative values included
                assertThat(fixed).as("%s with %d decimals", value, decimals).isEqualTo(
                        new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
                if (value >= 0) {
                    assertThat(fixed).as("%s with %d decimals", value, decimals)
                            .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", value));
                }
            }
        }
    }
}

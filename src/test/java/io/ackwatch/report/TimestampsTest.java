package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    private static final long T = ReportFixtures.at("2026-11-23T08:15:02.123456789Z");

    @ParameterizedTest
    @CsvSource({
        "9, 2026-11-23T08:15:02.123456789Z",
        "6, 2026-11-23T08:15:02.123456Z",
        "3, 2026-11-23T08:15:02.123Z",
        "0, 2026-11-23T08:15:02Z"
    })
    void isoKeepsTheCapturePrecisionAndTruncates(int digits, String expected) {
        assertThat(Timestamps.iso(T, digits)).isEqualTo(expected);
    }

    @Test
    void epochAndTimesBeforeIt() {
        assertThat(Timestamps.iso(0, 6)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(Timestamps.iso(-1, 9)).isEqualTo("1969-12-31T23:59:59.999999999Z");
        assertThat(Timestamps.iso(ReportFixtures.at("2106-02-07T06:28:16Z"), 6))
                .isEqualTo("2106-02-07T06:28:16.000000Z");
    }

    /** The arithmetic in iso and clock must give what java.time gives, for any instant a long can hold. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void isoAndClockAgreeWithJavaTime(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            long nanos = switch (random.nextInt(3)) {
                case 0 -> random.nextLong();
                case 1 -> T + random.nextLong(-400L * 86_400_000_000_000L, 400L * 86_400_000_000_000L);
                default -> random.nextLong(-5_000_000_000L, 5_000_000_000L);
            };
            int digits = random.nextInt(-1, 11);
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                    Math.floorMod(nanos, 1_000_000_000L)), ZoneOffset.UTC);
            int d = Math.max(0, Math.min(9, digits));
            String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                    + (d == 0 ? "" : "." + String.format(Locale.ROOT, "%09d", t.getNano()).substring(0, d));
            assertThat(Timestamps.clock(nanos, digits)).as("%d ns, %d digits", nanos, digits).isEqualTo(clock);
            assertThat(Timestamps.iso(nanos, digits)).as("%d ns, %d digits", nanos, digits)
                    .isEqualTo(t.toLocalDate() + "T" + clock + "Z");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "412000, 412 µs",
        "38000000, 38 ms",
        "11588000000, 11.6 s",
        "1928000000000, 32 min 8 s",
        "7500000000000, 2 h 5 min"
    })
    void durationsForPeople(long nanos, String expected) {
        assertThat(Timestamps.duration(nanos)).isEqualTo(expected);
    }

    @Test
    void secondsAndMillis() {
        assertThat(Timestamps.seconds(4_601_000_000L, 6)).isEqualTo("4.601000");
        assertThat(Timestamps.junitSeconds(11_588_400_000L)).isEqualTo("11.588");
        assertThat(Timestamps.millis(610_000)).isEqualTo("0.610 ms");
        assertThat(Timestamps.millis(212_000_000)).isEqualTo("212 ms");
        assertThat(Timestamps.sameDay(ReportFixtures.T3, ReportFixtures.T3 + 4_750_000_000L)).isFalse();
    }
}

package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

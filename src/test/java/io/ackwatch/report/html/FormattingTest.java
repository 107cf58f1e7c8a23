package io.ackwatch.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpAnalysisFlag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormattingTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static long at(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * S + i.getNano();
    }

    @Test
    void utcKeepsTheCapturesPrecision() {
        long t = at("2026-03-12T09:24:30.894123456Z");
        assertThat(Units.utc(t, 6)).isEqualTo("2026-03-12 09:24:30.894123 UTC");
        assertThat(Units.utc(t, 9)).isEqualTo("2026-03-12 09:24:30.894123456 UTC");
        assertThat(Units.utc(t, 0)).isEqualTo("2026-03-12 09:24:30 UTC");
        assertThat(Units.clock(t, 3)).isEqualTo("09:24:30.894");
        // before 1970 the fraction still counts forward from the second
        assertThat(Units.utc(-1, 3)).isEqualTo("1969-12-31 23:59:59.999 UTC");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Units.duration(850)).isEqualTo("850 ns");
        assertThat(Units.duration(312_000)).isEqualTo("312 µs");
        assertThat(Units.duration(3_100_000)).isEqualTo("3.1 ms");
        assertThat(Units.duration(45_250_000)).isEqualTo("45.3 ms");
        assertThat(Units.duration(500 * MS)).isEqualTo("500 ms");
        assertThat(Units.duration(2_400 * MS)).isEqualTo("2.40 s");
        assertThat(Units.duration(192 * S)).isEqualTo("3 min 12 s");
        assertThat(Units.duration(600 * S)).isEqualTo("10 min");
        assertThat(Units.duration(7_500 * S)).isEqualTo("2 h 5 min");
        assertThat(Units.duration(90_000 * S)).isEqualTo("1 d 1 h");
        assertThat(Units.count(1_204_224)).isEqualTo("1,204,224");
        assertThat(Units.plural(1, "connection", "connections")).isEqualTo("1 connection");
    }

    @Test
    void escapingCoversMarkupQuotesAndForbiddenCharacters() {
        assertThat(Html.esc("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
        assertThat(Html.esc("plain")).isSameAs("plain");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("tab\there\nnl")).isEqualTo("tab\there\nnl");
        assertThat(Html.esc("nul\u0000 bell\u0007 c1\u0085")).isEqualTo("nul\uFFFD bell\uFFFD c1\uFFFD");
        assertThat(Html.esc("lone \uD800 pair \uD83D\uDDA8")).isEqualTo("lone \uFFFD pair \uD83D\uDDA8");
        assertThat(Html.esc("\uDC00x")).isEqualTo("\uFFFDx");
    }

    @Test
    void axisPicksRoundUtcTicks() {
        long start = at("2026-03-12T08:58:30Z");
        TimeAxis axis = new TimeAxis(start, start + 29 * 60 * S, 100, 900);
        List<TimeAxis.Tick> ticks = axis.ticks();
        assertThat(ticks).extracting(TimeAxis.Tick::label)
                .containsExactly("09:00", "09:05", "09:10", "09:15", "09:20", "09:25");
        assertThat(ticks.get(0).x()).isGreaterThan(100).isLessThan(ticks.get(1).x());
        assertThat(axis.x(start)).isEqualTo(100);
        assertThat(axis.x(start + 29 * 60 * S)).isEqualTo(900);
        assertThat(axis.caption()).isEqualTo("time (UTC) on 2026-03-12");
    }

    @Test
    void axisOverMidnightNamesTheDayAndShortSpansShowFractions() {
        long start = at("2026-03-12T22:00:00Z");
        TimeAxis days = new TimeAxis(start, start + 5 * 3600 * S, 0, 1000);
        assertThat(days.ticks()).extracting(TimeAxis.Tick::label).contains("03-12 23:00", "03-13 00:00");
        assertThat(days.caption()).isEqualTo("time (UTC), 2026-03-12 to 2026-03-13");

        TimeAxis shortSpan = new TimeAxis(start, start + 700 * MS, 0, 1000);
        assertThat(shortSpan.ticks()).extracting(TimeAxis.Tick::label).contains("22:00:00.0", "22:00:00.5");

        TimeAxis instant = new TimeAxis(start, start, 0, 1000);
        assertThat(instant.x(start)).isEqualTo(500);
        assertThat(instant.ticks()).isNotEmpty();
    }

    @Test
    void wiresharkWordsForFlagsAndAnalysis() {
        assertThat(LadderDiagram.flagText(0x12)).isEqualTo("[SYN, ACK]");
        assertThat(LadderDiagram.flagText(0x14)).isEqualTo("[RST, ACK]");
        assertThat(LadderDiagram.flagText(0)).isEqualTo("[none]");
        int fast = TcpAnalysisFlag.RETRANSMISSION.bit()
                | TcpAnalysisFlag.FAST_RETRANSMISSION.bit();
        assertThat(LadderDiagram.analysisWords(fast)).isEqualTo("[TCP Fast Retransmission]");
        assertThat(LadderDiagram.analysisWords(TcpAnalysisFlag.DUPLICATE_ACK.bit()
                | TcpAnalysisFlag.ZERO_WINDOW.bit())).isEqualTo("[TCP Dup ACK] [TCP ZeroWindow]");
    }
}

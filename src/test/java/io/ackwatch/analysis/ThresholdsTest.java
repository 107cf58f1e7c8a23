package io.ackwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void defaultsCarryTheDocumentedValues() {
        Thresholds t = Thresholds.defaults();
        assertThat(t.delayedAckBoundMillis()).isEqualTo(500);
        assertThat(t.slowAckP95Millis()).isEqualTo(200);
        assertThat(t.retransmissionStormCount()).isEqualTo(3);
        assertThat(t.clientGiveUpRetransmissions()).isEqualTo(5);
        assertThat(t.synAnswerTimeoutMillis()).isEqualTo(1000);
    }

    @Test
    void describeListsEveryThresholdWithItsDefaultUnitAndSource() {
        Thresholds t = Thresholds.defaults();
        assertThat(Thresholds.describe()).hasSize(Thresholds.class.getRecordComponents().length);
        for (ThresholdInfo info : Thresholds.describe()) {
            assertThat(info.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(info.source()).isNotBlank();
            assertThat(info.unit()).isNotBlank();
            assertThat(t.value(info.name())).as(info.name()).isEqualTo(info.defaultValue());
        }
        assertThat(Thresholds.describe()).extracting(ThresholdInfo::source)
                .anyMatch(s -> s.contains("RFC 1122 §4.2.3.2")).anyMatch(s -> s.contains("TcpDelAckTicks"))
                .anyMatch(s -> s.contains("RFC 6298")).anyMatch(s -> s.contains("TcpMaxDataRetransmissions"));
    }

    @Test
    void withChangesOneValueAndKeepsTheRest() {
        Thresholds t = Thresholds.defaults().with("delayed-ack-bound-ms", "300").with("zero-window-warning-ms=5000ms");
        assertThat(t.delayedAckBoundMillis()).isEqualTo(300);
        assertThat(t.zeroWindowWarningMillis()).isEqualTo(5000);
        assertThat(t.slowAckP95Millis()).isEqualTo(200);
        assertThat(Thresholds.defaults().delayedAckBoundMillis()).isEqualTo(500);
    }

    @Test
    void badNamesAndValuesAreExplained() {
        assertThatThrownBy(() -> Thresholds.defaults().with("no-such", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delayed-ack-bound-ms");
        assertThatThrownBy(() -> Thresholds.defaults().with("delayed-ack-bound-ms", "fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number (unit: ms)");
        assertThatThrownBy(() -> Thresholds.defaults().with("retransmission-storm-count", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Thresholds.defaults().with("novalue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME=VALUE");
    }

    @Test
    void aChangedThresholdChangesWhatFires() {
        var flow = RulesTest.handshake().data(FlowScript.C, 1000, 20).ackAll(FlowScript.S, 320).build();
        var strict = Thresholds.defaults().with("delayed-ack-bound-ms", "250");
        assertThat(Rules.evaluate(RuleContext.of(flow, null, true, Thresholds.defaults()))).isEmpty();
        assertThat(Rules.evaluate(RuleContext.of(flow, null, true, strict))).extracting(Finding::rule)
                .containsExactly(SlowAckRule.ID);
    }
}

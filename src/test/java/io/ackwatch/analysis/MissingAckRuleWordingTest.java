package io.ackwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The missing-ack message names exactly the segments the client resent, not all the unacknowledged ones. */
class MissingAckRuleWordingTest {
    @Test
    void onlyTheFirstResentIsNamedAsTheFirst() {
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(42L, 43L, 44L, 45L), List.of())))
                .isEqualTo("the first of them 4 times");
    }

    @Test
    void onlyTheLastOrAMiddleOneResent() {
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(), List.of(9L)))).isEqualTo("the last of them once");
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(), List.of(9L, 10L), List.of())))
                .isEqualTo("one of them twice");
    }

    @Test
    void allResentAlikeOrDifferently() {
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(5L, 7L), List.of(6L, 8L))))
                .isEqualTo("each of them twice");
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(5L), List.of(6L, 8L), List.of())))
                .isEqualTo("2 of them, 3 times in all");
        assertThat(MissingAckRule.whatWasResent(List.of(List.of(5L, 6L, 7L)))).isEqualTo("it 3 times");
    }
}

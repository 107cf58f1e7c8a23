package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The order in which waiting connections fall due, and that a frame for one waiting puts it at the back. */
class IdleQueueTest {
    private static final long SECOND = 1_000_000_000L;

    private static Connection at(int stream, long lastWireNanos) {
        Connection c = new Connection(stream, 4, 0, stream, 1000, 0, 99, 9100, null, null, true, null);
        c.lastWireNanos = lastWireNanos;
        return c;
    }

    @Test
    void connectionsFallDueInOrderAndAFrameWhileWaitingStartsTheWaitAgain() {
        IdleQueue queue = new IdleQueue(SECOND);
        Connection first = at(0, 0);
        Connection second = at(1, SECOND);
        Connection third = at(2, 2 * SECOND);
        queue.add(first);
        queue.add(second);
        queue.add(third);

        assertThat(queue.pollIdle(SECOND / 2)).as("nobody silent for a second yet").isNull();
        first.lastWireNanos = 5 * SECOND / 2; // a late frame while it waits

        assertThat(queue.pollIdle(16 * SECOND / 5)).isSameAs(second);
        assertThat(queue.pollIdle(16 * SECOND / 5)).isSameAs(third);
        assertThat(queue.pollIdle(16 * SECOND / 5)).as("silent only 0.7 s since its late frame").isNull();
        assertThat(queue.pollIdle(7 * SECOND / 2)).isSameAs(first);
        assertThat(queue.pollIdle(100 * SECOND)).isNull();
    }

    @Test
    void emittedConnectionsAreDroppedAndTimeGoingBackDueNobody() {
        IdleQueue queue = new IdleQueue(SECOND);
        Connection gone = at(0, 0);
        Connection waiting = at(1, 10 * SECOND);
        queue.add(gone);
        queue.add(waiting);
        gone.emitted = true; // reopened by a new SYN, say

        assertThat(queue.pollIdle(5 * SECOND)).as("timestamps went back: not silent, just earlier").isNull();
        assertThat(queue.pollIdle(11 * SECOND)).isSameAs(waiting);
    }
}

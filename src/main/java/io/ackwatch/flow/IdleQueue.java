package io.ackwatch.flow;

import java.util.ArrayDeque;

/**
 * Connections waiting to be silent for a given time of capture, in the order they started waiting. Checked on
 * every frame, so it must cost next to nothing: the head is the one that has waited longest, and when it is not
 * yet due no one behind it is, unless a frame came for the head since it was queued; such a head goes to the
 * back with its new time. Each connection is thus looked at about once per frame it gets while waiting.
 */
final class IdleQueue {
    private final long idleNanos;
    private final ArrayDeque<Connection> waiting = new ArrayDeque<>();

    IdleQueue(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    void add(Connection c) {
        c.queuedNanos = c.lastWireNanos;
        waiting.addLast(c);
    }

    /**
     * The next connection silent for the queue's time at {@code now} (removed from the queue), or null. Emitted
     * connections are dropped on the way.
     */
    Connection pollIdle(long now) {
        while (!waiting.isEmpty()) {
            Connection head = waiting.peekFirst();
            if (head.emitted) {
                waiting.pollFirst();
            } else if (now - head.lastWireNanos >= idleNanos) {
                return waiting.pollFirst();
            } else if (head.lastWireNanos != head.queuedNanos) {
                waiting.pollFirst();
                add(head);
            } else {
                return null;
            }
        }
        return null;
    }

    void clear() {
        waiting.clear();
    }
}

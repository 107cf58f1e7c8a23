package io.ackwatch.flow;

/**
 * The connections that are still only their client's SYNs, the one silent longest first: a list threaded through
 * the connections themselves ({@link Connection#synOnlyPrevious}, {@link Connection#synOnlyNext}), so that each
 * frame costs a few pointer writes and nothing else, and only unanswered connections are held. A frame that
 * answers a connection, or closes it, takes it out; a resent SYN moves it to the end.
 */
final class SynOnlyConnections {
    private Connection first;
    private Connection last;

    /** Puts {@code c} at the end (it was just heard from), taking it from where it was. */
    void heard(Connection c) {
        if (c == last) {
            return;
        }
        remove(c);
        c.synOnlyPrevious = last;
        c.inSynOnly = true;
        if (last == null) {
            first = c;
        } else {
            last.synOnlyNext = c;
        }
        last = c;
    }

    void remove(Connection c) {
        if (!c.inSynOnly) {
            return;
        }
        Connection previous = c.synOnlyPrevious;
        Connection next = c.synOnlyNext;
        if (previous == null) {
            first = next;
        } else {
            previous.synOnlyNext = next;
        }
        if (next == null) {
            last = previous;
        } else {
            next.synOnlyPrevious = previous;
        }
        c.synOnlyPrevious = null;
        c.synOnlyNext = null;
        c.inSynOnly = false;
    }

    /** The connection silent longest, or null when there is none. */
    Connection silentLongest() {
        return first;
    }

    void clear() {
        while (first != null) {
            remove(first);
        }
    }
}

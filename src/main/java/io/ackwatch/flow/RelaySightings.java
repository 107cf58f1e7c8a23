package io.ackwatch.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The relaying hosts of one capture, gathered from its connections' {@link TcpFlow#relayed()}: one entry each. */
public final class RelaySightings {
    /** Streams listed per relay at most; past that a report filters on the MAC address alone. */
    public static final int MAX_STREAMS = 20;

    /**
     * One relaying host.
     *
     * @param mac its MAC address (48 bits)
     * @param senders source MACs of the frames it copied, as first seen
     * @param frames copies seen
     * @param connections connections with copies
     * @param streams the first {@link #MAX_STREAMS} of their {@code tcp.stream} numbers, ascending
     */
    public record Relay(long mac, Set<Long> senders, long frames, int connections, List<Integer> streams) {}

    private final Map<Long, Relay> relays = new LinkedHashMap<>();

    void add(TcpFlow flow) {
        for (RelayedCopies r : flow.relayed()) {
            Relay old = relays.get(r.relayMac());
            Set<Long> senders = new LinkedHashSet<>(old == null ? Set.of() : old.senders());
            senders.add(r.senderMac());
            List<Integer> streams = new ArrayList<>(old == null ? List.of() : old.streams());
            boolean newConnection = !streams.contains(flow.stream());
            if (newConnection && streams.size() < MAX_STREAMS) {
                streams.add(flow.stream());
                streams.sort(null);
            }
            relays.put(r.relayMac(), new Relay(r.relayMac(), Set.copyOf(senders), (old == null ? 0 : old.frames())
                    + r.frames(), (old == null ? 0 : old.connections()) + (newConnection ? 1 : 0), List.copyOf(streams)));
        }
    }

    /** In the order first seen. */
    public List<Relay> relays() {
        return List.copyOf(relays.values());
    }
}

package io.ackwatch.flow;

/**
 * Decides, once per new connection, whether it is worth the per-segment detail (segment log, ack delays,
 * byte-stream samples). Every TCP connection is still numbered and counted, because Wireshark's
 * {@code tcp.stream} counts them all.
 */
@FunctionalInterface
public interface FlowInterest {
    FlowInterest ALL = (client, server) -> true;

    boolean wantsDetail(Endpoint client, Endpoint server);

    /** True when {@code endpoint} is a known service (e.g. a printer port); helps pick the server side. */
    default boolean isService(Endpoint endpoint) {
        return false;
    }
}

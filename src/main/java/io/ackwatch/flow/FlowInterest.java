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

    /**
     * True when a connection between {@code a} and {@code b} is analysed at all. When false it is only numbered
     * and counted, never emitted: on a mirror port most connections are not printer traffic, and their analysis
     * would be thrown away.
     */
    default boolean wantsAnalysis(Endpoint a, Endpoint b) {
        return true;
    }

    /**
     * False when no connection between these ports can be {@linkplain #wantsAnalysis analysed}, whatever the
     * addresses: asked first, so that the endpoints of most of a mirror port's connections are never spelled out.
     */
    default boolean mayWantAnalysis(int portA, int portB) {
        return true;
    }

    /**
     * Asked at a clean close, with the client's byte stream as it ended: false when neither stream is worth
     * keeping, because no later stage reads them for a connection like this one (with {@code --all-flows}, a web
     * answer of a few KB per connection).
     *
     * @param synSeen the client's SYN was captured, so {@code clientStream} starts at the first byte
     */
    default boolean wantsStreams(Endpoint client, Endpoint server, boolean synSeen, ByteStreamSample clientStream) {
        return true;
    }

    /** True when {@code endpoint} is a known service (e.g. a printer port); helps pick the server side. */
    default boolean isService(Endpoint endpoint) {
        return false;
    }
}

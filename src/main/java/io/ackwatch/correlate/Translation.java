package io.ackwatch.correlate;

import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * A NAT between two capture points, as one connection shows it: the endpoints the point nearer the client saw
 * and what they had become at the point nearer the printer. The connection was paired by its initial sequence
 * numbers, which a NAT leaves alone.
 */
public record Translation(Endpoint upstreamClient, Endpoint downstreamClient, Endpoint upstreamServer,
        Endpoint downstreamServer) {

    /** The translation between two sightings of one connection; null when both points saw the same endpoints. */
    static Translation between(TcpFlow upstream, TcpFlow downstream) {
        if (upstream.client().equals(downstream.client()) && upstream.server().equals(downstream.server())) {
            return null;
        }
        return new Translation(upstream.client(), downstream.client(), upstream.server(), downstream.server());
    }

    public boolean clientTranslated() {
        return !upstreamClient.equals(downstreamClient);
    }

    public boolean serverTranslated() {
        return !upstreamServer.equals(downstreamServer);
    }

    /** For example "client 10.0.1.10:40000 became 10.0.2.1:1024". */
    public String describe() {
        List<String> parts = new ArrayList<>(2);
        if (clientTranslated()) {
            parts.add("client " + upstreamClient + " became " + downstreamClient);
        }
        if (serverTranslated()) {
            parts.add("printer " + upstreamServer + " was " + downstreamServer + " beyond it");
        }
        return String.join("; ", parts);
    }
}

package io.ackwatch.job;

import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.TcpFlow;

/** Reads the print job of a connection from its byte-stream samples. */
public final class JobReader {
    private final JobPrivacy privacy;

    /** A reader that reports names as they are. */
    public JobReader() {
        this(null);
    }

    /** @param privacy pseudonyms for user, host and job names ({@code --privacy}); null to show them */
    public JobReader(JobPrivacy privacy) {
        this.privacy = privacy;
    }

    /**
     * False when a connection can carry no job: {@link #read} returns null for it without reading its streams, so
     * the flow stage need not keep them ({@code FlowInterest.wantsStreams}).
     *
     * @param service as for {@link #read}
     * @param synSeen the client's SYN was captured, so {@code clientStream} starts at the client's first byte
     */
    public static boolean mayCarryJob(String service, boolean synSeen, ByteStreamSample clientStream) {
        Service named = Service.named(service);
        if (named != null || !synSeen) {
            // the rule below holds whatever the bytes are: the flow stage asks on its reading thread, at every
            // clean close, so a print job's stream is not viewed and sniffed there as well as when it is read
            return true;
        }
        StreamView client = StreamView.of(clientStream);
        return mayCarryJob(null, Service.sniff(client.head()), true, client);
    }

    /**
     * The client's first bytes, captured from the SYN on, that are no print protocol, to a server that is no print
     * service: no job, and no back channel either (a printer answers status only to PJL or PostScript it was sent).
     * Not reading on matters with --all-flows, where most connections are other traffic (web answers of KB each).
     */
    private static boolean mayCarryJob(Service named, Service sniffed, boolean synSeen, StreamView client) {
        return sniffed != null || named != null || !synSeen || client.head().length == 0;
    }

    /**
     * The job on {@code flow}, or null when the connection carries no recognisable job data.
     *
     * @param service "raw", "lpd" or "ipp" (port numbers and common aliases accepted); null to tell the
     *     protocol from the client's first bytes
     */
    public JobInfo read(TcpFlow flow, String service) {
        if (flow == null) {
            return null;
        }
        StreamView client = StreamView.of(flow.clientStream());
        Service named = Service.named(service);
        Service sniffed = Service.sniff(client.head());
        if (!mayCarryJob(named, sniffed, flow.handshake().synFrame() > 0, client)) {
            return null;
        }
        StreamView server = StreamView.of(flow.serverStream());
        boolean serverKnown = !server.isEmpty() || flow.serverSide() == null || flow.serverSide().payloadBytes() == 0;
        Service.Streams streams = new Service.Streams(client, server, serverKnown, flow.deliveredBytes());
        // content beats the port: a raw job sent to 515 is still a raw job; with neither, look for back-channel text
        Service first = sniffed != null ? sniffed : named != null ? named : Service.RAW;
        JobFacts facts = first.read(streams);
        if (!facts.knowsAnything() && named != null && named != first) {
            facts = named.read(streams);
        }
        if (!facts.knowsAnything() && (named == null || flow.clientBytes() == 0)) {
            return null;
        }
        // on a print port, bytes the readers cannot place are still a job of unknown kind
        JobInfo job = facts.toJobInfo(flow.clientBytes(), flow.deliveredBytes());
        return privacy == null ? job : privacy.anonymize(job, facts);
    }
}

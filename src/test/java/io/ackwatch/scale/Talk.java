package io.ackwatch.scale;

import static io.ackwatch.scale.ScalePcapWriter.ACK;
import static io.ackwatch.scale.ScalePcapWriter.FIN;
import static io.ackwatch.scale.ScalePcapWriter.PSH;
import static io.ackwatch.scale.ScalePcapWriter.RST;
import static io.ackwatch.scale.ScalePcapWriter.SYN;

import java.io.IOException;

/**
 * One TCP connection as the two sides would send it, written frame by frame with 32-bit sequence arithmetic
 * (so an ISN near 2^32 wraps as on the wire). Times are nanoseconds since the epoch.
 */
final class Talk {
    private static final long MOD = 1L << 32;

    private final ScalePcapWriter w;
    private final int clientIp;
    private final int clientPort;
    private final int serverIp;
    private final int serverPort;
    private long clientNext;
    private long serverNext;
    private long sent;

    Talk(ScalePcapWriter w, int clientIp, int clientPort, int serverIp, int serverPort, long clientIsn,
            long serverIsn) {
        this.w = w;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.clientNext = clientIsn;
        this.serverNext = serverIsn;
    }

    void handshake(long t, long step) throws IOException {
        fromClient(t, SYN, clientNext, 0, 0);
        clientNext = (clientNext + 1) % MOD;
        fromServer(t + step, SYN | ACK, serverNext, clientNext, 0);
        serverNext = (serverNext + 1) % MOD;
        fromClient(t + 2 * step, ACK, clientNext, serverNext, 0);
    }

    /** A client data segment at the next sequence number. */
    void data(long t, int length) throws IOException {
        fromClient(t, PSH | ACK, clientNext, serverNext, length);
        clientNext = (clientNext + length) % MOD;
        sent += length;
    }

    /** The client resends {@code length} bytes starting at {@code seq}. */
    void resend(long t, long seq, int length) throws IOException {
        fromClient(t, PSH | ACK, seq, serverNext, length);
    }

    /** The printer acknowledges everything received so far. */
    void serverAck(long t) throws IOException {
        fromServer(t, ACK, serverNext, clientNext, 0);
    }

    /** Client FIN, printer FIN, client ACK. */
    void close(long t, long step) throws IOException {
        fromClient(t, FIN | ACK, clientNext, serverNext, 0);
        clientNext = (clientNext + 1) % MOD;
        fromServer(t + step, FIN | ACK, serverNext, clientNext, 0);
        serverNext = (serverNext + 1) % MOD;
        fromClient(t + 2 * step, ACK, clientNext, serverNext, 0);
    }

    /** The client gives up: RST at its next sequence number. */
    void clientReset(long t) throws IOException {
        fromClient(t, RST | ACK, clientNext, serverNext, 0);
    }

    ScalePcapWriter writer() {
        return w;
    }

    long clientNext() {
        return clientNext;
    }

    /** Payload bytes sent once (resends not counted). */
    long sent() {
        return sent;
    }

    private void fromClient(long t, int flags, long seq, long ack, int length) throws IOException {
        w.tcpAt(t, clientIp, clientPort, serverIp, serverPort, flags, seq, ack, length);
    }

    private void fromServer(long t, int flags, long seq, long ack, int length) throws IOException {
        w.tcpAt(t, serverIp, serverPort, clientIp, clientPort, flags, seq, ack, length);
    }
}

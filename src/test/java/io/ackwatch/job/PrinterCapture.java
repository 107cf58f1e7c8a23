package io.ackwatch.job;

import io.ackwatch.testsupport.TrackedFlows;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.flow.TcpFlow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes a classic little-endian pcap (Ethernet, IPv4, TCP) of one print connection, and reads it back
 * through the real capture reader, decoder and flow tracker.
 */
final class PrinterCapture {
    static final int SYN = 0x02;
    static final int ACK = 0x10;
    static final int PSH = 0x08;
    static final int FIN = 0x01;

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final int snaplen;
    private final int clientPort;
    private final int serverPort;
    private long micros = 1_764_106_812_000_000L;
    private long clientSeq = 1_000_000;
    private long serverSeq = 5_000_000;

    PrinterCapture(int clientPort, int serverPort, int snaplen) {
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.snaplen = snaplen;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(snaplen).putInt(1);
        file.writeBytes(h.array());
    }

    /**
     * One connection: handshake, the client's bytes in {@code mss} segments (those numbered in
     * {@code lost} are left out of the capture), the server acknowledging at most {@code ackLimit} of them,
     * the server's bytes, and FINs.
     */
    PrinterCapture connection(byte[] client, byte[] server, int mss, long ackLimit, Set<Integer> lost) {
        long cisn = clientSeq;
        long sisn = serverSeq;
        segment(true, cisn, 0, SYN, new byte[0], 0, 0);
        segment(false, sisn, cisn + 1, SYN | ACK, new byte[0], 0, 0);
        segment(true, cisn + 1, sisn + 1, ACK, new byte[0], 0, 0);
        int index = 0;
        for (int off = 0; off < client.length; off += mss, index++) {
            int n = Math.min(mss, client.length - off);
            if (!lost.contains(index)) {
                segment(true, cisn + 1 + off, sisn + 1, ACK | PSH, client, off, n);
            }
            if (index % 2 == 1 || off + n == client.length) {
                segment(false, sisn + 1, cisn + 1 + Math.min(off + n, ackLimit), ACK, new byte[0], 0, 0);
            }
        }
        long acked = cisn + 1 + Math.min(client.length, ackLimit);
        for (int off = 0; off < server.length; off += mss) {
            int n = Math.min(mss, server.length - off);
            segment(false, sisn + 1 + off, acked, ACK | PSH, server, off, n);
        }
        long clientEnd = cisn + 1 + client.length;
        long serverEnd = sisn + 1 + server.length;
        segment(true, clientEnd, serverEnd, FIN | ACK, new byte[0], 0, 0);
        if (ackLimit >= client.length) {
            segment(false, serverEnd, clientEnd + 1, FIN | ACK, new byte[0], 0, 0);
            segment(true, clientEnd + 1, serverEnd + 1, ACK, new byte[0], 0, 0);
        }
        return this;
    }

    private void segment(boolean fromClient, long seq, long ack, int flags, byte[] data, int off, int len) {
        micros += 300;
        ByteBuffer f = ByteBuffer.allocate(54 + len).order(ByteOrder.BIG_ENDIAN);
        f.put(new byte[] {0, 0x1b, 0x21, 1, 2, 3}).put(new byte[] {0, 0x1b, 0x21, 4, 5, 6}).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) (40 + len)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0);
        byte[] c = {(byte) 192, 0, 2, 10};
        byte[] s = {(byte) 192, 0, 2, 99};
        f.put(fromClient ? c : s).put(fromClient ? s : c);
        f.putShort((short) (fromClient ? clientPort : serverPort)).putShort((short) (fromClient ? serverPort : clientPort))
                .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 64240)
                .putShort((short) 0).putShort((short) 0);
        f.put(data, off, len);
        byte[] frame = f.array();
        int captured = Math.min(frame.length, snaplen);
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(captured).putInt(frame.length);
        file.writeBytes(rec.array());
        file.write(frame, 0, captured);
    }

    Path write(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, file.toByteArray());
        return p;
    }

    /** The flows of a capture file, through CaptureFiles.open → PacketDecoder → FlowTracker, by stream number. */
    static List<TcpFlow> flows(Path capture) throws Exception {
        return TrackedFlows.of(capture);
    }
}

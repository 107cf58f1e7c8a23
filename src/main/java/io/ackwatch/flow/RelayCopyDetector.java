package io.ackwatch.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises, per direction of one connection, frames that a host on the LAN relayed: the same IP packet seen
 * a second time (same IP ID on IPv4, which has one; the same sequence and acknowledgement numbers, length, flags,
 * window and first and last payload bytes) shortly after the first, sent from the MAC the first was addressed to.
 * A router captured on two interfaces also shows each packet twice, but its copy leaves another interface (another
 * MAC) than the one the packet came to: that is two capture points, not a host on the path. ARP
 * spoofing and misconfigured bridges do this; a mirror port on the relay's LAN then sees every packet twice,
 * not next to each other, and Wireshark flags the copies as retransmissions, out-of-order segments and
 * duplicate ACKs. A retransmission by the sender itself has a new IP ID and the sender's own MAC. The TCP
 * checksum is no help: with checksum offload the sender's copy carries a partial one that the relay may fill in.
 *
 * <p>Allocated once per analysed connection of an Ethernet capture; per frame it writes one ring entry, and
 * searches the ring only once a direction has shown a second source MAC: nothing is allocated per frame.
 */
final class RelayCopyDetector {
    /**
     * Frames of one direction remembered: a relay that holds each frame for milliseconds sends its copy after a few
     * more of the sender's (at most 5 in s17); more would cost memory in every live connection (six longs per entry
     * and direction: 50,000 live connections must fit in a 256 MB heap, see ManyConnectionsTest).
     */
    static final int RING = 8;
    /** A relay forwards within milliseconds; a retransmission timer never fires this soon. */
    static final long WINDOW_NANOS = 50_000_000L;

    // per direction d (0: side A, 1: side B) the entries d * RING .. d * RING + RING - 1
    private final long[] seqAck = new long[2 * RING];
    private final long[] idWindowFlagsLen = new long[2 * RING];
    private final long[] payloadSamples = new long[2 * RING];
    private final long[] macs = new long[2 * RING];
    private final long[] destinations = new long[2 * RING];
    private final long[] times = new long[2 * RING];
    private final int[] next = new int[2];
    private final long[] firstMac = {-1, -1};
    private final boolean[] twoMacs = new boolean[2];

    // what was found, per direction
    private final int[] copies = new int[2];
    private final long[] relayMac = {-1, -1};
    private final long[] senderMac = {-1, -1};

    RelayCopyDetector() {
        Arrays.fill(macs, -1);
    }

    /** True when {@code p}, sent by side A when {@code fromA}, is a relayed copy of a frame seen before. */
    boolean isCopy(boolean fromA, Packet p) {
        long mac = p.srcMac;
        if (mac < 0) {
            return false;
        }
        int d = fromA ? 0 : 1;
        long key = p.seq << 32 | p.ack;
        long rest = (long) (p.ipId & 0xFFFF) << 48 | (long) (p.window & 0xFFFF) << 32
                | (long) (p.flags & 0xFFF) << 20 | (p.len & 0xFFFFF);
        long sample = payloadSample(p);
        if (firstMac[d] < 0) {
            firstMac[d] = mac;
        } else if (mac != firstMac[d]) {
            twoMacs[d] = true;
        }
        int base = d * RING;
        if (twoMacs[d]) {
            for (int k = 0; k < RING; k++) {
                int i = base + k;
                long age = p.now - times[i];
                if (seqAck[i] == key && idWindowFlagsLen[i] == rest && payloadSamples[i] == sample && macs[i] >= 0
                        && macs[i] != mac && destinations[i] == mac && age >= 0 && age <= WINDOW_NANOS) {
                    if (copies[d]++ == 0) {
                        relayMac[d] = mac;
                        senderMac[d] = macs[i];
                    }
                    macs[i] = -1; // one copy per frame: a third sighting is something else
                    return true;
                }
            }
        }
        int i = base + next[d];
        next[d] = next[d] == RING - 1 ? 0 : next[d] + 1;
        seqAck[i] = key;
        idWindowFlagsLen[i] = rest;
        payloadSamples[i] = sample;
        macs[i] = mac;
        destinations[i] = p.dstMac;
        times[i] = p.now;
        return false;
    }

    /**
     * The first and last four captured payload bytes: without an IP ID (IPv6) two segments with the same header
     * could still carry different bytes, and a full checksum of the payload would cost a pass over every byte.
     */
    private static long payloadSample(Packet p) {
        byte[] b = p.data;
        int n = p.capturedLen;
        if (b == null || n == 0) {
            return 0;
        }
        int o = p.dataOffset;
        int m = Math.min(n, 4);
        long sample = n;
        for (int k = 0; k < m; k++) {
            sample = sample << 8 | (b[o + k] & 0xFF);
            sample = sample << 8 | (b[o + n - 1 - k] & 0xFF);
        }
        return sample;
    }

    /** The relayed copies found, per direction (client's first), as the flow reports them. */
    List<RelayedCopies> found(boolean clientIsA) {
        List<RelayedCopies> out = new ArrayList<>(2);
        for (int side = 0; side < 2; side++) {
            boolean fromClient = side == 0;
            int d = fromClient == clientIsA ? 0 : 1;
            if (copies[d] > 0) {
                out.add(new RelayedCopies(fromClient, relayMac[d], senderMac[d], copies[d]));
            }
        }
        return out;
    }
}

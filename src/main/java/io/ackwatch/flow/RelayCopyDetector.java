package io.ackwatch.flow;

import java.util.ArrayList;
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

    /*
     * One array for the ring of both directions (one allocation per connection instead of six): entry i of
     * direction d is at (d * RING + i) * FIELDS, its fields at the offsets below.
     */
    private static final int SEQ_ACK = 0;
    private static final int ID_WINDOW_FLAGS_LEN = 1;
    private static final int PAYLOAD_SAMPLE = 2;
    private static final int MAC = 3;
    private static final int DESTINATION = 4;
    private static final int TIME = 5;
    private static final int FIELDS = 6;
    private final long[] ring = new long[2 * RING * FIELDS];
    private int nextA;
    private int nextB;
    private long firstMacA = -1;
    private long firstMacB = -1;
    private boolean twoMacsA;
    private boolean twoMacsB;

    // what was found, per direction
    private int copiesA;
    private int copiesB;
    private long relayMacA = -1;
    private long relayMacB = -1;
    private long senderMacA = -1;
    private long senderMacB = -1;

    RelayCopyDetector() {
        for (int e = 0; e < 2 * RING; e++) {
            ring[e * FIELDS + MAC] = -1;
        }
    }

    /** True when {@code p}, sent by side A when {@code fromA}, is a relayed copy of a frame seen before. */
    boolean isCopy(boolean fromA, Packet p) {
        long mac = p.srcMac;
        if (mac < 0) {
            return false;
        }
        long key = p.seq << 32 | p.ack;
        long rest = (long) (p.ipId & 0xFFFF) << 48 | (long) (p.window & 0xFFFF) << 32
                | (long) (p.flags & 0xFFF) << 20 | (p.len & 0xFFFFF);
        long sample = payloadSample(p);
        boolean twoMacs;
        if (fromA) {
            if (firstMacA < 0) {
                firstMacA = mac;
            } else if (mac != firstMacA) {
                twoMacsA = true;
            }
            twoMacs = twoMacsA;
        } else {
            if (firstMacB < 0) {
                firstMacB = mac;
            } else if (mac != firstMacB) {
                twoMacsB = true;
            }
            twoMacs = twoMacsB;
        }
        int base = fromA ? 0 : RING * FIELDS;
        if (twoMacs) {
            for (int k = 0; k < RING; k++) {
                int i = base + k * FIELDS;
                long age = p.now - ring[i + TIME];
                long seen = ring[i + MAC];
                if (ring[i + SEQ_ACK] == key && ring[i + ID_WINDOW_FLAGS_LEN] == rest
                        && ring[i + PAYLOAD_SAMPLE] == sample && seen >= 0 && seen != mac
                        && ring[i + DESTINATION] == mac && age >= 0 && age <= WINDOW_NANOS) {
                    found(fromA, mac, seen);
                    ring[i + MAC] = -1; // one copy per frame: a third sighting is something else
                    return true;
                }
            }
        }
        int slot;
        if (fromA) {
            slot = nextA;
            nextA = nextA == RING - 1 ? 0 : nextA + 1;
        } else {
            slot = nextB;
            nextB = nextB == RING - 1 ? 0 : nextB + 1;
        }
        int i = base + slot * FIELDS;
        ring[i + SEQ_ACK] = key;
        ring[i + ID_WINDOW_FLAGS_LEN] = rest;
        ring[i + PAYLOAD_SAMPLE] = sample;
        ring[i + MAC] = mac;
        ring[i + DESTINATION] = p.dstMac;
        ring[i + TIME] = p.now;
        return false;
    }

    private void found(boolean fromA, long relay, long sender) {
        if (fromA) {
            if (copiesA++ == 0) {
                relayMacA = relay;
                senderMacA = sender;
            }
        } else if (copiesB++ == 0) {
            relayMacB = relay;
            senderMacB = sender;
        }
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
        if (copiesA == 0 && copiesB == 0) {
            return List.of();
        }
        List<RelayedCopies> out = new ArrayList<>(2);
        for (int side = 0; side < 2; side++) {
            boolean fromClient = side == 0;
            boolean a = fromClient == clientIsA;
            int copies = a ? copiesA : copiesB;
            if (copies > 0) {
                out.add(new RelayedCopies(fromClient, a ? relayMacA : relayMacB, a ? senderMacA : senderMacB, copies));
            }
        }
        return out;
    }
}

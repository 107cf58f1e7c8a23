package io.ackwatch.flow;

import java.util.Locale;

/**
 * Frames of one direction of a connection that were seen twice because another host on the LAN relayed them
 * (see {@link RelayCopyDetector}): the second sighting of each is the copy.
 *
 * @param fromClient the direction: the client's frames, or the server's
 * @param relayMac source MAC of the copies (the relaying host), 48 bits
 * @param senderMac source MAC of the frames as first seen (the sender, or the router it came through)
 * @param frames copies seen
 */
public record RelayedCopies(boolean fromClient, long relayMac, long senderMac, int frames) {
    /** A MAC address as Wireshark writes it: {@code 02:99:00:01:00:66}. */
    public static String macText(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift < 40) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", (mac >>> shift) & 0xFF));
        }
        return sb.toString();
    }
}

package io.ackwatch.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP parameters a server announced in its first SYN-ACK, as tshark 4.0 shows them: what a vendor asks for
 * when a printer's stack misbehaves. Options the SYN-ACK did not carry (or carried malformed) are absent.
 *
 * @param mss MSS option value ({@code tcp.options.mss_val}), -1 when absent
 * @param window the window field as sent, unscaled ({@code tcp.window_size_value})
 * @param sackPermitted SACK-permitted option present ({@code tcp.options.sack_perm})
 * @param windowScale window-scale shift as sent ({@code tcp.options.wscale.shift}, may exceed 14), -1 when absent
 * @param timestamps timestamps option present ({@code tcp.options.timestamp.tsval})
 * @param tsval the timestamp value, unsigned 32 bit; 0 without {@code timestamps}
 * @param otherOptions kinds of the other options (not EOL, NOP, MSS, window scale, SACK-permitted, timestamps),
 *     ascending, each once
 */
public record SynAckOptions(int mss, int window, boolean sackPermitted, int windowScale, boolean timestamps,
        long tsval, List<Integer> otherOptions) {

    public SynAckOptions {
        otherOptions = List.copyOf(otherOptions);
    }

    /** The same parameters without the TSval, a clock reading that differs from connection to connection. */
    public SynAckOptions parameters() {
        return tsval == 0 ? this : new SynAckOptions(mss, window, sackPermitted, windowScale, timestamps, 0,
                otherOptions);
    }

    /** The SYN-ACK of the frame in {@code p} (allocates: once per connection, at its first SYN-ACK). */
    static SynAckOptions of(Packet p) {
        List<Integer> other = new ArrayList<>(0);
        long[] words = {p.otherOptions0, p.otherOptions1, p.otherOptions2, p.otherOptions3};
        for (int w = 0; w < words.length; w++) {
            for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                other.add(w * 64 + Long.numberOfTrailingZeros(bits));
            }
        }
        return new SynAckOptions(p.mss, p.window, p.sackPermitted, p.windowScale, p.tsval >= 0, Math.max(p.tsval, 0),
                other);
    }
}

package io.ackwatch.decode;

import static io.ackwatch.decode.Bytes.u16;
import static io.ackwatch.decode.Bytes.u32;
import static io.ackwatch.decode.Bytes.u8;

/** Reads a TCP header into a {@link TcpSegment} with the rules tshark 4.0 applies to stream membership. */
final class TcpHeaderReader {
    /** Bytes tshark must read before it assigns a stream: ports, seq, ack, offset/flags, window. */
    static final int STREAM_MIN_BYTES = 16;
    static final int MIN_HEADER = 20;

    private TcpHeaderReader() {}

    /**
     * Fills {@code s} from the header at {@code p}; {@code cap} and {@code rep} end the captured and the
     * reported bytes of the IP payload.
     *
     * @param quoted the header is quoted inside an ICMP error
     * @param lengthKnowable false where Wireshark computes no segment length (quotes, unreassembled first
     *     fragments)
     * @return {@link DecodeStatus#TCP}, or {@link DecodeStatus#MALFORMED} with fewer than 16 bytes
     */
    static DecodeStatus read(byte[] b, int p, int cap, int rep, boolean quoted, boolean lengthKnowable,
            TcpSegment s) {
        int captured = cap - p;
        if (captured < STREAM_MIN_BYTES) {
            return DecodeStatus.MALFORMED;
        }
        s.srcPort = u16(b, p);
        s.dstPort = u16(b, p + 2);
        s.seq = u32(b, p + 4);
        s.ack = u32(b, p + 8);
        s.flags = u16(b, p + 12) & 0x0FFF;
        s.window = u16(b, p + 14);
        int headerLength = (u8(b, p + 12) >> 4) * 4;
        s.headerLength = headerLength;
        s.icmpQuoted = quoted;
        int reported = rep - p;
        boolean bogusLength = headerLength < MIN_HEADER;
        s.headerTruncated = bogusLength || captured < headerLength || reported < headerLength;
        s.data = b;
        if (lengthKnowable && headerLength <= reported) {
            // tshark's tcp.len, even for a bogus header length below 20 (it subtracts what the field says)
            s.payloadLength = reported - headerLength;
            s.lengthKnown = true;
        }
        if (lengthKnowable && !bogusLength) {
            int start = Math.min(p + headerLength, cap);
            s.payloadOffset = start;
            s.capturedPayloadLength = cap - start;
        } else {
            s.payloadOffset = Math.min(p + MIN_HEADER, cap);
        }
        if (headerLength > MIN_HEADER) {
            options(b, p + MIN_HEADER, p + headerLength, cap, (s.flags & TcpSegment.SYN) != 0, s);
        }
        return DecodeStatus.TCP;
    }

    /**
     * The options in {@code [q, headerEnd)} as tshark 4.0 dissects them: all of them on a SYN or SYN-ACK; on other
     * segments the window scale, because Wireshark applies a window-scale option from any segment to its window
     * analysis (checked with tshark 4.0.17), and the timestamps, whose echo tells which copy of a segment an ACK
     * answers (RFC 7323, RFC 3522); nothing else of the options is used after the handshake.
     * The list ends at EOL, at a length below 2, at an option running past the header, and where the capture
     * (snaplen or IP length, {@code capEnd}) ends; an option whose value lies beyond the capture counts as sent
     * but gives no value, as tshark adds the kind before it reads the value. A known option with the wrong length
     * gives no value either (SACK-permitted excepted: tshark shows it whatever its length).
     */
    private static void options(byte[] b, int q, int headerEnd, int capEnd, boolean syn, TcpSegment s) {
        while (q < headerEnd && q < capEnd) {
            int kind = u8(b, q);
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                q++;
                continue;
            }
            if (q + 1 >= headerEnd || q + 1 >= capEnd) {
                return;
            }
            int length = u8(b, q + 1);
            int next = q + length;
            if (length < 2 || next > headerEnd) {
                return;
            }
            if (kind == 3) {
                if (length == 3 && q + 3 <= capEnd) {
                    s.windowScale = u8(b, q + 2);
                }
            } else if (kind == 8) {
                if (length == 10 && q + 6 <= capEnd) {
                    s.tsval = u32(b, q + 2);
                    s.tsecr = q + 10 <= capEnd ? u32(b, q + 6) : -1;
                }
            } else if (syn) {
                synOption(b, q, kind, length, capEnd, s);
            }
            if (next > capEnd) {
                return;
            }
            q = next;
        }
    }

    /** One option of a SYN other than EOL, NOP, window scale and timestamps; its framing was checked. */
    private static void synOption(byte[] b, int q, int kind, int length, int capEnd, TcpSegment s) {
        if (kind == 2) {
            if (length == 4 && q + 4 <= capEnd) {
                s.mss = u16(b, q + 2);
            }
        } else if (kind == 4) {
            s.sackPermitted = true;
        } else {
            s.addOtherOption(kind);
        }
    }
}

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
            options(b, p + MIN_HEADER, Math.min(p + headerLength, cap), s);
        }
        return DecodeStatus.TCP;
    }

    /** MSS, window scale, SACK-permitted and timestamps; stops at the first malformed option length. */
    private static void options(byte[] b, int q, int end, TcpSegment s) {
        while (q < end) {
            int kind = u8(b, q);
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                q++;
                continue;
            }
            if (q + 1 >= end) {
                return;
            }
            int length = u8(b, q + 1);
            if (length < 2 || q + length > end) {
                return;
            }
            if (kind == 2 && length == 4) {
                s.mss = u16(b, q + 2);
            } else if (kind == 3 && length == 3) {
                s.windowScale = u8(b, q + 2);
            } else if (kind == 4 && length == 2) {
                s.sackPermitted = true;
            } else if (kind == 8 && length == 10) {
                s.timestamps = true;
            }
            q += length;
        }
    }
}

package io.ackwatch.flow;

import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.TcpSegment;

/**
 * The fields of one TCP frame that the tracker reads, copied once per frame into the tracker's single
 * instance. The tracker's steps take this one reference instead of two dozen primitives: with C1 (the only
 * compiler the launcher runs) every parameter beyond the first few is passed on the stack, and the
 * per-packet steps used to hand twenty of them on from method to method.
 */
final class Packet {
    /** Header completeness as Wireshark's dissect_tcp reacts to it. */
    static final int HEADER_COMPLETE = 0;
    /** Fewer header bytes than the data offset says (snaplen or IP length): option dissection stops early. */
    static final int HEADER_CUT = 1;
    /** Data offset below 20 bytes: Wireshark stops right after the sequence analysis. */
    static final int HEADER_BOGUS = 2;
    /**
     * The IP length ends inside the TCP header ("short segment"): Wireshark has no segment length and skips the
     * sequence analysis. Told apart from a snaplen cut only when the frame itself was captured whole.
     */
    static final int HEADER_SHORT = 3;

    long frame;
    long now;
    int ipVersion;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int flags;
    int window;
    /** {@code tcp.len}. */
    int len;
    int capturedLen;
    byte[] data;
    int dataOffset;
    int ttl;
    /** IPv4 identification, -1 for IPv6. */
    int ipId;
    /** Source and destination MAC of the frame's Ethernet header, -1 on other link types. */
    long srcMac;
    long dstMac;
    int mss;
    int windowScale;
    boolean sackPermitted;
    /** TSval, -1 without a timestamps option (read from every segment, as the window scale). */
    long tsval;
    /** TSecr, -1 without a timestamps option. */
    long tsecr;
    long otherOptions0;
    long otherOptions1;
    long otherOptions2;
    long otherOptions3;
    boolean icmpQuoted;
    int header;
    /** {@link Oddity} bits of the segment. */
    int oddities;

    void set(PacketRecord record, TcpSegment segment) {
        frame = record.frame();
        now = record.timestampNanos();
        ipVersion = segment.ipVersion();
        srcHi = segment.srcHi();
        srcLo = segment.srcLo();
        dstHi = segment.dstHi();
        dstLo = segment.dstLo();
        srcPort = segment.srcPort();
        dstPort = segment.dstPort();
        seq = segment.seq();
        ack = segment.ack();
        flags = segment.flags();
        window = segment.window();
        len = segment.payloadLength();
        capturedLen = segment.capturedPayloadLength();
        data = segment.data();
        dataOffset = segment.payloadOffset();
        ttl = segment.ttl();
        ipId = segment.ipId();
        srcMac = segment.srcMac();
        dstMac = segment.dstMac();
        mss = segment.mss();
        windowScale = segment.windowScale();
        sackPermitted = segment.sackPermitted();
        tsval = segment.tsval();
        tsecr = segment.tsecr();
        otherOptions0 = segment.otherOptions(0);
        otherOptions1 = segment.otherOptions(1);
        otherOptions2 = segment.otherOptions(2);
        otherOptions3 = segment.otherOptions(3);
        icmpQuoted = segment.icmpQuoted();
        // a quoted header is not a segment on the wire; one whose data offset is below 5 shows no flags in Wireshark
        oddities = icmpQuoted || segment.headerLength() < 20 ? 0 : Oddity.of(segment);
        // written out here rather than in a helper method, which C1 would not inline
        if (segment.headerLength() < 20) {
            header = HEADER_BOGUS;
        } else if (!segment.headerTruncated()) {
            header = HEADER_COMPLETE;
        } else {
            header = record.capturedLength() >= record.originalLength() ? HEADER_SHORT : HEADER_CUT;
        }
    }
}

package io.ackwatch.flow;

/**
 * A bounded sample of one direction's reassembled byte stream (sequence order, retransmissions and
 * overlaps resolved), enough for the print-job readers: the first bytes and the last bytes.
 *
 * @param head the first {@code head.length} bytes of the stream (stops at the first gap)
 * @param tail the last bytes of the stream, starting at stream offset {@code tailOffset}; empty when the
 *     stream is no longer than the head
 * @param tailOffset stream offset of {@code tail[0]}
 * @param length bytes of the stream seen in sequence space (highest sequence end − initial sequence)
 * @param firstGapOffset stream offset of the first byte that was never captured, -1 when no gap
 */
public record ByteStreamSample(byte[] head, byte[] tail, long tailOffset, long length, long firstGapOffset) {

    public static final ByteStreamSample EMPTY = new ByteStreamSample(new byte[0], new byte[0], 0, 0, -1);
}

package io.ackwatch.flow;

/**
 * Reassembles one direction of a connection into a bounded {@link ByteStreamSample}: the first
 * {@code headBytes} in sequence order (retransmissions and overlaps resolved, stopping at the first gap)
 * and the last {@code tailBytes}. Memory stays bounded whatever the job size.
 */
public final class StreamAssembler {
    private final int headBytes;
    private final int tailBytes;

    public StreamAssembler(int headBytes, int tailBytes) {
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
    }

    /**
     * Adds one segment's payload.
     *
     * @param relSeq stream offset of the first payload byte (relative sequence number minus 1 after a SYN,
     *     i.e. 0 for the first data byte)
     * @param data backing array
     * @param offset first payload byte in {@code data}
     * @param capturedLength payload bytes present in the frame
     * @param payloadLength {@code tcp.len} (bytes beyond {@code capturedLength} were cut by the snaplen and
     *     count as a gap)
     */
    public void add(long relSeq, byte[] data, int offset, int capturedLength, int payloadLength) {
        // implemented in the job work
    }

    public ByteStreamSample sample() {
        return ByteStreamSample.EMPTY;
    }
}

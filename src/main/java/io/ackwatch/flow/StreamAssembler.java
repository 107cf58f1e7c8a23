package io.ackwatch.flow;

import java.util.Arrays;

/**
 * Reassembles one direction of a connection into a bounded {@link ByteStreamSample}: the first
 * {@code headBytes} in sequence order (retransmissions and overlaps resolved, stopping at the first gap)
 * and the last {@code tailBytes}. Memory stays bounded whatever the job size.
 *
 * <p>How it stays bounded: every captured byte below {@code headBytes} is written straight to its place in
 * the head buffer, in order or not, so the head buffer doubles as the out-of-order buffer for the head.
 * Bytes at or beyond {@code headBytes} go to a ring of {@code tailBytes} indexed by stream offset. What was
 * captured beyond the contiguous prefix is remembered as a small sorted list of ranges, which tells where
 * the first gap is and where the run of bytes ending the stream starts. Buffers are allocated lazily and
 * the head buffer grows by doubling while small, so short connections cost little, unless a full-size one that
 * a closed connection gave back is free; nothing is allocated per segment once they reach their bound.
 */
public final class StreamAssembler {
    private static final byte[] NONE = new byte[0];
    private static final long[] NO_RANGES = new long[0];
    /** First head buffer: a printer's replies and many short jobs never need more; longer streams double it. */
    private static final int INITIAL_HEAD = 64;
    /**
     * Past this size the head buffer goes straight to {@code headBytes}: a stream this long is usually a job
     * that fills the whole head, and one buffer of the final size is then allocated once (or recycled) and handed
     * to the sample without a copy (doubling all the way cost two head sizes of zeroed allocation plus a head of
     * copying per job, and the sample another copy). Below it, the answers of short connections (a web server's
     * few KB, with {@code --all-flows}) fit without a full head each: at 2,000 connections a second those were
     * most of the allocation.
     */
    private static final int FULL_HEAD_FROM = 8192;
    /** Captured ranges remembered beyond the contiguous prefix; reordering rarely needs more than a few. */
    static final int MAX_RANGES = 256;

    private final int headBytes;
    private final int tailBytes;
    /** {@code tailBytes - 1} when it is a power of two, else -1. */
    private final int ringMask;
    /** Source of full-size head buffers and tail rings, null for plain allocation. */
    private final Recycler recycler;

    private byte[] head = NONE;
    private byte[] ring = NONE;
    /** The head buffer went to a sample as it is (see {@link #sample()}): it must not be recycled. */
    private boolean headShared;

    /** Bytes [0, contiguousEnd) were all captured. */
    private long contiguousEnd;
    /** Highest end offset in sequence space, snaplen-cut bytes included. */
    private long length;
    /** Highest end offset of captured bytes. */
    private long capturedEnd;

    /** Sorted, disjoint, non-adjacent captured ranges above contiguousEnd; one spare slot for inserts. */
    private long[] rangeStart = NO_RANGES;
    private long[] rangeEnd = NO_RANGES;
    private int ranges;

    public StreamAssembler(int headBytes, int tailBytes) {
        this(headBytes, tailBytes, null);
    }

    /** An assembler that takes its full-size buffers from {@code recycler} when it has some (see {@link #recycle}). */
    StreamAssembler(int headBytes, int tailBytes, Recycler recycler) {
        this.headBytes = Math.max(0, headBytes);
        this.tailBytes = Math.max(0, tailBytes);
        this.ringMask = Integer.bitCount(this.tailBytes) == 1 ? this.tailBytes - 1 : -1;
        this.recycler = recycler;
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
        int available = data == null || offset < 0 || offset > data.length ? 0 : data.length - offset;
        int captured = Math.max(0, Math.min(capturedLength, available));
        if (captured == 0 && payloadLength <= 0) {
            return; // no payload: a bare ACK, FIN or RST says nothing about the byte stream
        }
        long declaredEnd = relSeq + Math.max(captured, payloadLength);
        if (declaredEnd > length) {
            length = declaredEnd;
        }
        long start = relSeq;
        long end = relSeq + captured;
        int from = offset;
        if (start < 0) {
            // bytes before the first data byte (e.g. a mid-stream base that was guessed too high): not ours
            if (end <= 0) {
                return;
            }
            from += (int) -start;
            start = 0;
        }
        if (end <= start) {
            return;
        }
        storeHead(start, end, data, from);
        if (end > capturedEnd) {
            capturedEnd = end;
        }
        storeTail(start, end, data, from);
        markCaptured(start, end);
    }

    /** The head, tail, length and first gap of what was added so far. */
    public ByteStreamSample sample() {
        int headLength = (int) Math.min(contiguousEnd, headBytes);
        // A head buffer filled to its end holds only bytes below contiguousEnd, which are never written again
        // (the first copy wins), so the sample can share it instead of copying it.
        byte[] headOut;
        if (head.length == headLength) {
            headOut = head;
            headShared = true;
        } else {
            headOut = Arrays.copyOf(head, headLength);
        }
        long firstGap = contiguousEnd < length ? contiguousEnd : -1;
        if (contiguousEnd >= length && headLength >= length) {
            return new ByteStreamSample(headOut, NONE, 0, length, firstGap);
        }
        long runStart = tailRunStart();
        long tailFrom = Math.max(runStart, Math.max(0, capturedEnd - tailBytes));
        int tailLength = (int) Math.max(0, capturedEnd - tailFrom);
        byte[] tailOut = new byte[tailLength];
        copyOut(tailFrom, tailOut);
        return new ByteStreamSample(headOut, tailOut, tailLength == 0 ? 0 : tailFrom, length, firstGap);
    }

    /**
     * Gives the buffers to the recycler for a later stream, unless a sample shares them. The assembler is
     * finished then: it must not be used again (it fails if it is); samples taken before stay valid.
     */
    void recycle() {
        if (recycler != null) {
            if (!headShared) {
                recycler.giveHead(head);
            }
            recycler.giveRing(ring);
        }
        head = null;
        ring = null;
    }

    // ---- head ----

    private void storeHead(long start, long end, byte[] data, int from) {
        // bytes below contiguousEnd are already there: the first copy wins, as in Wireshark's reassembly
        long writeFrom = Math.max(start, contiguousEnd);
        long writeTo = Math.min(end, headBytes);
        if (writeFrom >= writeTo) {
            return;
        }
        ensureHead((int) writeTo);
        System.arraycopy(data, from + (int) (writeFrom - start), head, (int) writeFrom, (int) (writeTo - writeFrom));
    }

    private void ensureHead(int needed) {
        if (needed <= head.length) {
            return;
        }
        if (head.length == 0 && recycler != null) {
            // a full-size head a closed connection gave back costs nothing, where growing one allocates and copies
            byte[] reused = recycler.head();
            if (reused != null) {
                head = reused;
                return;
            }
        }
        int size = Math.max(head.length, Math.min(INITIAL_HEAD, headBytes));
        while (size < needed) {
            size = size >= FULL_HEAD_FROM ? headBytes : (int) Math.min((long) size * 2, headBytes);
        }
        byte[] reused = size == headBytes && recycler != null ? recycler.head() : null;
        if (reused == null) {
            head = Arrays.copyOf(head, size);
        } else {
            System.arraycopy(head, 0, reused, 0, head.length);
            head = reused;
        }
    }

    // ---- tail ----

    private void storeTail(long start, long end, byte[] data, int from) {
        if (tailBytes == 0) {
            return;
        }
        // the ring holds only what the head buffer cannot: offsets at or beyond headBytes, in the tail window
        long writeFrom = Math.max(start, Math.max(headBytes, capturedEnd - tailBytes));
        if (writeFrom >= end) {
            return;
        }
        if (ring.length == 0) {
            byte[] reused = recycler == null ? null : recycler.ring();
            ring = reused != null ? reused : new byte[tailBytes];
        }
        int src = from + (int) (writeFrom - start);
        int remaining = (int) (end - writeFrom);
        int slot = ringSlot(writeFrom);
        while (remaining > 0) {
            int n = Math.min(remaining, tailBytes - slot);
            System.arraycopy(data, src, ring, slot, n);
            src += n;
            remaining -= n;
            slot = 0;
        }
    }

    /** Position of a stream offset in the ring; a mask when the ring size allows (a long division is slow). */
    private int ringSlot(long offset) {
        return ringMask >= 0 ? (int) (offset & ringMask) : (int) (offset % tailBytes);
    }

    /** Copies stream bytes from {@code offset} on into {@code out}: head part, then ring runs, in bulk. */
    private void copyOut(long offset, byte[] out) {
        int done = 0;
        if (offset < headBytes) {
            int n = (int) Math.min(out.length, headBytes - offset);
            int available = (int) Math.max(0, Math.min(n, head.length - offset));
            System.arraycopy(head, (int) offset, out, 0, available);
            // Never short in fact: the bytes asked for are captured ones, and every captured byte below headBytes
            // was stored (so the buffer reaches past them, and a recycled buffer shows none of its old bytes).
            done = n;
        }
        while (done < out.length) {
            int slot = ringSlot(offset + done);
            int n = Math.min(out.length - done, tailBytes - slot);
            System.arraycopy(ring, slot, out, done, n);
            done += n;
        }
    }

    /** Start of the captured run that ends at capturedEnd. */
    private long tailRunStart() {
        if (ranges == 0) {
            return 0;
        }
        return rangeEnd[ranges - 1] == capturedEnd ? rangeStart[ranges - 1] : capturedEnd;
    }

    // ---- captured ranges ----

    private void markCaptured(long start, long end) {
        if (end <= contiguousEnd) {
            return;
        }
        if (start <= contiguousEnd) {
            contiguousEnd = end;
            absorbRanges();
        } else {
            insertRange(start, end);
        }
    }

    private void absorbRanges() {
        int absorbed = 0;
        while (absorbed < ranges && rangeStart[absorbed] <= contiguousEnd) {
            contiguousEnd = Math.max(contiguousEnd, rangeEnd[absorbed]);
            absorbed++;
        }
        if (absorbed > 0) {
            System.arraycopy(rangeStart, absorbed, rangeStart, 0, ranges - absorbed);
            System.arraycopy(rangeEnd, absorbed, rangeEnd, 0, ranges - absorbed);
            ranges -= absorbed;
        }
    }

    private void insertRange(long start, long end) {
        int first = 0;
        while (first < ranges && rangeEnd[first] < start) {
            first++;
        }
        int last = first;
        while (last < ranges && rangeStart[last] <= end) {
            last++;
        }
        // ranges [first, last) touch [start, end]: they collapse into one
        long mergedStart = first < last ? Math.min(start, rangeStart[first]) : start;
        long mergedEnd = first < last ? Math.max(end, rangeEnd[last - 1]) : end;
        int removed = last - first;
        if (removed == 0) {
            ensureRanges();
            System.arraycopy(rangeStart, first, rangeStart, first + 1, ranges - first);
            System.arraycopy(rangeEnd, first, rangeEnd, first + 1, ranges - first);
            ranges++;
        } else if (removed > 1) {
            System.arraycopy(rangeStart, last, rangeStart, first + 1, ranges - last);
            System.arraycopy(rangeEnd, last, rangeEnd, first + 1, ranges - last);
            ranges -= removed - 1;
        }
        rangeStart[first] = mergedStart;
        rangeEnd[first] = mergedEnd;
        if (ranges > MAX_RANGES) {
            // Forget the second-highest range: the lowest ranges place the first gap and the highest one
            // places the tail. Forgetting only ever makes a gap look longer, never invents bytes.
            int drop = ranges - 2;
            rangeStart[drop] = rangeStart[drop + 1];
            rangeEnd[drop] = rangeEnd[drop + 1];
            ranges--;
        }
    }

    private void ensureRanges() {
        if (ranges < rangeStart.length) {
            return;
        }
        int size = Math.min(MAX_RANGES + 1, Math.max(8, rangeStart.length * 2));
        rangeStart = Arrays.copyOf(rangeStart, size);
        rangeEnd = Arrays.copyOf(rangeEnd, size);
    }
}

package io.ackwatch.job;

import io.ackwatch.flow.ByteStreamSample;
import java.util.Arrays;
import java.util.List;

/**
 * One direction's byte-stream sample seen by absolute stream offset: the head and the tail as at most two
 * runs of known bytes (merged into one when they touch). Every read is bounds-checked and answers -1 for a
 * byte that was not kept, so parsers built on it cannot index out of range.
 */
final class StreamView {
    static final StreamView EMPTY = new StreamView(List.of(), 0, -1);

    /** Known bytes starting at stream offset {@code start}. */
    record Run(long start, byte[] bytes) {
        long end() {
            return start + bytes.length;
        }

        boolean contains(long offset) {
            return offset >= start && offset < end();
        }
    }

    private final List<Run> runs;
    private final long length;
    private final long firstGap;

    private StreamView(List<Run> runs, long length, long firstGap) {
        this.runs = runs;
        this.length = length;
        this.firstGap = firstGap;
    }

    static StreamView of(ByteStreamSample sample) {
        if (sample == null) {
            return EMPTY;
        }
        byte[] head = sample.head() == null ? new byte[0] : sample.head();
        byte[] tail = sample.tail() == null ? new byte[0] : sample.tail();
        long tailStart = sample.tailOffset();
        long length = Math.max(sample.length(), Math.max(head.length, tail.length == 0 ? 0 : tailStart + tail.length));
        if (tail.length == 0 || tailStart < 0 || tailStart + tail.length <= head.length) {
            return new StreamView(head.length == 0 ? List.of() : List.of(new Run(0, head)), length, sample.firstGapOffset());
        }
        if (tailStart <= head.length) {
            int skip = (int) (head.length - tailStart);
            byte[] merged = new byte[head.length + tail.length - skip];
            System.arraycopy(head, 0, merged, 0, head.length);
            System.arraycopy(tail, skip, merged, head.length, tail.length - skip);
            return new StreamView(List.of(new Run(0, merged)), length, sample.firstGapOffset());
        }
        List<Run> both = head.length == 0 ? List.of(new Run(tailStart, tail))
                : List.of(new Run(0, head), new Run(tailStart, tail));
        return new StreamView(both, length, sample.firstGapOffset());
    }

    /** A view of bytes known from offset 0 (e.g. a file carried inside another protocol). */
    static StreamView ofBytes(byte[] bytes, long length) {
        return new StreamView(bytes.length == 0 ? List.of() : List.of(new Run(0, bytes)),
                Math.max(length, bytes.length), bytes.length < length ? bytes.length : -1);
    }

    /**
     * The bytes of the line starting at {@code offset}, without its LF, or null when no LF is found within
     * {@code max} kept bytes.
     */
    byte[] lineAt(long offset, int max) {
        Run r = runAt(offset);
        if (r == null) {
            return null;
        }
        byte[] b = r.bytes();
        int from = (int) (offset - r.start());
        int lf = Text.lineFeed(b, from, from + max);
        return lf < 0 ? null : Arrays.copyOfRange(b, from, lf);
    }

    /** Up to {@code max} kept bytes from {@code offset} within one run (fewer when the run ends first). */
    byte[] bytesAt(long offset, int max) {
        Run r = runAt(offset);
        if (r == null || max <= 0) {
            return new byte[0];
        }
        int from = (int) (offset - r.start());
        return Arrays.copyOfRange(r.bytes(), from, (int) Math.min(r.bytes().length, (long) from + max));
    }

    /** Stream length in sequence space. */
    long length() {
        return length;
    }

    long firstGap() {
        return firstGap;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The bytes from stream offset 0, empty when the start was not kept. */
    byte[] head() {
        return !runs.isEmpty() && runs.get(0).start() == 0 ? runs.get(0).bytes() : new byte[0];
    }

    /** The run that ends where the stream ends, or null when the last bytes were not kept. */
    Run endRun() {
        if (runs.isEmpty()) {
            return null;
        }
        Run last = runs.get(runs.size() - 1);
        return last.end() == length ? last : null;
    }

    List<Run> runs() {
        return runs;
    }

    /** The run holding {@code offset}, or null. */
    Run runAt(long offset) {
        for (Run r : runs) {
            if (r.contains(offset)) {
                return r;
            }
        }
        return null;
    }

    /** The byte at {@code offset} (0..255), or -1 when it was not kept. */
    int byteAt(long offset) {
        Run r = runAt(offset);
        return r == null ? -1 : r.bytes()[(int) (offset - r.start())] & 0xff;
    }
}

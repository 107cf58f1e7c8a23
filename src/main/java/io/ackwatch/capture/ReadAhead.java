package io.ackwatch.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a capture stream on its own thread, a chunk ahead of the parser. The copy out of the page cache (and,
 * for compressed files, the decompression) then runs beside parsing instead of in series with it: on the 5 M
 * packet benchmark that was about 0.7 s of the reading thread, which is the critical path of an analysis.
 *
 * <p>A fixed set of arrays circulates between the two threads: the reader fills an array's body and hands it
 * over; the parser takes it as its window and gives the previous one back. Each array has {@link #HEADROOM}
 * free bytes before its body, where the parser puts the unread end of its previous window (the start of a
 * record cut by the chunk boundary), so a record is contiguous without copying the chunk. What the stream
 * does at its end (clean end, cut-off compressed data, a read error) travels with the last chunk, so the
 * parser sees it only after the bytes before it.
 */
final class ReadAhead implements AutoCloseable {
    /** Room for the unread end of the previous window: a record header and a whole largest record. */
    static final int HEADROOM = StreamReader.MAX_CAPLEN + 64;
    /** Bytes read per chunk; with {@link #ARRAYS} arrays in flight a file costs ~5 MB while it is read. */
    static final int CHUNK = 1 << 20;
    private static final int ARRAYS = 4;

    /** The source below: one read into {@code buf}, -1 at its end; how a failure ends the stream is its call. */
    interface Source {
        int read(byte[] buf, int off, int len) throws IOException;

        /** What a failure of {@link #read} means: the stream's end state after it. */
        End failed(Exception e);
    }

    /** How the stream ended; {@code failure} set for {@link Kind#FAILED} and {@link Kind#READ_ERROR}. */
    record End(Kind kind, IOException failure) {
        static final End CLEAN = new End(Kind.CLEAN, null);
        static final End CUT = new End(Kind.CUT, null);

        enum Kind {
            /** At a clean end of the stream. */
            CLEAN,
            /** Compressed data cut off: the bytes before still count, the reader reports the cut. */
            CUT,
            /** Compressed data that cannot be decompressed, reported once the good bytes before it are used. */
            FAILED,
            /** The file itself could not be read (an I/O error): the reader fails when it needs more bytes. */
            READ_ERROR
        }
    }

    /**
     * A filled array: body bytes {@code [HEADROOM, HEADROOM + length)}; {@code end} non-null on the last one.
     * {@code rawBytes} counts the raw (compressed) bytes read when it was filled, for progress.
     */
    record Chunk(byte[] data, int length, End end, long rawBytes) {}

    private final Source source;
    private final RawCounter counter;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(ARRAYS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(ARRAYS);
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;
    /** Arrays made so far, by the reading thread (so the parser's thread allocates nothing for them). */
    private int arrays;

    /** Counts raw bytes under a decompressor (or the plain read position), for {@link Chunk#rawBytes}. */
    interface RawCounter {
        long count();
    }

    ReadAhead(Source source, RawCounter counter) {
        this.source = source;
        this.counter = counter;
        thread = new Thread(this::run, "ackwatch-read");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk, waiting for it; after the last one (non-null {@code end}) it must not be called. */
    Chunk next() throws IOException {
        if (ended) {
            throw new IllegalStateException("read past the end of the stream");
        }
        try {
            Chunk c = filled.take();
            ended = c.end() != null;
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the capture");
        }
    }

    /** Gives back an array taken from a chunk, once nothing points into it any more. */
    void recycle(byte[] array) {
        if (array.length == HEADROOM + CHUNK) {
            free.offer(array);
        }
    }

    private void run() {
        try {
            while (!closed) {
                byte[] a = free.poll();
                if (a == null && arrays < ARRAYS) {
                    a = new byte[HEADROOM + CHUNK];
                    arrays++;
                } else if (a == null) {
                    a = free.take();
                }
                int n = 0;
                End end = null;
                while (n < CHUNK && end == null) {
                    try {
                        int got = source.read(a, HEADROOM + n, CHUNK - n);
                        if (got < 0) {
                            end = End.CLEAN;
                        } else {
                            n += got;
                        }
                    } catch (IOException | RuntimeException e) {
                        end = closed ? End.CLEAN : source.failed(e);
                    }
                }
                filled.put(new Chunk(a, n, end, counter.count()));
                if (end != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting: the parser is gone
        }
    }

    /** Stops the thread; the caller closes the source (which ends a read in progress). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

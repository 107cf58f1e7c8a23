package io.ackwatch.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.ZipException;

/**
 * A sliding window over the (decompressed) capture stream. Readers parse records in place in {@link #buf}
 * between {@link #pos} and {@link #limit}; {@link #ensure(int)} brings more bytes, so nothing is allocated per
 * record. The first {@link #WINDOW} bytes are read on the caller's thread (opening, sniffing and small files need
 * no more); after that a {@link ReadAhead} thread reads chunk by chunk and the window moves from one chunk
 * array to the next. A record larger than what a window can hold is joined into a larger array.
 */
final class ByteSource implements AutoCloseable {
    static final int WINDOW = 1 << 20;

    /** Readable window; valid bytes are {@code [pos, limit)}. */
    byte[] buf;
    int pos;
    int limit;

    private final ReadAhead.Source source;
    private final AutoCloseable underlying;
    private final CountingInputStream counted;
    private ReadAhead ahead;
    /** Stream offset of {@code buf[0]}. */
    private long bufStart;
    /** Bytes of the stream read so far (decides when reading ahead starts). */
    private long read;
    /** Raw bytes read by the time the current chunk was filled (compressed sources, read ahead). */
    private long rawRead;
    private boolean eof;
    private boolean endedEarly;
    private IOException pendingFailure;
    /** A read error of a plain file, thrown once the bytes read before it are used up. */
    private IOException readError;

    private ByteSource(ReadAhead.Source source, AutoCloseable underlying, CountingInputStream counted) {
        this.source = source;
        this.underlying = underlying;
        this.counted = counted;
        this.buf = new byte[WINDOW];
    }

    static ByteSource ofChannel(FileChannel channel) {
        return new ByteSource(new ChannelSource(channel), channel, null);
    }

    /**
     * A decompressing source. {@code counted} is the raw file stream under the decompressor, for
     * {@link #bytesConsumed()}.
     */
    static ByteSource ofStream(InputStream decompressed, CountingInputStream counted, long compressedSize) {
        return new ByteSource(new DecompressingSource(decompressed, counted, compressedSize), decompressed, counted);
    }

    /** Offset of {@code buf[pos]} in the (decompressed) stream. */
    long offset() {
        return bufStart + pos;
    }

    int available() {
        return limit - pos;
    }

    /** Raw file bytes consumed: read position for plain files, compressed bytes read for compressed ones. */
    long bytesConsumed() {
        if (counted == null) {
            return offset();
        }
        return ahead != null ? rawRead : counted.count();
    }

    /**
     * True when the compressed stream stopped in the middle (its end was cut off) rather than at a clean
     * end; the decompressed bytes before that point are still delivered.
     */
    boolean endedEarly() {
        return endedEarly;
    }

    /** A decompression failure that ended the stream, to be reported once its good bytes are used up. */
    IOException pendingFailure() {
        return pendingFailure;
    }

    /**
     * Makes at least {@code n} bytes available at {@code pos}, reading more as needed. Moves the window, so
     * offsets into {@link #buf} taken before this call are invalid afterwards.
     *
     * @return false when the stream ends first (then {@link #available()} bytes remain)
     */
    boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            more(n);
        }
        return true;
    }

    /** Consumes {@code n} bytes. @return false when the stream ended before all of them were skipped. */
    boolean skip(long n) throws IOException {
        long left = n;
        while (true) {
            int have = limit - pos;
            if (have >= left) {
                pos += (int) left;
                return true;
            }
            left -= have;
            pos = limit;
            if (eof) {
                return false;
            }
            more(1);
        }
    }

    /** Brings more of the stream into the window, keeping {@code [pos, limit)}; {@code n} bytes are wanted. */
    private void more(int n) throws IOException {
        if (readError != null) {
            throw readError;
        }
        if (ahead == null && read < WINDOW) {
            readHere(n);
            return;
        }
        if (ahead == null) {
            ahead = new ReadAhead(source, counted == null ? () -> 0 : counted::count);
        }
        ReadAhead.Chunk c = ahead.next();
        take(c);
        rawRead = c.rawBytes();
        if (c.end() != null) {
            end(c.end());
        }
    }

    /** One read on this thread, into the window (moved or grown when {@code n} bytes would not fit). */
    private void readHere(int n) throws IOException {
        if (pos + n > buf.length && pos > 0) {
            int have = limit - pos;
            System.arraycopy(buf, pos, buf, 0, have);
            bufStart += pos;
            pos = 0;
            limit = have;
        }
        if (limit == buf.length) {
            // one record larger than the window: grow step by step, so that a bogus length in a damaged file
            // costs at most twice the bytes that are really there
            byte[] bigger = new byte[(int) Math.min(Math.max(n, 2L * buf.length), Integer.MAX_VALUE - 16)];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            bufStart += pos;
            limit -= pos;
            pos = 0;
            buf = bigger;
        }
        int got;
        try {
            got = source.read(buf, limit, buf.length - limit);
        } catch (IOException | RuntimeException e) {
            end(source.failed(e));
            return;
        }
        if (got < 0) {
            end(ReadAhead.End.CLEAN);
        } else {
            limit += got;
            read += got;
        }
    }

    /** Makes a chunk's body the continuation of the window. */
    private void take(ReadAhead.Chunk c) {
        int tail = limit - pos;
        byte[] body = c.data();
        if (tail <= ReadAhead.HEADROOM) {
            // the unread end goes in front of the chunk body: the window moves to the chunk array, no body copy
            int start = ReadAhead.HEADROOM - tail;
            System.arraycopy(buf, pos, body, start, tail);
            ahead.recycle(buf);
            bufStart += pos - start;
            buf = body;
            pos = start;
            limit = ReadAhead.HEADROOM + c.length();
        } else {
            // a record longer than the headroom spans chunks: join them, growing by doubling
            if (buf.length - limit < c.length() || buf.length == ReadAhead.HEADROOM + ReadAhead.CHUNK) {
                byte[] joined = new byte[(int) Math.min(Math.max(tail + (long) c.length(), 2L * tail),
                        Integer.MAX_VALUE - 16)];
                System.arraycopy(buf, pos, joined, 0, tail);
                ahead.recycle(buf);
                bufStart += pos;
                buf = joined;
                pos = 0;
                limit = tail;
            }
            System.arraycopy(body, ReadAhead.HEADROOM, buf, limit, c.length());
            limit += c.length();
            ahead.recycle(body);
        }
        read += c.length();
    }

    private void end(ReadAhead.End end) {
        switch (end.kind()) {
            case CLEAN -> eof = true;
            case CUT -> {
                eof = true;
                endedEarly = true;
            }
            case FAILED -> {
                eof = true;
                pendingFailure = end.failure();
            }
            case READ_ERROR -> readError = end.failure();
        }
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
        }
        try {
            underlying.close();
        } catch (Exception ignored) {
            // closing a read-only file cannot lose data
        }
    }

    /** A plain file: a read error is the file's error, reported when the parser gets to it. */
    private record ChannelSource(FileChannel channel) implements ReadAhead.Source {
        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(into, off, len));
        }

        @Override
        public ReadAhead.End failed(Exception e) {
            return new ReadAhead.End(ReadAhead.End.Kind.READ_ERROR,
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** A decompressor: its failure ends the stream, and the bytes before it still count. */
    private record DecompressingSource(InputStream in, CountingInputStream counted, long compressedSize)
            implements ReadAhead.Source {
        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            return in.read(into, off, len);
        }

        @Override
        public ReadAhead.End failed(Exception e) {
            if (e instanceof EOFException) {
                return ReadAhead.End.CUT; // gzip stream cut off: keep what was decompressed
            }
            if (!(e instanceof ZipException) && counted.count() >= compressedSize) {
                return ReadAhead.End.CUT; // the decompressor ran out of input in the middle of a frame
            }
            return new ReadAhead.End(ReadAhead.End.Kind.FAILED,
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** Counts the raw bytes read under a decompressor. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
